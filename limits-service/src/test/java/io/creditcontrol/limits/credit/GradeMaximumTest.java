package io.creditcontrol.limits.credit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.creditcontrol.limits.credit.GradeMaximum.Bounds;
import io.creditcontrol.limits.credit.GradeMaximum.Maximum;
import io.creditcontrol.limits.credit.GradeMaximum.Policy;
import io.creditcontrol.limits.credit.GradeMaximum.Statement;

/** The grade's maximum for one buyer: the lowest bound that applies, and what counts as a usable statement. */
class GradeMaximumTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 15);
    static final Policy POLICY = new Policy("EUR", new BigDecimal("100000"), 18);
    static final Bounds GRADE_5 = new Bounds(5, new BigDecimal("3000000"), new BigDecimal("0.04"), new BigDecimal("0.15"));
    static final Statement FY2025 = new Statement(LocalDate.of(2025, 12, 31), "EUR", new BigDecimal("5000000"), new BigDecimal("2000000"));

    static Maximum of(Bounds bounds, Statement statement, String rate) {
        return GradeMaximum.of(bounds, POLICY, statement, rate == null ? null : new BigDecimal(rate), TODAY);
    }

    static void assertMaximum(String amount, LimitBasis basis, Maximum actual) {
        assertEquals(0, new BigDecimal(amount).compareTo(actual.amount()), actual.toString());
        assertEquals(basis, actual.basis(), actual.toString());
    }

    @Test
    void theLowestBoundWins() {
        assertMaximum("200000", LimitBasis.REVENUE_SHARE, of(GRADE_5, FY2025, "1"));
        Statement thinEquity = new Statement(FY2025.periodEnd(), "EUR", new BigDecimal("5000000"), new BigDecimal("1000000"));
        assertMaximum("150000", LimitBasis.EQUITY_SHARE, of(GRADE_5, thinEquity, "1"));
        Statement large = new Statement(FY2025.periodEnd(), "EUR", new BigDecimal("900000000"), new BigDecimal("300000000"));
        assertMaximum("3000000", LimitBasis.ABSOLUTE, of(GRADE_5, large, "1"));
    }

    @Test
    void equityOfZeroOrBelowAllowsNothing() {
        assertMaximum("0", LimitBasis.EQUITY_SHARE, of(GRADE_5, new Statement(FY2025.periodEnd(), "EUR", new BigDecimal("5000000"), BigDecimal.ZERO), "1"));
        assertMaximum("0", LimitBasis.EQUITY_SHARE, of(GRADE_5, new Statement(FY2025.periodEnd(), "EUR", new BigDecimal("5000000"), new BigDecimal("-1")), "1"));
    }

    @Test
    void figuresAreConvertedIntoThePolicyCurrencyAndSharesRoundedDown() {
        Statement usd = new Statement(FY2025.periodEnd(), "USD", new BigDecimal("1234567"), new BigDecimal("9999999"));
        // 1,234,567 USD x 0.92 = 1,135,801.64 EUR; 4 % = 45,432.0656 -> 45,432
        assertMaximum("45432", LimitBasis.REVENUE_SHARE, of(GRADE_5, usd, "0.92"));
    }

    @Test
    void aMissingStaleOrUnconvertibleStatementGivesTheCautiousMaximum() {
        assertMaximum("100000", LimitBasis.NO_FINANCIALS, of(GRADE_5, null, null));
        Statement stale = new Statement(LocalDate.of(2025, 5, 14), "EUR", new BigDecimal("900000000"), new BigDecimal("300000000"));
        assertMaximum("100000", LimitBasis.NO_FINANCIALS, of(GRADE_5, stale, "1"));
        Statement justInTime = new Statement(LocalDate.of(2025, 5, 15), "EUR", new BigDecimal("900000000"), new BigDecimal("300000000"));
        assertMaximum("3000000", LimitBasis.ABSOLUTE, of(GRADE_5, justInTime, "1"));
        assertMaximum("100000", LimitBasis.NO_FINANCIALS, of(GRADE_5, new Statement(FY2025.periodEnd(), "CHF", BigDecimal.TEN, BigDecimal.TEN), null));
        // the absolute bound when it is lower than the cap
        assertMaximum("25000", LimitBasis.NO_FINANCIALS, of(new Bounds(8, new BigDecimal("25000"), new BigDecimal("0.005"), null), null, null));
        // shares only and no cap: nothing can be sized
        Policy noCap = new Policy("EUR", null, 18);
        assertMaximum("0", LimitBasis.NO_FINANCIALS,
                GradeMaximum.of(new Bounds(3, null, new BigDecimal("0.05"), null), noCap, null, null, TODAY));
        // no cap: the absolute bound alone
        assertMaximum("3000000", LimitBasis.NO_FINANCIALS, GradeMaximum.of(GRADE_5, noCap, null, null, TODAY));
    }

    @Test
    void aGradeWithoutShareBoundsIsSizedByItsAbsoluteBoundAlone() {
        Bounds version1 = new Bounds(4, new BigDecimal("300000"), null, null);
        assertMaximum("300000", LimitBasis.ABSOLUTE, of(version1, null, null));
        assertMaximum("300000", LimitBasis.ABSOLUTE, of(version1, new Statement(FY2025.periodEnd(), "EUR", BigDecimal.ONE, new BigDecimal("-5")), "1"));
        assertMaximum("0", LimitBasis.ABSOLUTE, of(new Bounds(9, null, null, null), FY2025, "1"));
    }
}
