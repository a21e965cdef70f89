package io.creditcontrol.scoring.score;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.creditcontrol.scoring.config.ScoringConfig;
import io.creditcontrol.scoring.config.ScoringConfig.SignalRule;
import io.creditcontrol.scoring.score.ScoreInputs.SignalFact;
import io.creditcontrol.scoring.score.ScoreInputs.StatementFact;

/**
 * The credit scoring model: a transparent scorecard on the log-odds of a 12-month default.
 *
 * <pre>
 * log-odds = intercept + sum over factors of (weight x factor value)
 * PD       = 1 / (1 + e^-log-odds)
 * grade    = the first grade whose configured PD upper bound the PD is below (9 above the last),
 *            held at the buyer's current grade while the PD is within the stability margin of the boundary
 * </pre>
 *
 * Every factor's contribution is reported, so the grade can be argued factor by factor. An
 * insolvency filing overrides everything: grade 10, PD 1, and it never fades. Missing data is
 * never silently neutral: a buyer without a usable payment record or financial statement gets a
 * cautious loading, a grade no better than the configured best for its data quality, and (when it
 * has neither) a probability rounded to two decimals rather than a falsely precise one.
 *
 * <p>Stability rule (hysteresis, {@link ScoringConfig.Stability}): a buyer that already has a grade
 * moves to an adjacent grade only when its PD is beyond the boundary between the two grades by the
 * configured margin in log-odds, the same margin for upgrades and downgrades. A PD that wobbles
 * around a boundary as invoices and payments arrive keeps the grade, so a healthy buyer's limit is
 * not halved and restored every few weeks. Moves of two grades or more, a downgrade into the bad
 * grades, forced grades (insolvency, data-quality cap), a change of data quality and a first
 * assessment apply at once. The PD, factors and reasons are the model's either way.
 */
public final class ScoreModel {

    public static final String INSOLVENCY_FILING = "INSOLVENCY_FILING";
    private static final double MIN_PD = 0.0003;
    private static final int MAX_REASONS = 5;
    private static final double NOTABLE = 0.05;

    private final ScoringConfig config;

    public ScoreModel(ScoringConfig config) {
        this.config = config;
    }

    /** The buyer's grade before this assessment, which the stability rule holds on to. */
    public record CurrentGrade(int grade, DataQuality dataQuality) {
    }

    /** A first assessment: the grade follows from the PD alone. */
    public Assessment assess(ScoreInputs inputs, LocalDate today) {
        return assess(inputs, today, null);
    }

