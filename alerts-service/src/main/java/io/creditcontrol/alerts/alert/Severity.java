package io.creditcontrol.alerts.alert;

/** An alert's severity, as the contract's alert event knows them, mildest first. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL;

    public Severity atLeast(Severity other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
