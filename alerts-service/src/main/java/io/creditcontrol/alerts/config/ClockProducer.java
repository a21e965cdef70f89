package io.creditcontrol.alerts.config;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.creditcontrol.alerts.simulation.SimulationClock;
import io.quarkus.arc.DefaultBean;

/**
 * The service's notion of "now" and "today": real UTC time, or the simulation clock when
 * {@code credit.simulation.clock-adjustable} is set (docs/simulator.md). Tests replace it to move time.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(SimulationConfig simulation, SimulationClock simulationClock) {
        return simulation.clockAdjustable() ? simulationClock : Clock.systemUTC();
    }
}
