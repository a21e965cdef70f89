package io.creditcontrol.alerts.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.creditcontrol.alerts.rules.LatePaymentPredictor.PastInvoice;
import io.creditcontrol.alerts.rules.LatePaymentPredictor.Prediction;

/**
 * How often "predicted late payment" is right, measured on a synthetic ledger seeded with a fixed
 * number (the same figures every run): 300 buyers of five payment behaviours, invoices from
 * 2025-01-01 to 2026-10-31. Every invoice due from 2025-07-01 on is predicted 15 days before its
 * due date, exactly as the rule does (defaults of application.properties, only what was known that
 * day), and compared with when it was actually paid. Prints precision and recall beside two naive
 * baselines; docs/alerts.md quotes the figures.
 * <p>
 * Run: {@code ./mvnw -pl alerts-service test -Dtest=LatePaymentPredictionAccuracyTest}
 */
class LatePaymentPredictionAccuracyTest {

    static final long SEED = 20261124L;
    static final int LOOKAHEAD_DAYS = 15;
    static final int GRACE_DAYS = 5;
    static final double THRESHOLD = 0.5;
    static final int MINIMUM_HISTORY = 3;
    static final LocalDate EVALUATE_FROM = LocalDate.of(2025, 7, 1);

    enum Behaviour { PUNCTUAL, OCCASIONALLY_LATE, CHRONICALLY_LATE, DETERIORATING, ERRATIC }

    record Invoice(LocalDate issued, LocalDate due, LocalDate settled) {
    }

    record Buyer(Behaviour behaviour, List<Invoice> invoices) {
    }

    @Test
    void measuresPrecisionAndRecallOnASeededSyntheticLedger() {
        List<Buyer> ledger = ledger(new Random(SEED), 300);
        LatePaymentPredictor predictor = new LatePaymentPredictor(GRACE_DAYS, 365, 90);

        Score rule = new Score();
        Score lastInvoiceLate = new Score();
        Score everyoneLate = new Score();
        for (Buyer buyer : ledger) {
            List<PastInvoice> history = buyer.invoices().stream().map(i -> new PastInvoice(i.due(), i.settled())).toList();
            for (Invoice target : buyer.invoices()) {
                if (target.due().isBefore(EVALUATE_FROM)) {
                    continue;
                }
                LocalDate asOf = target.due().minusDays(LOOKAHEAD_DAYS);
                boolean late = target.settled().isAfter(target.due().plusDays(GRACE_DAYS));
                Prediction prediction = predictor.predict(history, asOf);
                rule.add(prediction.likelyLate(THRESHOLD, MINIMUM_HISTORY), late);
                lastInvoiceLate.add(lastKnownWasLate(buyer.invoices(), asOf), late);
                everyoneLate.add(true, late);
            }
        }
        System.out.printf("Predicted late payment, %d invoices of %d buyers (seed %d), flagged %d days ahead:%n",
                rule.total(), ledger.size(), SEED, LOOKAHEAD_DAYS);
        System.out.printf("  actually late: %.1f %%%n", 100.0 * rule.positives() / rule.total());
        System.out.printf("  rule (weighted late share >= %.2f, >= %d observations): %s%n", THRESHOLD, MINIMUM_HISTORY, rule);
        System.out.printf("  baseline, previous known invoice was late:            %s%n", lastInvoiceLate);
        System.out.printf("  baseline, flag every invoice:                          %s%n", everyoneLate);

        // the rule must be clearly better than guessing: its precision well above the share of late
        // invoices, and it must find most late invoices of buyers it knows
        double baseRate = (double) rule.positives() / rule.total();
        assertTrue(rule.precision() > baseRate + 0.25, "precision " + rule.precision() + " against base rate " + baseRate);
        assertTrue(rule.recall() > 0.6, "recall " + rule.recall());
        assertTrue(rule.f1() > lastInvoiceLate.f1(), "better than the previous-invoice baseline: " + rule + " vs " + lastInvoiceLate);
    }

