package io.creditcontrol.limits.exposure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * What limits-service has received from credit.invoices.v1 and credit.payments.v1, counted and
 * totalled per currency, so it can be set against the ledger of record (collections-service)
 * and the other services: nothing may have been lost or counted twice.
 *
 * <p>The three totals come from one SQL statement, so they are one snapshot of the tables even
 * while events are being applied: an invoice's paid amount and the payment behind it are either
 * both counted or neither. Nothing is written.
 *
 * <p>As limits records them: a payment's allocation counts in full on its invoice (an invoice can
 * be over-paid, its open amount then below zero); a payment without any allocation pays the oldest
 * open invoices ({@link CashApplication}); cash left after every open invoice was paid, or
 * allocated to an invoice that has not arrived yet, is unapplied.
 */
@ApplicationScoped
public class Reconciliation {

    /** {@code :buyerId} is '' for every buyer. A credit note is in the currency of its invoice. */
    private static final String FIGURES = """
            SELECT 'invoices' AS kind, currency, COUNT(*) AS documents, SUM(amount) AS amount,
                   SUM(paid_amount), SUM(credited_amount), SUM(written_off_amount),
                   SUM(amount - paid_amount - credited_amount - written_off_amount)
              FROM invoice
             WHERE :buyerId = '' OR buyer_id = :buyerId
             GROUP BY currency
            UNION ALL
            SELECT 'payments', p.currency, COUNT(*), SUM(p.amount),
                   SUM(p.amount - COALESCE(a.applied, 0)), NULL, NULL, NULL
              FROM received_payment p
              LEFT JOIN (SELECT buyer_id, payment_reference, SUM(amount) AS applied
                           FROM payment_allocation
                          WHERE status = 'APPLIED'
                          GROUP BY buyer_id, payment_reference) a
                     ON a.buyer_id = p.buyer_id AND a.payment_reference = p.payment_reference
             WHERE :buyerId = '' OR p.buyer_id = :buyerId
             GROUP BY p.currency
            UNION ALL
            SELECT 'creditNotes', i.currency, COUNT(*), SUM(c.amount), NULL, NULL, NULL, NULL
              FROM credit_note c
              JOIN invoice i ON i.buyer_id = c.buyer_id AND i.invoice_number = c.invoice_number
             WHERE :buyerId = '' OR c.buyer_id = :buyerId
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

    /** One buyer's documents; empty when nothing about the buyer was ever received. */
    @Transactional
    public Optional<Figures> ofBuyer(String buyerId) {
        if (Buyer.findById(buyerId) == null) {
            return Optional.empty();
        }
        return Optional.of(figures(buyerId));
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

    /** unapplied = amount - what was applied to invoices. */
    public record PaymentTotals(String currency, long count, BigDecimal amount, BigDecimal unapplied) {
    }

    public record CreditNoteTotals(String currency, long count, BigDecimal amount) {
    }
}
