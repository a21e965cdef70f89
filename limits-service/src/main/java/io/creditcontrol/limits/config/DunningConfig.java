package io.creditcontrol.limits.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How far dunning may go before the credit check refers a buyer's orders to an analyst. */
@ConfigMapping(prefix = "credit.dunning")
public interface DunningConfig {

    /** Highest dunning level (dunning steps after the due date) on an open invoice at which orders are referred. */
    @WithDefault("2")
    int referLevel();
}
