package io.creditcontrol.alerts.alert;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One alert: a rule fired for a buyer and a cause. While it is not resolved, the same rule firing
 * again for the same buyer and cause is folded into it ({@link #fireCount} goes up) instead of
 * opening another one. {@code openCauseKey} equals {@code causeKey} until the alert is resolved
 * and is null afterwards; the database keeps (buyer, rule, openCauseKey) unique, so there is at
 * most one unresolved alert per buyer, rule and cause.
 */
@Entity
@Table(name = "alert")
public class Alert extends PanacheEntityBase {

    @Id
    @Column(name = "alert_id")
    public String alertId;
    @Column(name = "buyer_id")
    public String buyerId;
    @Enumerated(EnumType.STRING)
    public AlertRule rule;
    @Column(name = "cause_key")
    public String causeKey;
    @Column(name = "open_cause_key")
    public String openCauseKey;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    @Enumerated(EnumType.STRING)
    public AlertState state;
    @Column(name = "fire_count")
    public int fireCount;
    public String summary;
    /** What the rule compares a later fact with to see the cause clear (grade before a downgrade, limit before a cut). */
    public String baseline;
    @Column(name = "raised_at")
    public Instant raisedAt;
    @Column(name = "last_fired_at")
    public Instant lastFiredAt;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "acknowledged_by")
    public String acknowledgedBy;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "resolved_by")
    public String resolvedBy;
    @Version
    public long version;

    public boolean isResolved() {
        return state == AlertState.RESOLVED;
    }

    /** The unresolved alert of this buyer, rule and cause, if there is one. */
    public static Alert unresolved(String buyerId, AlertRule rule, String causeKey) {
        return find("buyerId = ?1 and rule = ?2 and openCauseKey = ?3", buyerId, rule, causeKey).firstResult();
    }

    public static List<Alert> unresolvedOf(String buyerId, AlertRule rule) {
        return list("buyerId = ?1 and rule = ?2 and openCauseKey is not null", buyerId, rule);
    }

    public static List<Alert> unresolvedOf(AlertRule rule) {
        return list("rule = ?1 and openCauseKey is not null order by raisedAt", rule);
    }
}
