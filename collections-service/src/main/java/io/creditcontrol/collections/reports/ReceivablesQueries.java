package io.creditcontrol.collections.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * The figures the reports are built from, read from the ledger as of any date with the same
 * rules as the aging report: an invoice counts when issued on or before the date, less what was
 * paid (by received date), credited and written off up to that date.
 */
@ApplicationScoped
public class ReceivablesQueries {

    private final EntityManager em;

    ReceivablesQueries(EntityManager em) {
        this.em = em;
    }

    /** One buyer's receivables in one currency on a date. */
    public record BuyerBalance(String buyerId, String currency, BigDecimal open, BigDecimal pastDue, BigDecimal disputed) {

        public BigDecimal current() {
            return open.subtract(pastDue);
        }
    }

    /** Every buyer with something open on the date, in one currency or all (null). */
    public List<BuyerBalance> balances(LocalDate asOf, String currency) {
        String sql = """
                SELECT x.buyer_id, x.currency, SUM(x.open_amount),
                       SUM(CASE WHEN x.due_date < :asOf THEN x.open_amount ELSE 0 END),
                       SUM(LEAST(x.disputed, x.open_amount))
                FROM (
                  SELECT i.buyer_id AS buyer_id, i.currency AS currency, i.due_date AS due_date,
                    i.amount - COALESCE(p.paid, 0) - COALESCE(c.credited, 0) - COALESCE(w.written_off, 0) AS open_amount,
                    COALESCE(d.disputed, 0) AS disputed
                  FROM open_item i
                  LEFT JOIN (SELECT a.invoice_number, SUM(a.amount) AS paid FROM payment_allocation a
                             JOIN received_payment r ON r.payment_reference = a.payment_reference
                             WHERE r.received_on <= :asOf GROUP BY a.invoice_number) p ON p.invoice_number = i.invoice_number
                  LEFT JOIN (SELECT invoice_number, SUM(amount) AS credited FROM invoice_credit
                             WHERE issued_on <= :asOf GROUP BY invoice_number) c ON c.invoice_number = i.invoice_number
                  LEFT JOIN (SELECT invoice_number, SUM(amount) AS written_off FROM invoice_write_off
                             WHERE written_off_on <= :asOf GROUP BY invoice_number) w ON w.invoice_number = i.invoice_number
                  LEFT JOIN (SELECT invoice_number, SUM(amount) AS disputed FROM invoice_dispute
                             WHERE opened_on <= :asOf AND (resolved_on IS NULL OR resolved_on > :asOf)
                             GROUP BY invoice_number) d ON d.invoice_number = i.invoice_number
                  WHERE i.issue_date <= :asOf %s
                ) x
                WHERE x.open_amount > 0
                GROUP BY x.buyer_id, x.currency
                ORDER BY x.currency, x.buyer_id
                """.formatted(currency == null ? "" : "AND i.currency = :currency");
        Query query = em.createNativeQuery(sql).setParameter("asOf", asOf);
        if (currency != null) {
            query.setParameter("currency", currency);
        }
        List<BuyerBalance> result = new ArrayList<>();
        for (Object rowObject : query.getResultList()) {
            Object[] row = (Object[]) rowObject;
            result.add(new BuyerBalance((String) row[0], (String) row[1], decimal(row[2]), decimal(row[3]), decimal(row[4])));
        }
        return result;
    }

    /** Invoiced (credit sales) per currency, issued from {@code from} to {@code to}, both included. */
    public Map<String, BigDecimal> creditSales(LocalDate from, LocalDate to, String currency) {
        Query query = em.createNativeQuery("SELECT currency, SUM(amount) FROM open_item WHERE issue_date >= :from AND issue_date <= :to "
                + (currency == null ? "" : "AND currency = :currency ") + "GROUP BY currency")
                .setParameter("from", from).setParameter("to", to);
        if (currency != null) {
            query.setParameter("currency", currency);
        }
        Map<String, BigDecimal> sales = new TreeMap<>();
        for (Object rowObject : query.getResultList()) {
            Object[] row = (Object[]) rowObject;
            sales.put((String) row[0], decimal(row[1]));
        }
        return sales;
    }

    /** A step executed in the period, with the payments to its invoice received after it (each as one row; none: nulls). */
    public record StepPayment(long stepId, String step, String currency, BigDecimal chasedAmount, LocalDate executedOn,
            LocalDate receivedOn, BigDecimal paid) {
    }

    public List<StepPayment> stepsWithLaterPayments(LocalDate from, LocalDate to, String currency) {
        Query query = em.createNativeQuery("""
                SELECT s.id, s.step, s.currency, s.chased_amount, s.executed_on, r.received_on, a.amount
                FROM dunning_step s
                LEFT JOIN payment_allocation a ON a.invoice_number = s.invoice_number
                LEFT JOIN received_payment r ON r.payment_reference = a.payment_reference
                WHERE s.executed_on >= :from AND s.executed_on <= :to AND s.chased_amount > 0 %s
                ORDER BY s.id
                """.formatted(currency == null ? "" : "AND s.currency = :currency"))
                .setParameter("from", from).setParameter("to", to);
        if (currency != null) {
            query.setParameter("currency", currency);
        }
        List<StepPayment> result = new ArrayList<>();
        for (Object rowObject : query.getResultList()) {
            Object[] row = (Object[]) rowObject;
            result.add(new StepPayment(((Number) row[0]).longValue(), (String) row[1], (String) row[2], decimal(row[3]), date(row[4]),
                    row[5] == null ? null : date(row[5]), row[6] == null ? null : decimal(row[6])));
        }
        return result;
    }

    private static LocalDate date(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? BigDecimal.ZERO : value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }
}
