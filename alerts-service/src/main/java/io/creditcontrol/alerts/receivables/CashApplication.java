package io.creditcontrol.alerts.receivables;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How cash the buyer did not allocate is applied, the same way as the ledger of record
 * (collections-service) and every other consumer of {@code credit.payment.received} (the
 * contract in docs/events/README.md): to the buyer's open invoices in the payment's currency,
 * oldest first (earliest due date, then earliest issue date, then invoice number), each up to
 * its undisputed open amount. The disputed part of an invoice is not paid off by unallocated
 * cash: the buyer says it does not owe it. What is left after the last invoice stays on the
 * payment as unapplied cash.
 */
public final class CashApplication {

    /** An open invoice that unallocated cash may pay: its undisputed open amount. */
    public record Candidate(String invoiceNumber, LocalDate dueDate, LocalDate issueDate, BigDecimal undisputedOpen) {
    }

    private static final Comparator<Candidate> OLDEST_FIRST = Comparator.comparing(Candidate::dueDate)
            .thenComparing(Candidate::issueDate)
            .thenComparing(Candidate::invoiceNumber);

    private CashApplication() {
    }

    /** Invoice number to amount applied, in the order applied; the sum is at most {@code cash}. */
    public static Map<String, BigDecimal> oldestFirst(List<Candidate> candidates, BigDecimal cash) {
        Map<String, BigDecimal> applied = new LinkedHashMap<>();
        BigDecimal left = cash;
        for (Candidate candidate : candidates.stream().sorted(OLDEST_FIRST).toList()) {
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal amount = left.min(candidate.undisputedOpen());
            if (amount.signum() > 0) {
                applied.put(candidate.invoiceNumber(), amount);
                left = left.subtract(amount);
            }
        }
        return applied;
    }
}
