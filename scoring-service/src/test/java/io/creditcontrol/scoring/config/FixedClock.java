package io.creditcontrol.scoring.config;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** In tests "today" is always {@link #TODAY}, so overdue days are exact. Replaces {@link ClockProducer}'s clock. */
public class FixedClock {

    public static final LocalDate TODAY = LocalDate.parse("2026-11-23");

    @Produces
    @Singleton
    Clock clock() {
        return Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    }
}
