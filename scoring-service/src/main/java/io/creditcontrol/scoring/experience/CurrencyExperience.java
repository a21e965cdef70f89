package io.creditcontrol.scoring.experience;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A buyer's payment experience in one currency (amounts are never converted). The average days
 * beyond terms is PAYDEX-style, weighted by invoice amount over the settled invoices:
 * {@code DBT = sum(amount * max(0, settledOn - dueDate)) / sum(amount)}, rounded half-up to one
 * decimal; a large invoice paid late weighs more than a small one.
 */
@Schema(description = "Payment experience in one currency")
public record CurrencyExperience(
        @Schema(description = "ISO 4217 currency of all amounts of this entry", examples = "EUR") String currency,
        @Schema(description = "Number of invoices") int invoices,
        @Schema(description = "Sum of the invoice amounts") BigDecimal invoiced,
        @Schema(description = "Sum paid (payments applied to the invoices)") BigDecimal paid,
        @Schema(description = "Sum credited by credit notes") BigDecimal credited,
        @Schema(description = "Sum written off as bad debt") BigDecimal writtenOff,
        @Schema(description = "invoiced - paid - credited - writtenOff") BigDecimal open,
        @Schema(description = "Open amount of invoices past their due date as of asOf") BigDecimal overdue,
        @Schema(description = "Amount under open disputes") BigDecimal disputed,
        @Schema(description = "Number of invoices fully settled (open amount reached zero)") int settledInvoices,
        @Schema(description = "Number of settled invoices settled after their due date") int settledLate,
        @Schema(description = "Amount-weighted average days beyond terms of the settled invoices: "
                + "sum(amount * max(0, settledOn - dueDate)) / sum(amount), one decimal; null while no invoice is settled",
                examples = "12.5") BigDecimal averageDaysBeyondTerms,
        @Schema(description = "Payments allocated to invoices that have not arrived yet (applied when they do)")
        BigDecimal pendingAllocations) {

    /** One entry per currency, in currency order. */
    public static List<CurrencyExperience> of(Collection<InvoiceExperience> invoices, Collection<PaymentAllocation> pending, LocalDate today) {
        Map<String, Accumulator> byCurrency = new TreeMap<>();
        for (InvoiceExperience invoice : invoices) {
            byCurrency.computeIfAbsent(invoice.currency, Accumulator::new).add(invoice, today);
        }
        for (PaymentAllocation allocation : pending) {
            byCurrency.computeIfAbsent(allocation.currency, Accumulator::new).pending(allocation);
        }
        List<CurrencyExperience> result = new ArrayList<>();
        byCurrency.values().forEach(a -> result.add(a.result()));
        return result;
    }

    /** The PAYDEX-style average; null when there is nothing settled to average. */
    static BigDecimal averageDaysBeyondTerms(BigDecimal weightedDays, BigDecimal settledAmount) {
        if (settledAmount.signum() == 0) {
            return null;
        }
        return weightedDays.divide(settledAmount, 1, RoundingMode.HALF_UP);
    }

    private static final class Accumulator {
        final String currency;
        int invoices;
        BigDecimal invoiced = BigDecimal.ZERO;
        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal credited = BigDecimal.ZERO;
        BigDecimal writtenOff = BigDecimal.ZERO;
        BigDecimal open = BigDecimal.ZERO;
        BigDecimal overdue = BigDecimal.ZERO;
        BigDecimal disputed = BigDecimal.ZERO;
        int settled;
        int settledLate;
        BigDecimal settledAmount = BigDecimal.ZERO;
        BigDecimal weightedDays = BigDecimal.ZERO;
        BigDecimal pending = BigDecimal.ZERO;

        Accumulator(String currency) {
            this.currency = currency;
        }

        void add(InvoiceExperience invoice, LocalDate today) {
            invoices++;
            invoiced = invoiced.add(invoice.amount);
            paid = paid.add(invoice.paidAmount);
            credited = credited.add(invoice.creditedAmount);
            writtenOff = writtenOff.add(invoice.writtenOffAmount);
            open = open.add(invoice.openAmount());
            disputed = disputed.add(invoice.disputedAmount);
            if (invoice.daysPastDue(today) > 0 && invoice.openAmount().signum() > 0) {
                overdue = overdue.add(invoice.openAmount());
            }
            invoice.daysBeyondTerms().ifPresent(days -> {
                settled++;
                if (days > 0) {
                    settledLate++;
                }
                settledAmount = settledAmount.add(invoice.amount);
                weightedDays = weightedDays.add(invoice.amount.multiply(BigDecimal.valueOf(days)));
            });
        }

        void pending(PaymentAllocation allocation) {
            pending = pending.add(allocation.allocatedAmount);
        }

        CurrencyExperience result() {
            return new CurrencyExperience(currency, invoices, invoiced, paid, credited, writtenOff, open, overdue, disputed,
                    settled, settledLate, averageDaysBeyondTerms(weightedDays, settledAmount), pending);
        }
    }
}
