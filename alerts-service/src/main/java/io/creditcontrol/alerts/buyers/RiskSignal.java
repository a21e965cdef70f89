package io.creditcontrol.alerts.buyers;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One report of a warning signal about a buyer (insolvency filing, bank-account change,
 * management change, ...). Reports are kept as a history: the same signal reported twice is two
 * reports, because the warning rules weigh how often and how recently signals appear.
 */
@Entity
@Table(name = "risk_signal")
public class RiskSignal extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "signal_type")
    public String signal;
    @Column(name = "observed_on")
    public LocalDate observedOn;
    public String severity;
    public String description;
    @Column(name = "signal_source")
    public String source;
    /** Occurrence time of the event that reported it. */
    @Column(name = "reported_at")
    public Instant reportedAt;
    @Column(name = "event_id")
    public String eventId;

    public static List<RiskSignal> ofBuyer(String buyerId) {
        return list("buyerId = ?1 order by observedOn, id", buyerId);
    }
}
