package io.creditcontrol.limits.config;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.creditcontrol.limits.simulation.SimulationClock;
import io.quarkus.arc.DefaultBean;

/**
 * The service's notion of "now" and "today", in the seller's business time zone, so that
 * {@code LocalDate.now(clock)} is the business date due dates are compared with: real time, or the
 * simulation clock when {@code credit.simulation.clock-adjustable} is set (docs/simulator.md).
 * Tests replace it to move time.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(CalendarConfig calendar, SimulationConfig simulation, SimulationClock simulationClock) {
        return simulation.clockAdjustable() ? simulationClock.withZone(calendar.zone()) : Clock.system(calendar.zone());
    }
}
