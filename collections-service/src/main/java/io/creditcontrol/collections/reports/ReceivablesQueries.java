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

    /** The receivables of one currency on a date: every buyer's added up. */
    public record CurrencyBalance(String currency, BigDecimal open, BigDecimal pastDue, BigDecimal disputed) {

        public BigDecimal current() {
            return open.subtract(pastDue);
        }
    }

    /** Per currency (one, or all: null), summed in the database (the KPIs need no buyer's figures). */
    public Map<String, CurrencyBalance> totals(LocalDate asOf, String currency) {
        return totals(asOf, currency, balancesAsOf.plan(asOf, true));
    }

    /** With the reading given (tests compare the two readings). */
    public Map<String, CurrencyBalance> totals(LocalDate asOf, String currency, BalancesAsOf.Plan plan) {
        String sql = """
                SELECT x.currency, SUM(x.open_amount),
                       SUM(CASE WHEN x.due_date < :asOf THEN x.open_amount ELSE 0 END),
                       SUM(LEAST(x.disputed, x.open_amount))
                FROM (
                %s
                ) x
                WHERE x.open_amount > 0
                GROUP BY x.currency
                """.formatted(balancesAsOf.itemsSql(plan, false, currency != null));
        Map<String, CurrencyBalance> result = new TreeMap<>();
        for (Object rowObject : BalancesAsOf.bind(em.createNativeQuery(sql), asOf, null, currency).getResultList()) {
            Object[] row = (Object[]) rowObject;
            result.put((String) row[0], new CurrencyBalance((String) row[0], decimal(row[1]), decimal(row[2]), decimal(row[3])));
        }
        return result;
    }

    /** How buyers are ranked: by past-due receivables (those with none left out) or by receivables. */
    public enum RankBy {
        PAST_DUE, RECEIVABLES
    }

    /**
     * A buyer among the largest of its currency, with the currency's receivables and the number
     * of its buyers with receivables (over all buyers, not only the ranked ones).
     */
    public record Ranked(BuyerBalance balance, BigDecimal currencyReceivables, long currencyBuyers) {
    }

    /**
     * Per currency, the buyers in the first {@code top} places by {@code by}, ranked in the
     * database so that 50,000 buyers' balances never leave it. Buyers tied at the last place are
     * all included: the caller breaks ties (by buyer id) and cuts at {@code top}.
     */
    public List<Ranked> top(LocalDate asOf, String currency, RankBy by, int top) {
        String key = by == RankBy.PAST_DUE ? "b.past_due" : "b.open_amount";
        String sql = """
                SELECT r.buyer_id, r.currency, r.open_amount, r.past_due, r.disputed, r.total, r.buyers
                FROM (
                  SELECT b.buyer_id AS buyer_id, b.currency AS currency, b.open_amount AS open_amount, b.past_due AS past_due,
                         b.disputed AS disputed, RANK() OVER (PARTITION BY b.currency ORDER BY %s DESC) AS place,
                         SUM(b.open_amount) OVER (PARTITION BY b.currency) AS total, COUNT(*) OVER (PARTITION BY b.currency) AS buyers
                  FROM (
                    SELECT x.buyer_id AS buyer_id, x.currency AS currency, SUM(x.open_amount) AS open_amount,
                           SUM(CASE WHEN x.due_date < :asOf THEN x.open_amount ELSE 0 END) AS past_due,
                           SUM(LEAST(x.disputed, x.open_amount)) AS disputed
                    FROM (
                %s
                    ) x
                    WHERE x.open_amount > 0
                    GROUP BY x.buyer_id, x.currency
                  ) b
                  %s
                ) r
                WHERE r.place <= :top
                """.formatted(key, balancesAsOf.itemsSql(balancesAsOf.plan(asOf, true), false, currency != null),
                by == RankBy.PAST_DUE ? "WHERE b.past_due > 0" : "");
        Query query = BalancesAsOf.bind(em.createNativeQuery(sql), asOf, null, currency).setParameter("top", top);
        List<Ranked> result = new ArrayList<>();
        for (Object rowObject : query.getResultList()) {
            Object[] row = (Object[]) rowObject;
            result.add(new Ranked(new BuyerBalance((String) row[0], (String) row[1], decimal(row[2]), decimal(row[3]), decimal(row[4])),
                    decimal(row[5]), ((Number) row[6]).longValue()));
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
