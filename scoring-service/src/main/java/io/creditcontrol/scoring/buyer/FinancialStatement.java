package io.creditcontrol.scoring.buyer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * Key figures of one of the buyer's financial statements (liquidity, leverage, profitability and
 * size are derived from them). There is one per period end: a corrected or restated statement
 * for the same period replaces the figures reported before.
 */
@Entity
@Table(name = "financial_statement")
public class FinancialStatement extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "period_end")
    public LocalDate periodEnd;
    public String currency;
    @Column(name = "total_assets")
    public BigDecimal totalAssets;
    @Column(name = "current_assets")
    public BigDecimal currentAssets;
    @Column(name = "current_liabilities")
    public BigDecimal currentLiabilities;
    @Column(name = "total_liabilities")
    public BigDecimal totalLiabilities;
    @Column(name = "retained_earnings")
    public BigDecimal retainedEarnings;
    public BigDecimal ebit;
    public BigDecimal revenue;
    @Column(name = "book_equity")
    public BigDecimal bookEquity;
    /** The authenticated principal who submitted it through the API; null from other producers. */
    @Column(name = "submitted_by")
    public String submittedBy;
    /** Who reported it (the CloudEvent source, e.g. a risk-data provider). */
    public String source;
    @Column(name = "reported_at")
    public Instant reportedAt;

    public static Optional<FinancialStatement> forPeriod(String buyerId, LocalDate periodEnd) {
        return find("buyerId = ?1 and periodEnd = ?2", buyerId, periodEnd).firstResultOptional();
    }

    /** The buyer's statements, most recent period first. */
    public static List<FinancialStatement> ofBuyer(String buyerId) {
        return list("buyerId = ?1 order by periodEnd desc", buyerId);
    }
}
