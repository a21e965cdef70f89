package io.creditcontrol.alerts.webhook;

import java.util.Locale;

/** How urgent an alert is, in increasing order; a subscription receives its minimum and above. */
public enum Severity {
    INFO, WARNING, HIGH, CRITICAL;

    /** The severity named (any case), or null when the name is not one of these. */
    public static Severity parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Whether an alert of severity {@code alertSeverity} reaches a subscriber asking for
     * {@code minimum} and above. An alert severity this service does not know (a rule added a
     * new level) reaches every subscriber: an extra message is cheaper than a missed warning.
     */
    public static boolean reaches(String alertSeverity, Severity minimum) {
        Severity severity = parse(alertSeverity);
        return severity == null || severity.compareTo(minimum) >= 0;
    }
}
