package io.creditcontrol.limits.messaging;

/**
 * A record that can never be applied, however often it is retried: it goes straight to the
 * dead-letter topic with this message as the reason.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String reason) {
        super(reason);
    }
}
