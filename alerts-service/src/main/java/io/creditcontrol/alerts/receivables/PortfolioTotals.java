package io.creditcontrol.alerts.receivables;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The portfolio's open receivables per currency, over all buyers: the denominator of a buyer's
 * share of the receivables (concentration on the largest buyers). Currencies are never added
 * together; each is its own portfolio.
 */
@ApplicationScoped
public class PortfolioTotals {

    private final EntityManager em;

    PortfolioTotals(EntityManager em) {
        this.em = em;
    }

    /**
     * Moves the currency's total by what one event changed on an invoice. One SQL statement
     * adds to the stored total, so invoices of different buyers, applied in parallel, never
     * overwrite each other's change.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void adjust(String currency, BigDecimal change) {
        if (change.signum() == 0) {
            return;
        }
        em.createNativeQuery("INSERT INTO portfolio_total (currency, open_amount) VALUES (?1, 0) ON CONFLICT DO NOTHING")
                .setParameter(1, currency)
                .executeUpdate();
        em.createNativeQuery("UPDATE portfolio_total SET open_amount = open_amount + ?1 WHERE currency = ?2")
                .setParameter(1, change)
                .setParameter(2, currency)
                .executeUpdate();
    }

    /**
     * Every currency with something open: the total, how many buyers owe something and the
     * largest single buyer's open amount, read in one statement so they agree with each other.
     */
    public List<CurrencyConcentration> concentration() {
        List<?> rows = em.createNativeQuery("""
                SELECT p.currency, p.open_amount, COALESCE(b.buyers, 0), COALESCE(b.largest, 0)
                FROM portfolio_total p
                LEFT JOIN (SELECT currency, COUNT(*) AS buyers, MAX(buyer_open) AS largest
                           FROM (SELECT currency, buyer_id, SUM(open_amount) AS buyer_open
                                 FROM receivable
                                 WHERE open_amount > 0
                                 GROUP BY currency, buyer_id) per_buyer
                           GROUP BY currency) b ON b.currency = p.currency
                WHERE p.open_amount > 0
                ORDER BY p.currency""")
                .getResultList();
        return rows.stream().map(row -> {
            Object[] columns = (Object[]) row;
            return new CurrencyConcentration((String) columns[0], (BigDecimal) columns[1],
                    ((Number) columns[2]).longValue(), new BigDecimal(columns[3].toString()));
        }).toList();
    }

    /** One currency's open receivables and how much of them the largest buyer owes. */
    public record CurrencyConcentration(String currency, BigDecimal totalOpen, long buyersWithOpenItems,
            BigDecimal largestBuyerOpen) {

        /** The largest buyer's part of the total, as a fraction with 4 decimals (0.4250 = 42.5 %). */
        public BigDecimal largestBuyerShare() {
            return totalOpen.signum() == 0 ? BigDecimal.ZERO.setScale(4)
                    : largestBuyerOpen.divide(totalOpen, 4, RoundingMode.HALF_UP);
        }
    }
}
