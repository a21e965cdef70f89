package io.creditcontrol.scoring.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;

/**
 * The credit scoring model's parameters: weights, windows and grade boundaries. They are
 * configuration, not code, so that a recalibration is a reviewed configuration change; every
 * stored score records {@link #modelVersion()}, which must change whenever any value here does.
 * docs/scoring.md explains each value and why it was chosen.
 */
@ConfigMapping(prefix = "credit.scoring")
public interface ScoringConfig {

    /** Recorded on every stored score and every credit.score.changed event. */
    String modelVersion();

    /** A buyer is re-scored at least this often, even when nothing about it was reported. */
    Duration reviewCycle();

    /** Payment behaviour: the recent window that is compared with the longer history (trend). */
    int recentWindowDays();

    /** Payment behaviour: the history the PAYDEX-style index and the late share are taken over. */
    int historyWindowDays();

    /** Fewer settled invoices in the history window than this is no usable payment record. */
    int minSettledInvoices();

    /** A financial statement whose period ended longer ago than this is not used. */
    int statementMaxAgeMonths();

    /** Log-odds of default of a buyer on whom every factor is neutral. */
    double intercept();

    Weights weights();

    /** Log-odds added when there is no usable payment record (the cautious default). */
    double missingPaymentLoading();

    /** Log-odds added when there is no usable financial statement. */
    double missingFinancialsLoading();

    /** The best grade a buyer can get with PARTIAL data. */
    int partialDataBestGrade();

    /** The best grade a buyer can get with INSUFFICIENT data. */
    int insufficientDataBestGrade();

    /**
     * Upper bounds of the 12-month probability of default for grades 1 to 8 (ascending); a
     * probability at or above the last bound is grade 9. Grade 10 (default) is only given for an
     * insolvency filing.
     */
    List<Double> gradeUpperBounds();

    /** The most the risk signals together can add, in log-odds. */
    double signalEffectCap();

    /** Effect of each warning signal type (except INSOLVENCY_FILING, which forces grade 10). */
    Map<String, SignalRule> signals();

    /** Group risk: how a parent company graded worse than the buyer weighs on the buyer (docs/scoring.md). */
    Group group();

    interface Group {
        /** log-odds of default added per grade the parent is worse than the buyer on its own; 0 switches group risk off */
        double weightPerGrade();

        /** the most the parent can add, in log-odds */
        double maxEffect();
    }

    /** The stability rule (hysteresis) of the grade mapping: docs/scoring.md, section 5. */
    Stability stability();

    interface Stability {
        /**
         * How far, in log-odds of default, the PD must be beyond the boundary between the current
         * grade and an adjacent one before the buyer moves to it (up or down); 0 switches the rule off.
         */
        double margin();

        /** A downgrade to this grade or worse applies at once (as limits and alerts treat it as bad). */
        int badGrade();
    }

    /** How much a signal's severity scales its effect. */
    Severity severity();

    /** Each weight multiplies its factor's value (see docs/scoring.md) into log-odds of default. */
    interface Weights {
        double paydex();

        double lateShare();

        double daysPastDue();

        double disputeRate();

        double trend();

        double financialStrength();

        double riskSignals();

        double relationship();

        /** Per promise to pay broken in the history window (at most 5 counted). */
        double brokenPromises();
    }

    interface SignalRule {
        /** Log-odds added on the day the signal is observed, at MEDIUM severity. */
        double effect();

        /** The effect halves every so many days. */
        int halfLifeDays();

        /** After this many days the signal no longer counts at all. */
        int expiresAfterDays();
    }

    interface Severity {
        double low();

        double medium();

        double high();
    }
}