    /**
     * Assesses the buyer as of {@code today}; {@code current} is its grade so far (null for a first
     * assessment), kept under the stability rule while the PD stays within the margin of the boundary.
     */
    public Assessment assess(ScoreInputs inputs, LocalDate today, CurrentGrade current) {
        ScoringConfig.Weights w = config.weights();
        List<Factor> factors = new ArrayList<>();

        // --- payment behaviour -------------------------------------------------------------
        PaymentBehaviour pay = PaymentBehaviour.of(inputs.invoices(), today, config.recentWindowDays(), config.historyWindowDays());
        boolean paymentRecord = pay.settledInvoices() >= config.minSettledInvoices();
        String history = months(config.historyWindowDays());
        if (paymentRecord) {
            factors.add(factor("PAYMENT_INDEX", w.paydex() * (80 - pay.paydex()) / 20.0,
                    "PAYDEX %d: pays %s days beyond terms on average over the last %s (%d invoices settled)",
                    pay.paydex(), days(pay.daysBeyondTerms()), history, pay.settledInvoices()));
            factors.add(factor("LATE_PAYMENT_SHARE", w.lateShare() * pay.lateShare(),
                    "%d of %d invoices settled in the last %s were paid late", pay.settledLate(), pay.settledInvoices(), history));
            Double trend = pay.trend();
            if (trend != null) {
                double x = clamp(trend / 10.0, -1, 3);
                String code = trend > 0.5 ? "DBT_INCREASING" : trend < -0.5 ? "DBT_DECREASING" : "DBT_STABLE";
                String direction = trend > 0.5 ? "up" : trend < -0.5 ? "down" : "about the same as";
                factors.add(factor(code, w.trend() * x, "pays %s days beyond terms (last %s), %s%s %s days in the %s before",
                        days(pay.recentDaysBeyondTerms()), months(config.recentWindowDays()), direction,
                        direction.startsWith("about") ? "" : " from", days(pay.priorDaysBeyondTerms()),
                        months(config.historyWindowDays() - config.recentWindowDays())));
            }
        } else {
            factors.add(factor("NO_PAYMENT_HISTORY", config.missingPaymentLoading(),
                    "only %d invoice(s) settled in the last %s, fewer than the %d needed to judge payment behaviour; a cautious loading is applied",
                    pay.settledInvoices(), history, config.minSettledInvoices()));
        }
        if (pay.currentDaysPastDue() > 0) {
            factors.add(factor("DAYS_PAST_DUE", w.daysPastDue() * Math.min(pay.currentDaysPastDue(), 180) / 30.0,
                    "the oldest undisputed open invoice is %d days past due", pay.currentDaysPastDue()));
        }
        if (pay.disputedInvoices() > 0) {
            factors.add(factor("DISPUTE_RATE", w.disputeRate() * pay.disputeRate(),
                    "%d of %d invoices issued in the last %s were disputed", pay.disputedInvoices(), pay.invoicesIssued(), history));
        }

        long broken = inputs.brokenPromises().stream()
                .filter(d -> d.isAfter(today.minusDays(config.historyWindowDays())) && !d.isAfter(today)).count();
        if (broken > 0) {
            factors.add(factor("BROKEN_PROMISES", w.brokenPromises() * Math.min(broken, 5),
                    "broke %d promise(s) to pay in the last %s", broken, history));
        }

        // --- financial strength --------------------------------------------------------------
        StatementFact statement = inputs.latestStatement();
        Double z = null;
        if (statement != null && !statement.periodEnd().isBefore(today.minusMonths(config.statementMaxAgeMonths()))) {
            z = AltmanZ.of(statement);
        }
        boolean financials = z != null;
        if (financials) {
            double x = clamp((AltmanZ.SAFE - z) / 1.5, -2, 3);
            factors.add(factor("FINANCIAL_STRENGTH", w.financialStrength() * x, "Altman Z'' %s (%s) from the statement for the period ending %s",
                    String.format(Locale.ROOT, "%.2f", z), AltmanZ.zone(z), statement.periodEnd()));
        } else {
            factors.add(factor("NO_FINANCIAL_STATEMENT", config.missingFinancialsLoading(), statement == null
                    ? "no financial statement on file; a cautious loading is applied"
                    : "the latest financial statement (period ending " + statement.periodEnd() + ") is older than "
                            + config.statementMaxAgeMonths() + " months or unusable; a cautious loading is applied"));
        }

        // --- risk signals ----------------------------------------------------------------------
        SignalFact insolvency = null;
        List<Factor> signalFactors = new ArrayList<>();
        for (SignalFact signal : inputs.signals()) {
            if (signal.observedOn().isAfter(today)) {
                continue;
            }
            if (INSOLVENCY_FILING.equals(signal.signal())) {
                insolvency = insolvency == null || signal.observedOn().isBefore(insolvency.observedOn()) ? signal : insolvency;
                continue;
            }
            double effect = signalEffect(signal, today);
            if (effect > 0) {
                signalFactors.add(factor(signal.signal(), w.riskSignals() * effect, "%s reported on %s%s%s",
                        signal.signal().toLowerCase(Locale.ROOT).replace('_', ' '), signal.observedOn(),
                        signal.severity() == null ? "" : " (" + signal.severity() + ")",
                        signal.description() == null || signal.description().isBlank() ? "" : ": " + signal.description()));
            }
        }
        double signalTotal = signalFactors.stream().mapToDouble(f -> -f.impact()).sum();
        double cap = w.riskSignals() * config.signalEffectCap();
        double scale = signalTotal > cap ? cap / signalTotal : 1.0;
        signalFactors.forEach(f -> factors.add(new Factor(f.code(), f.description(), round(f.impact() * scale))));

        // --- relationship ---------------------------------------------------------------------
        if (inputs.relationshipStart() == null || inputs.relationshipStart().isAfter(today)) {
            factors.add(factor("RELATIONSHIP_NEW", w.relationship(), "no trading history with the seller yet"));
        } else {
            long monthsTrading = ChronoUnit.MONTHS.between(inputs.relationshipStart(), today);
            double x = clamp((24 - monthsTrading) / 24.0, 0, 1);
            factors.add(factor(x > 0 ? "RELATIONSHIP_NEW" : "RELATIONSHIP_ESTABLISHED", w.relationship() * x,
                    "trading with the seller for %d months, since %s", monthsTrading, inputs.relationshipStart()));
        }

        // --- combination -----------------------------------------------------------------------
        DataQuality quality = paymentRecord && financials ? DataQuality.FULL
                : paymentRecord || financials ? DataQuality.PARTIAL : DataQuality.INSUFFICIENT;
        double logOdds = config.intercept() - factors.stream().mapToDouble(Factor::impact).sum();
        double pd = Math.max(MIN_PD, 1 / (1 + Math.exp(-logOdds)));

        // --- group: a parent company graded worse pulls the buyer towards its grade -------------
        ScoreInputs.ParentFact parent = inputs.parent();
        if (parent != null && insolvency == null) {
            int alone = gradeOf(pd);
            int gap = parent.grade() - alone;
            double contribution = Math.min(config.group().weightPerGrade() * gap, config.group().maxEffect());
            if (gap > 0 && contribution > 0) {
                Factor group = factor("PARENT_WEAKER", contribution, "parent company %s is graded %d, %d grade(s) worse than the "
                        + "buyer's own grade %d", parent.buyerId(), parent.grade(), gap, alone);
                factors.add(group);
                logOdds += contribution;
                pd = Math.max(MIN_PD, 1 / (1 + Math.exp(-logOdds)));
            }
        }
        List<Factor> forced = new ArrayList<>();
        int grade;
        if (insolvency != null) {
            grade = 10;
            pd = 1.0;
            forced.add(new Factor(INSOLVENCY_FILING, String.format(Locale.ROOT,
                    "insolvency filing reported on %s%s: grade 10 (default) whatever the other factors say",
                    insolvency.observedOn(), insolvency.description() == null || insolvency.description().isBlank() ? "" : " (" + insolvency.description() + ")"),
                    round(logOdds - logit(1 - 1e-6))));
        } else {
            grade = gradeOf(pd);
            int best = quality == DataQuality.FULL ? 1
                    : quality == DataQuality.PARTIAL ? config.partialDataBestGrade() : config.insufficientDataBestGrade();
            if (grade < best) {
                double floor = config.gradeUpperBounds().get(best - 2);
                forced.add(new Factor("DATA_QUALITY_CAP", String.format(Locale.ROOT,
                        "grade %d would follow from the factors, but with %s data the best grade given is %d", grade, quality, best),
                        round(logit(pd) - logit(Math.max(pd, floor)))));
                grade = best;
                pd = Math.max(pd, floor);
            } else {
                grade = stableGrade(current, grade, pd, quality);
            }
        }
        BigDecimal probability = quality == DataQuality.INSUFFICIENT && pd < 1.0
                ? BigDecimal.valueOf(pd).setScale(2, RoundingMode.CEILING)
                : BigDecimal.valueOf(pd).setScale(4, RoundingMode.HALF_UP);
        List<Factor> reasons = new ArrayList<>(forced);
        factors.stream()
                .filter(f -> Math.abs(f.impact()) >= NOTABLE)
                .sorted(Comparator.comparingDouble((Factor f) -> Math.abs(f.impact())).reversed())
                .limit(MAX_REASONS)
                .forEach(reasons::add);
        return new Assessment(grade, probability, quality, config.modelVersion(), List.copyOf(factors), List.copyOf(reasons), pay, z);
    }

