package io.creditcontrol.limits;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Replaces the system clock in every test: today is always {@link #TODAY}, so overdue amounts are fixed. */
public class TestClock {

    public static final LocalDate TODAY = LocalDate.of(2026, 11, 15);

    @Produces
    @Singleton
    Clock clock() {
        return Clock.fixed(TODAY.atTime(10, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }
}
