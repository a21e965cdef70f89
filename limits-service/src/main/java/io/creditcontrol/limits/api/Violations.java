package io.creditcontrol.limits.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects what is wrong with a request, field by field, so the client learns every problem at
 * once; {@link #throwIfAny()} answers 400 naming each field before anything is changed.
 */
final class Violations {

    static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$");
    static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

    private final List<Problem.Violation> list = new ArrayList<>();

    void add(String field, String message) {
        list.add(new Problem.Violation(field, message));
    }

    boolean check(boolean ok, String field, String message) {
        if (!ok) {
            add(field, message);
        }
        return ok;
    }

    void id(String value, String field) {
        if (check(value != null && !value.isBlank(), field, "is required")) {
            check(ID.matcher(value).matches(), field, "must be 1 to 64 letters, digits or ._:- starting with a letter or digit");
        }
    }

    void text(String value, String field, int max) {
        if (check(value != null && !value.isBlank(), field, "is required")) {
            check(value.length() <= max, field, "must be at most " + max + " characters");
        }
    }

    /** A list's page size: 1 to {@code max}. */
    void pageSize(int value, int max) {
        check(value >= 1 && value <= max, "pageSize", "must be between 1 and " + max);
    }

    /** An ISO 4217 code; returns its minor-unit digits, or -1 when it is no currency. */
    int currency(String value, String field) {
        if (!check(value != null && !value.isBlank(), field, "is required")) {
            return -1;
        }
        if (!CURRENCY.matcher(value).matches()) {
            add(field, "must be an ISO 4217 currency code such as EUR");
            return -1;
        }
        try {
            return Math.max(0, Currency.getInstance(value).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            add(field, "is not an ISO 4217 currency: " + value);
            return -1;
        }
    }

    /** An amount in a currency with {@code digits} minor units (-1: currency unknown, scale not checked). */
    void amount(BigDecimal value, String field, int digits, boolean zeroAllowed) {
        if (!check(value != null, field, "is required")) {
            return;
        }
        if (zeroAllowed ? value.signum() < 0 : value.signum() <= 0) {
            add(field, zeroAllowed ? "must not be negative" : "must be greater than zero");
            return;
        }
        BigDecimal plain = value.stripTrailingZeros();
        if (digits >= 0 && plain.scale() > digits) {
            add(field, "has " + plain.scale() + " decimals; the currency allows " + digits);
        } else if (plain.precision() - plain.scale() > 15) {
            add(field, "must have at most 15 integer digits");
        }
    }

    /** An optional share (decimal fraction): 0 < share <= 1, at most 6 decimals. */
    void share(BigDecimal value, String field) {
        if (value == null) {
            return;
        }
        if (check(value.signum() > 0 && value.compareTo(BigDecimal.ONE) <= 0, field, "must be greater than 0 and at most 1 (a fraction: 0.05 = 5 %)")) {
            check(value.stripTrailingZeros().scale() <= 6, field, "must have at most 6 decimals");
        }
    }

    void throwIfAny() {
        if (!list.isEmpty()) {
            throw ProblemException.badRequest(List.copyOf(list));
        }
    }
}
