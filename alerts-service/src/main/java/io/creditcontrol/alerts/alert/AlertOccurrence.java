package io.creditcontrol.alerts.alert;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One thing an alert was fired for: an event (a broken promise, a blocked order, a risk signal) or
 * an item found by an evaluation (an overdue invoice, an invoice predicted late). An alert counts
 * its distinct occurrences, so evaluating the same facts again never inflates the count. The
 * invoice, when there is one, is what clears invoice-bound alerts once it is settled.
 */
@Entity
@Table(name = "alert_occurrence")
public class AlertOccurrence extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "alert_id")
    public String alertId;
    @Column(name = "occurrence_key")
    public String occurrenceKey;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    @Column(name = "fired_at")
    public Instant firedAt;

    public static boolean exists(String alertId, String occurrenceKey) {
        return count("alertId = ?1 and occurrenceKey = ?2", alertId, occurrenceKey) > 0;
    }

    public static List<AlertOccurrence> of(String alertId) {
        return list("alertId = ?1 order by id", alertId);
    }
}
