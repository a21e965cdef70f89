package io.creditcontrol.limits.config;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The service's notion of "now" and "today", in the seller's business time zone, so that
 * {@code LocalDate.now(clock)} is the business date due dates are compared with. Tests replace
 * it to move time.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(CalendarConfig calendar) {
        return Clock.system(calendar.zone());
    }
}
