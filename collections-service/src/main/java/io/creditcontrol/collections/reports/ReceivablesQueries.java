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

import io.creditcontrol.collections.aging.BalancesAsOf;

/**
 * The figures the reports are built from, read from the ledger as of any date with the same
 * rules, and the same reading ({@link BalancesAsOf}), as the aging report: an invoice counts when
 * issued on or before the date, less what was paid (by received date), credited and written off
 * up to that date.
 */
@ApplicationScoped
public class ReceivablesQueries {

    private final EntityManager em;
    private final BalancesAsOf balancesAsOf;

    ReceivablesQueries(EntityManager em, BalancesAsOf balancesAsOf) {
        this.em = em;
        this.balancesAsOf = balancesAsOf;
    }

    /** One buyer's receivables in one currency on a date. */
    public record BuyerBalance(String buyerId, String currency, BigDecimal open, BigDecimal pastDue, BigDecimal disputed) {

        public BigDecimal current() {
            return open.subtract(pastDue);
        }
    }

    /** Every buyer with something open on the date, in one currency or all (null). */
    public List<BuyerBalance> balances(LocalDate asOf, String currency) {
        return balances(asOf, currency, balancesAsOf.plan(asOf, true));
    }

    /** With the reading given (tests compare the two readings). */
    public List<BuyerBalance> balances(LocalDate asOf, String currency, BalancesAsOf.Plan plan) {
        String sql = """
                SELECT x.buyer_id, x.currency, SUM(x.open_amount),
                       SUM(CASE WHEN x.due_date < :asOf THEN x.open_amount ELSE 0 END),
                       SUM(LEAST(x.disputed, x.open_amount))
                FROM (
                %s
                ) x
                WHERE x.open_amount > 0
                GROUP BY x.buyer_id, x.currency
                ORDER BY x.currency, x.buyer_id
                """.formatted(balancesAsOf.itemsSql(plan, false, currency != null));
        Query query = BalancesAsOf.bind(em.createNativeQuery(sql), asOf, null, currency);
        List<BuyerBalance> result = new ArrayList<>();
        for (Object rowObject : query.getResultList()) {
            Object[] row = (Object[]) rowObject;
            result.add(new BuyerBalance((String) row[0], (String) row[1], decimal(row[2]), decimal(row[3]), decimal(row[4])));
        }
        return result;
    }

    /** A period of days, both included. */
    public record Period(LocalDate from, LocalDate to) {
    }

    /**
     * Invoiced (credit sales) per period and currency, in one pass over the ledger however many
     * periods (the DSO's countback asks for twelve months). Periods must not overlap.
     */
    public List<Map<String, BigDecimal>> creditSales(List<Period> periods, String currency) {
        StringBuilder which = new StringBuilder("CASE");
        for (int k = 0; k < periods.size(); k++) {
            which.append(" WHEN issue_date >= :f").append(k).append(" AND issue_date <= :t").append(k).append(" THEN ").append(k);
        }
        which.append(" END");
        LocalDate first = periods.stream().map(Period::from).min(LocalDate::compareTo).orElseThrow();
        LocalDate last = periods.stream().map(Period::to).max(LocalDate::compareTo).orElseThrow();
        Query query = em.createNativeQuery("""
                SELECT s.currency, s.period, SUM(s.amount)
                FROM (SELECT currency, amount, %s AS period FROM open_item
                      WHERE issue_date >= :first AND issue_date <= :last %s) s
                WHERE s.period IS NOT NULL
                GROUP BY s.currency, s.period
                """.formatted(which, currency == null ? "" : "AND currency = :currency"))
                .setParameter("first", first).setParameter("last", last);
        for (int k = 0; k < periods.size(); k++) {
            query.setParameter("f" + k, periods.get(k).from()).setParameter("t" + k, periods.get(k).to());
        }
        if (currency != null) {
            query.setParameter("currency", currency);
        }
        List<Map<String, BigDecimal>> sales = new ArrayList<>();
        periods.forEach(p -> sales.add(new TreeMap<>()));
        for (Object rowObject : query.getResultList()) {
            Object[] row = (Object[]) rowObject;
            sales.get(((Number) row[1]).intValue()).put((String) row[0], decimal(row[2]));
        }
        return sales;
    }

    /** A step executed in the period, with the payments to its invoice received after it (each as one row; none: nulls). */
    public record StepPayment(long stepId, String step, String currency, BigDecimal chasedAmount, LocalDate executedOn,
            LocalDate receivedOn, BigDecimal paid) {
    }

    public List<StepPayment> stepsWithLaterPayments(LocalDate from, LocalDate to, String currency) {
        Query query = em.createNativeQuery("""
                SELECT s.id, s.step, s.currency, s.chased_amount, s.executed_on, a.received_on, a.amount
                FROM dunning_step s
                LEFT JOIN payment_allocation a ON a.invoice_number = s.invoice_number
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
