package io.creditcontrol.alerts.webhook;

/** A webhook target URL that may not be used; the message says why (it names no secret). */
public class RefusedTargetException extends RuntimeException {

    public RefusedTargetException(String reason) {
        super(reason);
    }
}
