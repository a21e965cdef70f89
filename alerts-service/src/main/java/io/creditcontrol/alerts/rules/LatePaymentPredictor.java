package io.creditcontrol.alerts.rules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Estimates how likely a buyer is to pay an invoice late from how it paid before (docs/alerts.md,
 * "Predicted late payment"). Every invoice of the buyer whose outcome is known on the day of the
 * prediction is one observation: paid (late when paid more than {@code graceDays} after its due
 * date) or still open past its due date plus grace (late already). Invoices not yet due say
 * nothing yet and are left out. Recent behaviour weighs more: an observation's weight halves every
 * {@code halfLifeDays}; observations older than {@code historyDays} are ignored. The probability is
 * the weighted share of late observations.
 */
public final class LatePaymentPredictor {

    private final int graceDays;
    private final int historyDays;
    private final int halfLifeDays;

    public LatePaymentPredictor(int graceDays, int historyDays, int halfLifeDays) {
        this.graceDays = graceDays;
        this.historyDays = historyDays;
        this.halfLifeDays = halfLifeDays;
    }

    /** One invoice of the buyer: its due date and the day it was settled (null while open). */
    public record PastInvoice(LocalDate dueDate, LocalDate settledOn) {
    }

    /** The estimate: probability of a late payment, from how many observations, of which late. */
    public record Prediction(double probability, int observations, int late) {

        public boolean likelyLate(double threshold, int minimumObservations) {
            return observations >= minimumObservations && probability >= threshold;
        }
    }

    /** The prediction on {@code asOf}, using only what was known that day. */
    public Prediction predict(List<PastInvoice> history, LocalDate asOf) {
        double weightedLate = 0;
        double weights = 0;
        int observations = 0;
        int late = 0;
        for (PastInvoice invoice : history) {
            LocalDate lateAfter = invoice.dueDate().plusDays(graceDays);
            boolean settled = invoice.settledOn() != null && !invoice.settledOn().isAfter(asOf);
            boolean wasLate;
            LocalDate observedOn;
            if (settled) {
                wasLate = invoice.settledOn().isAfter(lateAfter);
                observedOn = invoice.settledOn();
            } else if (lateAfter.isBefore(asOf)) {
                wasLate = true;
                observedOn = asOf;
            } else {
                continue;
            }
            long age = ChronoUnit.DAYS.between(observedOn, asOf);
            if (age > historyDays) {
                continue;
            }
            double weight = Math.pow(0.5, (double) age / halfLifeDays);
            weights += weight;
            observations++;
            if (wasLate) {
                weightedLate += weight;
                late++;
            }
        }
        return new Prediction(weights == 0 ? 0 : weightedLate / weights, observations, late);
    }
}
