package io.creditcontrol.alerts.webhook;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.inject.Qualifier;

/**
 * The clock webhook delivery runs on. Receivers reject a {@code webhook-timestamp} more than a few
 * minutes from their own wall clock, so deliveries are timed and signed by the real UTC clock,
 * separate from the business clock (which tests fix on one business day). Tests replace this one
 * with an adjustable clock to walk through the retry schedule.
 */
@Qualifier
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, TYPE})
public @interface DeliveryClock {
}
