package io.creditcontrol.limits.credit;

/**
 * Which bound a limit rests on, so an analyst (and alerts) can tell why a buyer has the limit it has:
 * <ul>
 * <li>{@code ABSOLUTE}: the grade's absolute maximum (the lowest bound, or the grade has no share bounds);
 * <li>{@code REVENUE_SHARE} / {@code EQUITY_SHARE}: the grade's share of the buyer's latest revenue /
 *     book equity (equity of zero or below: 0);
 * <li>{@code NO_FINANCIALS}: the grade sizes limits by financials but no usable statement is known
 *     (none, older than the policy allows, or in a currency without FX rate): the absolute maximum,
 *     capped at the policy's maximum for buyers without financials;
 * <li>{@code MANUAL}: an analyst's limit (maker-checker), not cut since;
 * <li>{@code INSURANCE_COVER} (decisions only): the insurer's cover capped the limit the check used.
 * </ul>
 */
public enum LimitBasis {
    ABSOLUTE, REVENUE_SHARE, EQUITY_SHARE, NO_FINANCIALS, MANUAL, INSURANCE_COVER
}
