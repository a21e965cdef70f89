package io.creditcontrol.alerts.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

/**
 * The clock of a simulated year: real time shifted by an offset that {@link #set} changes, so that
 * a scenario can move the service's "today" day by day while timestamps within a day still
 * increase. It is the service's {@link Clock} only when {@code credit.simulation.clock-adjustable}
 * is set ({@code ClockProducer}); every bean holding the clock sees a change at once.
 */
@Singleton
@Typed(SimulationClock.class) // not a Clock bean of its own: ClockProducer decides which clock the service runs on
public class SimulationClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** From now on the clock reads {@code now}, and keeps ticking in real time from there. */
    public void set(Instant now) {
        offset.set(Duration.between(Instant.now(), now));
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(getZone())) {
            return this;
        }
        SimulationClock simulation = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return simulation.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return simulation.withZone(other);
            }
        };
    }
}
