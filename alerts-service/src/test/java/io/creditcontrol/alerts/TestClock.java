package io.creditcontrol.alerts;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Every test runs on the same business day, so "overdue" and "days late" have fixed answers. */
public class TestClock {

    public static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Produces
    @Singleton
    Clock clock() {
        return Clock.fixed(TODAY.atTime(9, 30).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }
}
