package io.creditcontrol.collections.aging;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import io.creditcontrol.collections.config.AgingConfig;

/**
 * Open receivables by days past due, per currency, as of any date. An item counts when it was
 * issued on or before that date, with what was paid (by received date), credited (by credit
 * note date) and written off (by write-off date) up to that date taken off. The part under a
 * dispute open on that date is shown separately: it is not chased.
 *
 * <p>One SQL statement, grouped by currency and bucket in the database, so the portfolio
 * report does not bring a million items into memory. It starts from each item's balances, which
 * the ledger keeps current (open = amount - paid - credited - written off; disputed = the open
 * disputes), and takes back only the movements dated after the report date: payments received,
 * credit notes issued and write-offs made after it are added back to what was open; disputes
 * opened after it are taken off the disputed amount, disputes resolved after it put back. A kind
 * of movement with nothing after the date is not joined at all (one indexed look-up each tells),
 * so a report as of today usually reads the open items alone; the further back the date, the
 * more movements it aggregates (hash joins, one pass each). docs/collections.md has the figures.
 */
@ApplicationScoped
public class AgingReport {

    private final EntityManager em;
    private final AgingBuckets buckets;

    AgingReport(EntityManager em, AgingConfig config) {
        this.em = em;
        this.buckets = new AgingBuckets(config.bucketBoundaries());
    }

    public AgingBuckets buckets() {
        return buckets;
    }

    /** Which kinds of movement there are dated after the report date (over the whole ledger). */
    private static final String MOVEMENTS_AFTER = """
            SELECT EXISTS (SELECT 1 FROM received_payment WHERE received_on > :asOf),
                   EXISTS (SELECT 1 FROM invoice_credit WHERE issued_on > :asOf),
                   EXISTS (SELECT 1 FROM invoice_write_off WHERE written_off_on > :asOf),
                   EXISTS (SELECT 1 FROM invoice_dispute WHERE opened_on > :asOf OR resolved_on > :asOf)
            """;

