package io.creditcontrol.collections.aging;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * Each invoice's open and disputed amounts as they stood at the end of a day, the one reading
 * behind aging and every report as of a date. An invoice counts from its issue date; its open
 * amount then is the amount less what was paid (by the payment's received date), credited (by
 * the credit note's date) and written off (by the write-off's date) up to that day; its disputed
 * amount is that of the disputes open that day.
 *
 * <p>Two ways to the same figures, and the one that reads fewer movements is taken:
 * <ul>
 * <li>{@link Reading#BACK_FROM_TODAY}: today's balances, which the ledger keeps on each item,
 * with the movements dated after the day taken back. As of today, or any day after the last
 * movement, no movement is read at all; a recent day reads the few since.</li>
 * <li>{@link Reading#FORWARD_FROM_ISSUE}: the invoiced amounts less the movements dated up to
 * the day. A day long past reads the few before it instead of the many since.</li>
 * </ul>
 * Which it is, is counted on the date indexes of the movements (each holds the invoice and the
 * amount, so the reading itself never visits the tables either): the movements after the day,
 * then those up to it, the second count stopping as soon as it passes the first. A kind of
 * movement with nothing to take back is not joined at all. One buyer's items are always read
 * back from today: they are few, and counting over the whole ledger would cost more.
 */
@ApplicationScoped
public class BalancesAsOf {

    public enum Reading {
        BACK_FROM_TODAY, FORWARD_FROM_ISSUE
    }

    /** Movements after or up to the day: payment allocations, credit notes, write-offs (disputes apart: they are few). */
    private static final String[] MOVEMENTS = {
        "payment_allocation WHERE received_on %s :asOf",
        "invoice_credit WHERE issued_on %s :asOf",
        "invoice_write_off WHERE written_off_on %s :asOf"
    };

    private final EntityManager em;

    BalancesAsOf(EntityManager em) {
        this.em = em;
    }

    /**
     * How to read the day: which reading, and which kinds of movement it must join (payments,
     * credit notes, write-offs, disputes); a kind with nothing to take back is left out.
     */
    public record Plan(Reading reading, boolean payments, boolean credits, boolean writeOffs, boolean disputes) {
    }

    /** Which kinds of movement there are dated after the day, over the whole ledger (an indexed look-up each). */
    private static final String KINDS_AFTER = """
            SELECT EXISTS (SELECT 1 FROM payment_allocation WHERE received_on > :asOf),
                   EXISTS (SELECT 1 FROM invoice_credit WHERE issued_on > :asOf),
                   EXISTS (SELECT 1 FROM invoice_write_off WHERE written_off_on > :asOf),
                   EXISTS (SELECT 1 FROM invoice_dispute WHERE opened_on > :asOf OR resolved_on > :asOf)
            """;

    /**
     * The plan for the day. {@code wholeLedger} false (one buyer's few items): back from today,
     * never worth counting. Otherwise the reading that reads fewer movements.
     */
    public Plan plan(LocalDate asOf, boolean wholeLedger) {
        Object[] after = (Object[]) em.createNativeQuery(KINDS_AFTER).setParameter("asOf", asOf).getSingleResult();
        Plan back = new Plan(Reading.BACK_FROM_TODAY, (Boolean) after[0], (Boolean) after[1], (Boolean) after[2], (Boolean) after[3]);
        if (!wholeLedger || !(back.payments() || back.credits() || back.writeOffs())) {
            return back;
        }
        long since = ((Number) em.createNativeQuery("SELECT " + counts(">", false)).setParameter("asOf", asOf).getSingleResult()).longValue();
        long upTo = ((Number) em.createNativeQuery("SELECT " + counts("<=", true)).setParameter("asOf", asOf)
                .setParameter("cap", since).getSingleResult()).longValue();
        return upTo < since ? new Plan(Reading.FORWARD_FROM_ISSUE, true, true, true, true) : back;
    }

    private static String counts(String comparison, boolean capped) {
        StringBuilder sql = new StringBuilder();
        for (String movement : MOVEMENTS) {
            if (!sql.isEmpty()) {
                sql.append(" + ");
            }
            sql.append("(SELECT COUNT(*) FROM (SELECT 1 FROM ").append(movement.formatted(comparison)).append(capped ? " LIMIT :cap" : "")
                    .append(") m)");
        }
        return sql.toString();
    }

    /**
     * A sub-select, one row per invoice issued on or before {@code :asOf} with columns
     * {@code invoice_number, buyer_id, currency, due_date, open_amount, disputed} (the disputed
     * amount of the open disputes, which may exceed what is open). {@code buyerOnly}: the items and
     * movements of {@code :buyerId} only; {@code currencyOnly}: the items in {@code :currency} only.
     * Bind the parameters with {@link #bind}.
     */
    public String itemsSql(Plan plan, boolean buyerOnly, boolean currencyOnly) {
        boolean forward = plan.reading() == Reading.FORWARD_FROM_ISSUE;
        String when = forward ? "<=" : ">";
        String sign = forward ? " - " : " + ";
        String ofBuyer = buyerOnly ? " AND invoice_number IN (SELECT invoice_number FROM open_item WHERE buyer_id = :buyerId)" : "";
        StringBuilder open = new StringBuilder(forward ? "i.amount" : "i.amount - i.paid_amount - i.credited_amount - i.written_off_amount");
        StringBuilder joins = new StringBuilder();
        String[][] movements = {
            {"p", "payment_allocation", "received_on", Boolean.toString(plan.payments())},
            {"c", "invoice_credit", "issued_on", Boolean.toString(plan.credits())},
            {"w", "invoice_write_off", "written_off_on", Boolean.toString(plan.writeOffs())}
        };
        for (String[] m : movements) {
            if (!Boolean.parseBoolean(m[3])) {
                continue;
            }
            joins.append("  LEFT JOIN (SELECT invoice_number, SUM(amount) AS amount FROM %2$s WHERE %3$s %4$s :asOf%5$s GROUP BY invoice_number) %1$s ON %1$s.invoice_number = i.invoice_number\n"
                    .formatted(m[0], m[1], m[2], when, ofBuyer));
            open.append(sign).append("COALESCE(").append(m[0]).append(".amount, 0.0000)");
        }
        // zeros at the amounts' scale (4), so both readings answer 0.0000 where there is nothing
        String disputed;
        if (!plan.disputes()) {
            disputed = forward ? "0.0000" : "i.disputed_amount";
        } else if (forward) {
            joins.append("""
                      LEFT JOIN (SELECT invoice_number, SUM(amount) AS amount FROM invoice_dispute
                                 WHERE opened_on <= :asOf AND (resolved_on IS NULL OR resolved_on > :asOf)%s
                                 GROUP BY invoice_number) d ON d.invoice_number = i.invoice_number
                    """.formatted(ofBuyer));
            disputed = "COALESCE(d.amount, 0.0000)";
        } else {
            // opened after the day and still open: not disputed then; open that day and resolved since: disputed then
            joins.append("""
                      LEFT JOIN (SELECT invoice_number, SUM(CASE WHEN opened_on > :asOf THEN -amount ELSE amount END) AS amount
                                 FROM invoice_dispute
                                 WHERE ((opened_on > :asOf AND resolved_on IS NULL) OR (resolved_on > :asOf AND opened_on <= :asOf))%s
                                 GROUP BY invoice_number) d ON d.invoice_number = i.invoice_number
                    """.formatted(ofBuyer));
            disputed = "i.disputed_amount + COALESCE(d.amount, 0.0000)";
        }
        return """
                SELECT i.invoice_number AS invoice_number, i.buyer_id AS buyer_id, i.currency AS currency, i.due_date AS due_date,
                       %s AS open_amount, %s AS disputed
                FROM open_item i
                %s  WHERE i.issue_date <= :asOf%s%s""".formatted(open, disputed, joins,
                buyerOnly ? " AND i.buyer_id = :buyerId" : "", currencyOnly ? " AND i.currency = :currency" : "");
    }

    public static Query bind(Query query, LocalDate asOf, String buyerId, String currency) {
        query.setParameter("asOf", asOf);
        if (buyerId != null) {
            query.setParameter("buyerId", buyerId);
        }
        if (currency != null) {
            query.setParameter("currency", currency);
        }
        return query;
    }
}
