package io.creditcontrol.limits.config;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The seller's business calendar: which day "today" is when an invoice's due date is compared with it. */
@ConfigMapping(prefix = "credit.calendar")
public interface CalendarConfig {

    /** Time zone of the seller's business calendar, e.g. Europe/Berlin. */
    @WithDefault("UTC")
    ZoneId zone();
}
