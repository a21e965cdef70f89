package io.creditcontrol.scoring.score;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.creditcontrol.scoring.score.ScoreInputs.InvoiceFact;

/**
 * How the buyer pays the seller, summed up the way a credit analyst reads a trade-payment
 * record.
 *
 * <ul>
 * <li><b>Days beyond terms (DBT)</b>, amount-weighted over the invoices settled in the history
 * window: a large invoice paid late weighs more than a small one. Amounts of different currencies
 * are never added: each invoice weighs its amount divided by the average settled amount of its
 * currency, so within one currency the weighting is by amount and each currency counts by its
 * number of invoices.</li>
 * <li><b>PAYDEX-style index</b> 1-100 from that DBT on the published D&amp;B scale: 80 = prompt,
 * 70 = 15 days beyond terms, 60 = 22, 50 = 30, 40 = 60, 30 = 90, 20 = 120, linear in between and
 * falling to 1 at 180 days. Early payment counts as prompt (days beyond terms are never negative),
 * so this index tops out at 80.</li>
 * <li><b>Late share</b>: settled invoices settled after their due date, over those settled.</li>
 * <li><b>Current days past due</b>: the oldest open, undisputed invoice's days past its due date.</li>
 * <li><b>Dispute rate</b>: invoices issued in the history window that were disputed.</li>
 * <li><b>Trend</b>: DBT of the recent window against DBT of the rest of the history window, so a
 * buyer drifting from paying on time to paying 20 days late shows before the long average moves.</li>
 * </ul>
 */
public record PaymentBehaviour(
        int settledInvoices,
        int settledLate,
        Double daysBeyondTerms,
        Integer paydex,
        long currentDaysPastDue,
        int invoicesIssued,
        int disputedInvoices,
        int recentSettled,
        Double recentDaysBeyondTerms,
        int priorSettled,
        Double priorDaysBeyondTerms) {

    private static final int[][] PAYDEX_SCALE = {
        {0, 80}, {15, 70}, {22, 60}, {30, 50}, {60, 40}, {90, 30}, {120, 20}, {180, 1}};

    public static PaymentBehaviour of(List<InvoiceFact> invoices, LocalDate today, int recentWindowDays, int historyWindowDays) {
        LocalDate historyStart = today.minusDays(historyWindowDays);
        LocalDate recentStart = today.minusDays(recentWindowDays);
        List<InvoiceFact> settled = invoices.stream()
                .filter(i -> i.settledOn() != null && i.settledOn().isAfter(historyStart) && !i.settledOn().isAfter(today))
                .toList();
        Map<String, BigDecimal[]> perCurrency = new HashMap<>();
        for (InvoiceFact invoice : settled) {
            BigDecimal[] sumAndCount = perCurrency.computeIfAbsent(invoice.currency(), c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            sumAndCount[0] = sumAndCount[0].add(invoice.amount());
            sumAndCount[1] = sumAndCount[1].add(BigDecimal.ONE);
        }
        Weighted all = new Weighted();
        Weighted recent = new Weighted();
        Weighted prior = new Weighted();
        int late = 0;
        for (InvoiceFact invoice : settled) {
            BigDecimal[] sumAndCount = perCurrency.get(invoice.currency());
            double weight = sumAndCount[0].signum() == 0 ? 1.0
                    : invoice.amount().divide(sumAndCount[0].divide(sumAndCount[1], MathContext.DECIMAL64), MathContext.DECIMAL64).doubleValue();
            long dbt = Math.max(0, ChronoUnit.DAYS.between(invoice.dueDate(), invoice.settledOn()));
            if (dbt > 0) {
                late++;
            }
            all.add(weight, dbt);
            (invoice.settledOn().isAfter(recentStart) ? recent : prior).add(weight, dbt);
        }
        long daysPastDue = invoices.stream()
                .filter(i -> i.settledOn() == null && i.open().subtract(i.disputed()).signum() > 0)
                .mapToLong(i -> Math.max(0, ChronoUnit.DAYS.between(i.dueDate(), today)))
                .max().orElse(0);
        List<InvoiceFact> issued = invoices.stream()
                .filter(i -> i.issueDate().isAfter(historyStart) && !i.issueDate().isAfter(today)).toList();
        int disputed = (int) issued.stream().filter(InvoiceFact::everDisputed).count();
        Double dbt = all.average();
        return new PaymentBehaviour(settled.size(), late, dbt, dbt == null ? null : paydex(dbt), daysPastDue,
                issued.size(), disputed, recent.count, recent.average(), prior.count, prior.average());
    }

    /** The D&amp;B PAYDEX value for an amount-weighted days beyond terms (linear between the published points). */
    public static int paydex(double daysBeyondTerms) {
        if (daysBeyondTerms <= 0) {
            return PAYDEX_SCALE[0][1];
        }
        for (int i = 1; i < PAYDEX_SCALE.length; i++) {
            int[] low = PAYDEX_SCALE[i - 1];
            int[] high = PAYDEX_SCALE[i];
            if (daysBeyondTerms <= high[0]) {
                double share = (daysBeyondTerms - low[0]) / (high[0] - low[0]);
                return (int) Math.round(low[1] + share * (high[1] - low[1]));
            }
        }
        return 1;
    }

    /** The share of settled invoices settled late; null without any. */
    public Double lateShare() {
        return settledInvoices == 0 ? null : (double) settledLate / settledInvoices;
    }

    /** The share of issued invoices that were disputed; null without any. */
    public Double disputeRate() {
        return invoicesIssued == 0 ? null : (double) disputedInvoices / invoicesIssued;
    }

    /** Recent DBT minus prior DBT in days; null unless both windows have settled invoices. */
    public Double trend() {
        return recentDaysBeyondTerms == null || priorDaysBeyondTerms == null ? null : recentDaysBeyondTerms - priorDaysBeyondTerms;
    }

    private static final class Weighted {
        double weights;
        double weightedDays;
        int count;

        void add(double weight, long days) {
            weights += weight;
            weightedDays += weight * days;
            count++;
        }

        Double average() {
            return count == 0 || weights == 0 ? null : Math.round(weightedDays / weights * 10) / 10.0;
        }
    }
}
