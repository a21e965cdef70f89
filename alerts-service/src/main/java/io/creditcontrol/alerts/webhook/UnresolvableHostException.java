package io.creditcontrol.alerts.webhook;

/** The target's host has no address now: refused when subscribing, retried when delivering (DNS can recover). */
public class UnresolvableHostException extends RefusedTargetException {

    public UnresolvableHostException(String reason) {
        super(reason);
    }
}
