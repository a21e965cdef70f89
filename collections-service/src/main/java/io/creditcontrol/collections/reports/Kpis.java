package io.creditcontrol.collections.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** The collection ratios, as plain arithmetic (docs/collections.md gives the formulas). */
public final class Kpis {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Kpis() {
    }

    /** One month of the countback, latest first: its length in days and what was invoiced in it. */
    public record Period(int days, BigDecimal sales) {
    }

    /** days: the DSO; monthsUsed: how many months it reached back; exhausted: the receivables outlasted every month given. */
    public record Countback(BigDecimal days, int monthsUsed, boolean exhausted) {
    }

    /**
     * DSO by the countback method: the receivables are matched against the sales of the latest
     * month, then the month before, and so on; each month wholly absorbed counts its days, the
     * last one the fraction of its sales still needed.
     */
    public static Countback dsoCountback(BigDecimal receivables, List<Period> periods) {
        BigDecimal remaining = receivables;
        BigDecimal days = BigDecimal.ZERO;
        int used = 0;
        for (Period period : periods) {
            if (remaining.signum() <= 0) {
                break;
            }
            used++;
            if (remaining.compareTo(period.sales()) >= 0) {
                days = days.add(BigDecimal.valueOf(period.days()));
                remaining = remaining.subtract(period.sales());
            } else {
                days = days.add(BigDecimal.valueOf(period.days()).multiply(remaining).divide(period.sales(), 10, RoundingMode.HALF_UP));
                remaining = BigDecimal.ZERO;
            }
        }
        return new Countback(days.setScale(2, RoundingMode.HALF_UP), used, remaining.signum() > 0);
    }

    /**
     * Collection effectiveness index, in percent: (beginning receivables + credit sales - ending
     * receivables) / (beginning receivables + credit sales - ending current receivables) x 100.
     * Null when the denominator is zero (nothing was collectable).
     */
    public static BigDecimal cei(BigDecimal beginning, BigDecimal sales, BigDecimal ending, BigDecimal endingCurrent) {
        BigDecimal collectable = beginning.add(sales).subtract(endingCurrent);
        if (collectable.signum() == 0) {
            return null;
        }
        return beginning.add(sales).subtract(ending).multiply(HUNDRED).divide(collectable, 2, RoundingMode.HALF_UP);
    }

    /** part / whole in percent, two decimals; null when whole is zero. */
    public static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_UP);
    }
}