    /** {@code buyerId} null: the whole portfolio. */
    public List<CurrencyAging> asOf(LocalDate asOf, String buyerId) {
        List<LocalDate> cutoffs = buckets.dueDateCutoffs(asOf);
        StringBuilder bucketCase = new StringBuilder("CASE");
        for (int i = 0; i < cutoffs.size(); i++) {
            bucketCase.append(" WHEN i.due_date >= :c").append(i).append(" THEN ").append(i);
        }
        bucketCase.append(" ELSE ").append(cutoffs.size()).append(" END");
        Object[] later = (Object[]) em.createNativeQuery(MOVEMENTS_AFTER).setParameter("asOf", asOf).getSingleResult();
        String buyerOnly = buyerId == null ? "" : " AND invoice_number IN (SELECT invoice_number FROM open_item WHERE buyer_id = :buyerId)";
        StringBuilder joins = new StringBuilder();
        StringBuilder openThen = new StringBuilder("i.amount - i.paid_amount - i.credited_amount - i.written_off_amount");
        StringBuilder disputedThen = new StringBuilder("i.disputed_amount");
        if ((Boolean) later[0]) {
            joins.append("""
                    LEFT JOIN (SELECT a.invoice_number, SUM(a.amount) AS paid FROM received_payment r
                               JOIN payment_allocation a ON a.payment_reference = r.payment_reference
                               WHERE r.received_on > :asOf %s GROUP BY a.invoice_number) p ON p.invoice_number = i.invoice_number
                    """.formatted(buyerId == null ? "" : "AND r.buyer_id = :buyerId"));
            openThen.append(" + COALESCE(p.paid, 0)");
        }
        if ((Boolean) later[1]) {
            joins.append("""
                    LEFT JOIN (SELECT invoice_number, SUM(amount) AS credited FROM invoice_credit
                               WHERE issued_on > :asOf %s GROUP BY invoice_number) c ON c.invoice_number = i.invoice_number
                    """.formatted(buyerOnly));
            openThen.append(" + COALESCE(c.credited, 0)");
        }
        if ((Boolean) later[2]) {
            joins.append("""
                    LEFT JOIN (SELECT invoice_number, SUM(amount) AS written_off FROM invoice_write_off
                               WHERE written_off_on > :asOf %s GROUP BY invoice_number) w ON w.invoice_number = i.invoice_number
                    """.formatted(buyerOnly));
            openThen.append(" + COALESCE(w.written_off, 0)");
        }
        if ((Boolean) later[3]) {
            // opened after the date and still open: not disputed then; open then and resolved since: disputed then
            joins.append("""
                    LEFT JOIN (SELECT invoice_number, SUM(CASE WHEN opened_on > :asOf THEN -amount ELSE amount END) AS disputed
                               FROM invoice_dispute
                               WHERE ((opened_on > :asOf AND resolved_on IS NULL) OR (resolved_on > :asOf AND opened_on <= :asOf)) %s
                               GROUP BY invoice_number) d ON d.invoice_number = i.invoice_number
                    """.formatted(buyerOnly));
            disputedThen.append(" + COALESCE(d.disputed, 0)");
        }
        String sql = """
                SELECT x.currency, x.bucket, SUM(x.open_amount), SUM(LEAST(x.disputed, x.open_amount)), COUNT(*)
                FROM (
                  SELECT i.currency AS currency, %1$s AS bucket, %2$s AS open_amount, %3$s AS disputed
                  FROM open_item i
                  %4$s
                  WHERE i.issue_date <= :asOf %5$s
                ) x
                WHERE x.open_amount > 0
                GROUP BY x.currency, x.bucket
                """.formatted(bucketCase, openThen, disputedThen, joins, buyerId == null ? "" : "AND i.buyer_id = :buyerId");
        Query query = em.createNativeQuery(sql).setParameter("asOf", asOf);
        for (int i = 0; i < cutoffs.size(); i++) {
            query.setParameter("c" + i, cutoffs.get(i));
        }
        if (buyerId != null) {
            query.setParameter("buyerId", buyerId);
        }
        Map<String, BucketTotals[]> byCurrency = new TreeMap<>();
        for (Object rowObject : query.getResultList()) {
            Object[] row = (Object[]) rowObject;
            BucketTotals[] totals = byCurrency.computeIfAbsent((String) row[0], c -> new BucketTotals[buckets.size()]);
            totals[((Number) row[1]).intValue()] = new BucketTotals(decimal(row[2]), decimal(row[3]), ((Number) row[4]).longValue());
        }
        List<CurrencyAging> result = new ArrayList<>();
        byCurrency.forEach((currency, totals) -> result.add(CurrencyAging.of(currency, totals, buckets)));
        return result;
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? BigDecimal.ZERO : value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }

    record BucketTotals(BigDecimal open, BigDecimal disputed, long items) {
    }

    /** One bucket: the chased (undisputed) open amount, and the disputed amount beside it. */
    public record Bucket(String bucket, int fromDays, Integer toDays, BigDecimal amount, BigDecimal disputed, long items) {
    }

    /** One currency: every bucket (empty ones with zero), and the totals. total = sum of amount + disputed. */
    public record CurrencyAging(String currency, BigDecimal total, BigDecimal overdue, BigDecimal disputed, List<Bucket> buckets) {

        static CurrencyAging of(String currency, BucketTotals[] totals, AgingBuckets scheme) {
            List<Bucket> list = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            BigDecimal overdue = BigDecimal.ZERO;
            BigDecimal disputed = BigDecimal.ZERO;
            for (int i = 0; i < scheme.size(); i++) {
                BucketTotals t = totals[i] == null ? new BucketTotals(BigDecimal.ZERO, BigDecimal.ZERO, 0) : totals[i];
                BigDecimal chased = t.open().subtract(t.disputed());
                list.add(new Bucket(scheme.label(i), scheme.fromDays(i), scheme.toDays(i), shown(chased), shown(t.disputed()), t.items()));
                total = total.add(t.open());
                disputed = disputed.add(t.disputed());
                if (i > 0) {
                    overdue = overdue.add(chased);
                }
            }
            return new CurrencyAging(currency, shown(total), shown(overdue), shown(disputed), list);
        }
    }

    /** 1200.00 rather than 1200.0000, with no digit lost. */
    static BigDecimal shown(BigDecimal amount) {
        return amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()));
    }
}
