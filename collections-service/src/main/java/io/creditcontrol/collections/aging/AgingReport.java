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
 * report does not bring a million items into memory. Each item's balances on the day come from
 * {@link BalancesAsOf}: today's balances with the movements since taken back, or, for a day long
 * past, the invoiced amounts less the movements up to it, whichever reads fewer movements.
 * docs/collections.md has the figures.
 */
@ApplicationScoped
public class AgingReport {

    private final EntityManager em;
    private final AgingBuckets buckets;
    private final BalancesAsOf balances;

    AgingReport(EntityManager em, AgingConfig config, BalancesAsOf balances) {
        this.em = em;
        this.balances = balances;
        this.buckets = new AgingBuckets(config.bucketBoundaries());
    }

    public AgingBuckets buckets() {
        return buckets;
    }

    /** {@code buyerId} null: the whole portfolio. */
    public List<CurrencyAging> asOf(LocalDate asOf, String buyerId) {
        return asOf(asOf, buyerId, balances.plan(asOf, buyerId == null));
    }

    /** With the reading given (tests compare the two readings). */
    List<CurrencyAging> asOf(LocalDate asOf, String buyerId, BalancesAsOf.Plan plan) {
        List<LocalDate> cutoffs = buckets.dueDateCutoffs(asOf);
        StringBuilder bucketCase = new StringBuilder("CASE");
        for (int i = 0; i < cutoffs.size(); i++) {
            bucketCase.append(" WHEN x.due_date >= :c").append(i).append(" THEN ").append(i);
        }
        bucketCase.append(" ELSE ").append(cutoffs.size()).append(" END");
        String sql = """
                SELECT y.currency, y.bucket, SUM(y.open_amount), SUM(LEAST(y.disputed, y.open_amount)), COUNT(*)
                FROM (
                  SELECT x.currency AS currency, %s AS bucket, x.open_amount AS open_amount, x.disputed AS disputed
                  FROM (
                %s
                  ) x
                  WHERE x.open_amount > 0
                ) y
                GROUP BY y.currency, y.bucket
                """.formatted(bucketCase, balances.itemsSql(plan, buyerId != null, false));
        Query query = BalancesAsOf.bind(em.createNativeQuery(sql), asOf, buyerId, null);
        for (int i = 0; i < cutoffs.size(); i++) {
            query.setParameter("c" + i, cutoffs.get(i));
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
