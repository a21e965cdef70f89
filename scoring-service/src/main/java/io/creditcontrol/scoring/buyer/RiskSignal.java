package io.creditcontrol.scoring.buyer;

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
 * A warning signal about the buyer (insolvency filing, bank-account change, management change,
 * ...). Signals are never edited or removed: the history is what the grade will be argued from.
 */
@Entity
@Table(name = "risk_signal")
public class RiskSignal extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "buyer_id")
    public String buyerId;
    public String signal;
    @Column(name = "observed_on")
    public LocalDate observedOn;
    public String severity;
    public String description;
    public String source;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "reported_at")
    public Instant reportedAt;
    /** The authenticated principal who reported it through the API; null from other producers. */
    @Column(name = "submitted_by")
    public String submittedBy;

    public static List<RiskSignal> ofBuyer(String buyerId) {
        return list("buyerId = ?1 order by observedOn, id", buyerId);
    }
}
