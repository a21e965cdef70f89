package io.creditcontrol.alerts.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The delivery clock in tests: the real time (receivers check webhook-timestamp against their
 * wall clock) unless a test freezes it and moves it by hand to walk through the retry schedule.
 * Stays within the receiver's 5-minute tolerance unless a test means to go stale.
 */
@Alternative
@Priority(1)
@Singleton
@DeliveryClock
public class AdjustableDeliveryClock extends Clock {

    private volatile Instant frozenAt;

    public Instant freeze() {
        frozenAt = Instant.now();
        return frozenAt;
    }

    public void freezeAt(Instant at) {
        frozenAt = at;
    }

    public void advance(Duration by) {
        frozenAt = instant().plus(by);
    }

    public void reset() {
        frozenAt = null;
    }

    @Override
    public Instant instant() {
        Instant frozen = frozenAt;
        return frozen != null ? frozen : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
