package io.creditcontrol.alerts.alert;

/** The early-warning rules (docs/alerts.md explains each). The name is the alert's {@code rule}. */
public enum AlertRule {
    PAYMENT_CYCLE_LENGTHENING,
    PREDICTED_LATE_PAYMENT,
    GRADE_DOWNGRADE,
    LIMIT_UTILISATION,
    LIMIT_CUT,
    ORDER_BLOCKED,
    OVERDUE,
    BROKEN_PROMISE,
    ESCALATION,
    INSURER_DEADLINE,
    RISK_SIGNAL,
    CONCENTRATION,
    /** Operational: a webhook endpoint kept failing and was disabled. */
    WEBHOOK_ENDPOINT_DISABLED
}
