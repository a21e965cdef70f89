package io.creditcontrol.collections.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Whether the service's clock may be moved through {@code /api/v1/simulation/clock}, for a simulated
 * year fed through the suite (docs/simulator.md). Read at start-up; never set in production.
 */
@ConfigMapping(prefix = "credit.simulation")
public interface SimulationConfig {

    /** {@code true}: the service runs on the {@code SimulationClock}; {@code false}: real time, and the endpoint does not exist. */
    @WithDefault("false")
    boolean clockAdjustable();
}
