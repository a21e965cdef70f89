package io.creditcontrol.collections.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The receivables ledger counted and totalled per currency: every invoice, payment and credit
 * note collections-service took in and applied from credit.invoices.v1 and credit.payments.v1.
 * This is the ledger of record; the other services answer the same read from their own tables
 * and must agree with it: nothing may have been lost or counted twice.
 *
 * <p>The three totals come from one SQL statement, so they are one snapshot of the tables even
 * while events are being applied: an invoice's paid amount and the payment behind it are either
 * both counted or neither. Nothing is written.
 *
 * <p>As cash application records them ({@link Ledger}): an allocation is applied up to what is
 * open on its invoice, and a payment the buyer did not allocate pays its oldest open items in
 * its currency; whatever is left is the payment's unapplied cash.
 */
@ApplicationScoped
public class Reconciliation {

    /** {@code :buyerId} is '' for every buyer. A credit note is in the currency, and of the buyer, of its invoice. */
    private static final String FIGURES = """
            SELECT 'invoices' AS kind, currency, COUNT(*) AS documents, SUM(amount) AS amount,
                   SUM(paid_amount), SUM(credited_amount), SUM(written_off_amount),
                   SUM(amount - paid_amount - credited_amount - written_off_amount)
              FROM open_item
             WHERE :buyerId = '' OR buyer_id = :buyerId
             GROUP BY currency
            UNION ALL
            SELECT 'payments', currency, COUNT(*), SUM(amount), SUM(unapplied_amount), NULL, NULL, NULL
              FROM received_payment
             WHERE :buyerId = '' OR buyer_id = :buyerId
             GROUP BY currency
            UNION ALL
            SELECT 'creditNotes', i.currency, COUNT(*), SUM(c.amount), NULL, NULL, NULL, NULL
              FROM invoice_credit c
              JOIN open_item i ON i.invoice_number = c.invoice_number
             WHERE :buyerId = '' OR i.buyer_id = :buyerId
             GROUP BY i.currency
             ORDER BY kind, currency
            """;

    private final EntityManager em;

    Reconciliation(EntityManager em) {
        this.em = em;
    }

    /** Every buyer's documents. */
    @Transactional
    public Figures all() {
        return figures("");
    }

    /** One buyer's documents; empty when the ledger has neither documents nor a profile of the buyer. */
    @Transactional
    public Optional<Figures> ofBuyer(String buyerId) {
        if (!known(buyerId)) {
            return Optional.empty();
        }
        return Optional.of(figures(buyerId));
    }

    private boolean known(String buyerId) {
        return !em.createNativeQuery("""
                SELECT buyer_id FROM open_item WHERE buyer_id = :buyerId
                UNION SELECT buyer_id FROM received_payment WHERE buyer_id = :buyerId
                UNION SELECT buyer_id FROM buyer_profile WHERE buyer_id = :buyerId
                """).setParameter("buyerId", buyerId).setMaxResults(1).getResultList().isEmpty();
    }

    private Figures figures(String buyerId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(FIGURES).setParameter("buyerId", buyerId).getResultList();
        List<InvoiceTotals> invoices = new ArrayList<>();
        List<PaymentTotals> payments = new ArrayList<>();
        List<CreditNoteTotals> creditNotes = new ArrayList<>();
        for (Object[] row : rows) {
            String currency = (String) row[1];
            long count = ((Number) row[2]).longValue();
            switch ((String) row[0]) {
                case "invoices" -> invoices.add(new InvoiceTotals(currency, count, decimal(row[3]), decimal(row[4]),
                        decimal(row[5]), decimal(row[6]), decimal(row[7])));
                case "payments" -> payments.add(new PaymentTotals(currency, count, decimal(row[3]), decimal(row[4])));
                default -> creditNotes.add(new CreditNoteTotals(currency, count, decimal(row[3])));
            }
        }
        return new Figures(invoices, payments, creditNotes);
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
    }

    /** Per currency, sorted by currency code. */
    public record Figures(List<InvoiceTotals> invoices, List<PaymentTotals> payments, List<CreditNoteTotals> creditNotes) {
    }

    /** open = amount - paid - credited - writtenOff. */
    public record InvoiceTotals(String currency, long count, BigDecimal amount, BigDecimal paid, BigDecimal credited,
            BigDecimal writtenOff, BigDecimal open) {
    }

    /** unapplied = amount - what cash application applied to invoices. */
    public record PaymentTotals(String currency, long count, BigDecimal amount, BigDecimal unapplied) {
    }

    public record CreditNoteTotals(String currency, long count, BigDecimal amount) {
    }
}
