package io.creditcontrol.alerts.alert;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One entry of an alert's history: what happened, the state after it, who did it and why. */
@Entity
@Table(name = "alert_transition")
public class AlertTransition extends PanacheEntityBase {

    /** What happened to the alert. */
    public enum Action { RAISED, FIRED_AGAIN, SEVERITY_RAISED, ACKNOWLEDGED, RESOLVED }

    /** The actor of everything the rules do by themselves. */
    public static final String SYSTEM = "system";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "alert_id")
    public String alertId;
    @Column(name = "happened_at")
    public Instant happenedAt;
    @Enumerated(EnumType.STRING)
    public Action action;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_state")
    public AlertState fromState;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_state")
    public AlertState toState;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    @Column(name = "fire_count")
    public int fireCount;
    public String actor;
    public String note;

    public static List<AlertTransition> of(String alertId) {
        return list("alertId = ?1 order by id", alertId);
    }
}
