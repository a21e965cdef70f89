package io.creditcontrol.alerts.api;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * An amount written as an accountant reads it: at its currency's scale (2 decimals for EUR,
 * USD, GBP, CNY; none for JPY), as a string, so no client parses it into floating point. A
 * digit beyond that scale is never rounded away (amounts are stored with 4 decimals, and a
 * reconciliation must show a difference of 0.0001 rather than hide it).
 */
final class CurrencyAmount {

    private CurrencyAmount() {
    }

    static String text(BigDecimal amount, String currency) {
        int scale = Math.max(fractionDigits(currency), amount.stripTrailingZeros().scale());
        return amount.setScale(scale).toPlainString();
    }

    /** The ISO 4217 minor unit (java.util.Currency); 0 for a code the JDK does not know or one without minor unit. */
    private static int fractionDigits(String currency) {
        try {
            return Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        } catch (IllegalArgumentException unknown) {
            return 0;
        }
    }
}