    /** The grade for a probability of default: 1 below the first bound, ..., 9 at or above the last. */
    public int gradeOf(double pd) {
        List<Double> bounds = config.gradeUpperBounds();
        for (int i = 0; i < bounds.size(); i++) {
            if (pd < bounds.get(i)) {
                return i + 1;
            }
        }
        return bounds.size() + 1;
    }

    /**
     * The grade after the stability rule: the {@code indicated} grade (from the PD alone), unless
     * the buyer's current grade is adjacent to it, with the same data quality, and the PD is not yet
     * beyond the boundary between the two by the stability margin (in log-odds, either direction).
     * A downgrade into the bad grades is never held.
     */
    int stableGrade(CurrentGrade current, int indicated, double pd, DataQuality quality) {
        List<Double> bounds = config.gradeUpperBounds();
        if (current == null || current.dataQuality() != quality || Math.abs(indicated - current.grade()) != 1
                || current.grade() > bounds.size() + 1
                || (indicated > current.grade() && indicated >= config.stability().badGrade())) {
            return indicated;
        }
        double boundary = bounds.get(Math.min(indicated, current.grade()) - 1); // upper PD bound of the better grade
        double beyond = Math.abs(logit(pd) - logit(boundary));
        return beyond >= config.stability().margin() ? indicated : current.grade();
    }

    /**
     * A signal's effect today: full on the day observed, scaled by severity, halving every
     * half-life, and gone after its expiry. An insolvency filing is not handled here: it never fades.
     */
    double signalEffect(SignalFact signal, LocalDate today) {
        SignalRule rule = config.signals().get(signal.signal());
        if (rule == null) {
            return 0;
        }
        long age = ChronoUnit.DAYS.between(signal.observedOn(), today);
        if (age < 0 || age > rule.expiresAfterDays()) {
            return 0;
        }
        double severity = signal.severity() == null ? config.severity().medium() : switch (signal.severity()) {
            case "LOW" -> config.severity().low();
            case "HIGH" -> config.severity().high();
            default -> config.severity().medium();
        };
        return rule.effect() * severity * Math.pow(0.5, (double) age / rule.halfLifeDays());
    }

    /** A factor whose contribution to the log-odds of default is {@code contribution}; its impact is the opposite. */
    private static Factor factor(String code, double contribution, String description, Object... args) {
        return new Factor(code, args.length == 0 ? description : String.format(Locale.ROOT, description, args), round(-contribution));
    }

    private static double round(double value) {
        double rounded = Math.round(value * 100) / 100.0;
        return rounded == 0 ? 0.0 : rounded; // no "-0.0"
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static String days(Double days) {
        if (days == null) {
            return "?";
        }
        return days == Math.rint(days) ? String.valueOf(days.longValue()) : String.format(Locale.ROOT, "%.1f", days);
    }

    private static String months(int days) {
        long months = Math.round(days / 30.4);
        return months == 12 ? "12 months" : months == 1 ? "month" : months + " months";
    }
}
