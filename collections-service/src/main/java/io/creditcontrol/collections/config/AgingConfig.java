package io.creditcontrol.collections.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Aging buckets: the upper bounds, in days past due, of each overdue bucket but the last. */
@ConfigMapping(prefix = "credit.aging")
public interface AgingConfig {

    /** 30,60,90 gives current, 1-30, 31-60, 61-90 and 90+ days past due. */
    @WithDefault("30,60,90")
    List<Integer> bucketBoundaries();
}
