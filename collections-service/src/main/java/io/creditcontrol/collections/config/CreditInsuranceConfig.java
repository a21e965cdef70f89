package io.creditcontrol.collections.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The insurer's deadline for insured buyers: an invoice unpaid this many days past due is in
 * protracted default, which must be reported within the reporting period; the worker raises it
 * some days before the deadline passes.
 */
@ConfigMapping(prefix = "credit.insurer")
public interface CreditInsuranceConfig {

    @WithDefault("90")
    int protractedDefaultAfterDays();

    @WithDefault("15")
    int reportingDays();

    @WithDefault("5")
    int raiseDaysBefore();
}
