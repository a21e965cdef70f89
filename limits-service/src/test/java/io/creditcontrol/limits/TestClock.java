package io.creditcontrol.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Replaces the system clock in every test: today is {@link #TODAY}, so overdue amounts are
 * fixed. A test that needs time to pass (reservation expiry) moves it with {@link #advance} and
 * puts it back with {@link #reset} in a finally block.
 */
public class TestClock {

    public static final LocalDate TODAY = LocalDate.of(2026, 11, 15);
    public static final Instant START = TODAY.atTime(10, 0).toInstant(ZoneOffset.UTC);
    private static final AtomicReference<Instant> NOW = new AtomicReference<>(START);

    public static void advance(Duration duration) {
        NOW.updateAndGet(now -> now.plus(duration));
    }

    public static void reset() {
        NOW.set(START);
    }

    @Produces
    @Singleton
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return Clock.fixed(NOW.get(), zone);
            }

            @Override
            public Instant instant() {
                return NOW.get();
            }
        };
    }
}