    /** Whether the last invoice settled (or overdue) before {@code asOf} was late. */
    private static boolean lastKnownWasLate(List<Invoice> invoices, LocalDate asOf) {
        Invoice last = null;
        for (Invoice invoice : invoices) {
            boolean known = !invoice.settled().isAfter(asOf) || invoice.due().plusDays(GRACE_DAYS).isBefore(asOf);
            if (known && invoice.due().isBefore(asOf) && (last == null || invoice.due().isAfter(last.due()))) {
                last = invoice;
            }
        }
        return last != null && (last.settled().isAfter(asOf) || last.settled().isAfter(last.due().plusDays(GRACE_DAYS)));
    }

    static List<Buyer> ledger(Random random, int buyers) {
        List<Buyer> ledger = new ArrayList<>();
        for (int b = 0; b < buyers; b++) {
            double pick = random.nextDouble();
            Behaviour behaviour = pick < 0.40 ? Behaviour.PUNCTUAL : pick < 0.65 ? Behaviour.OCCASIONALLY_LATE
                    : pick < 0.80 ? Behaviour.CHRONICALLY_LATE : pick < 0.95 ? Behaviour.DETERIORATING : Behaviour.ERRATIC;
            int terms = random.nextBoolean() ? 30 : 60;
            LocalDate turn = LocalDate.of(2025, 9, 1).plusDays(random.nextInt(300));
            List<Invoice> invoices = new ArrayList<>();
            for (LocalDate issued = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(20)); issued.isBefore(LocalDate.of(2026, 11, 1));
                    issued = issued.plusDays(10 + random.nextInt(21))) {
                LocalDate due = issued.plusDays(terms);
                long delay = delay(behaviour, due, turn, random);
                LocalDate settled = due.plusDays(delay);
                if (settled.isBefore(issued)) {
                    settled = issued;
                }
                invoices.add(new Invoice(issued, due, settled));
            }
            ledger.add(new Buyer(behaviour, invoices));
        }
        return ledger;
    }

    /** Days after the due date the invoice is paid (negative: early). */
    private static long delay(Behaviour behaviour, LocalDate due, LocalDate turn, Random random) {
        return switch (behaviour) {
            case PUNCTUAL -> random.nextDouble() < 0.05 ? 1 + random.nextInt(10) : -random.nextInt(6);
            case OCCASIONALLY_LATE -> random.nextDouble() < 0.25 ? 3 + random.nextInt(28) : -random.nextInt(5);
            case CHRONICALLY_LATE -> random.nextDouble() < 0.85 ? 5 + Math.round(Math.abs(random.nextGaussian() * 15)) : -random.nextInt(3);
            case DETERIORATING -> {
                long monthsAfterTurn = due.isAfter(turn) ? ChronoUnit.MONTHS.between(turn, due) : -1;
                double lateChance = monthsAfterTurn < 0 ? 0.05 : Math.min(0.9, 0.3 + 0.15 * monthsAfterTurn);
                yield random.nextDouble() < lateChance ? 3 + random.nextInt(10 + 5 * (int) Math.max(0, monthsAfterTurn)) : -random.nextInt(5);
            }
            case ERRATIC -> random.nextBoolean() ? 1 + random.nextInt(40) : -random.nextInt(10);
        };
    }

    /** A confusion matrix. */
    static final class Score {
        int truePositives;
        int falsePositives;
        int falseNegatives;
        int trueNegatives;

        void add(boolean predictedLate, boolean late) {
            if (predictedLate && late) {
                truePositives++;
            } else if (predictedLate) {
                falsePositives++;
            } else if (late) {
                falseNegatives++;
            } else {
                trueNegatives++;
            }
        }

        int total() {
            return truePositives + falsePositives + falseNegatives + trueNegatives;
        }

        int positives() {
            return truePositives + falseNegatives;
        }

        double precision() {
            return truePositives + falsePositives == 0 ? 0 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return positives() == 0 ? 0 : (double) truePositives / positives();
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        double accuracy() {
            return (double) (truePositives + trueNegatives) / total();
        }

        @Override
        public String toString() {
            return "precision %.3f, recall %.3f, F1 %.3f, accuracy %.3f (TP %d, FP %d, FN %d, TN %d)".formatted(precision(), recall(), f1(),
                    accuracy(), truePositives, falsePositives, falseNegatives, trueNegatives);
        }
    }
}
