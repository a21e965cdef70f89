package io.creditcontrol.limits.config;

import java.math.BigDecimal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the credit check that are not (yet) part of the versioned credit policy. */
@ConfigMapping(prefix = "credit.insurance")
public interface CreditConfig {

    /**
     * Uninsured tolerance as a share of the insurer's cover: while a cover is valid, the effective
     * limit is min(internal limit, cover x (1 + share)), and the disputed exposure (never insured)
     * must fit within cover x share.
     */
    @WithDefault("0.10")
    BigDecimal uninsuredToleranceShare();
}
