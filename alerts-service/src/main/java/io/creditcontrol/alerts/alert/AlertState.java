package io.creditcontrol.alerts.alert;

/** open -> acknowledged -> resolved; open -> resolved. A resolved alert never reopens: the cause firing again opens a new one. */
public enum AlertState {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED
}
