package io.creditcontrol.scoring.score;

import java.math.BigDecimal;
import java.math.MathContext;

import io.creditcontrol.scoring.score.ScoreInputs.StatementFact;

/**
 * Altman's Z'' (1995) for private, non-manufacturing firms, the form of the Z-score that does
 * not need a market value or asset turnover (so it also fits traders and service companies):
 *
 * <pre>
 * Z'' = 6.56 X1 + 3.26 X2 + 6.72 X3 + 1.05 X4
 * X1 = (current assets - current liabilities) / total assets      liquidity
 * X2 = retained earnings / total assets                            accumulated profitability
 * X3 = EBIT / total assets                                         operating profitability
 * X4 = book equity / total liabilities                             leverage
 * </pre>
 *
 * Zones: above 2.6 safe, 1.1 to 2.6 grey, below 1.1 distress. X4 is capped at 10 so a company
 * with almost no liabilities does not get an unbounded score.
 */
public final class AltmanZ {

    public static final double SAFE = 2.6;
    public static final double DISTRESS = 1.1;
    private static final double MAX_LEVERAGE_RATIO = 10.0;

    private AltmanZ() {
    }

    /** Z'' of the statement; null when total assets are zero (the ratios do not exist). */
    public static Double of(StatementFact s) {
        if (s.totalAssets().signum() <= 0) {
            return null;
        }
        double x1 = ratio(s.currentAssets().subtract(s.currentLiabilities()), s.totalAssets());
        double x2 = ratio(s.retainedEarnings(), s.totalAssets());
        double x3 = ratio(s.ebit(), s.totalAssets());
        double x4 = s.totalLiabilities().signum() == 0
                ? (s.bookEquity().signum() > 0 ? MAX_LEVERAGE_RATIO : 0)
                : Math.min(MAX_LEVERAGE_RATIO, ratio(s.bookEquity(), s.totalLiabilities()));
        double z = 6.56 * x1 + 3.26 * x2 + 6.72 * x3 + 1.05 * x4;
        return Math.round(z * 100) / 100.0;
    }

    public static String zone(double z) {
        return z > SAFE ? "safe zone" : z >= DISTRESS ? "grey zone" : "distress zone";
    }

    private static double ratio(BigDecimal numerator, BigDecimal denominator) {
        return numerator.divide(denominator, MathContext.DECIMAL64).doubleValue();
    }
}
