package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * How big a limit the policy allows one buyer at one grade: the <b>lowest</b> of the bounds the
 * grade sets, each optional,
 * <ul>
 * <li>the absolute maximum ({@code maxLimit}),
 * <li>{@code maxShareOfRevenue} x the revenue of the buyer's latest statement,
 * <li>{@code maxShareOfEquity} x its book equity; equity of zero or below gives 0 (a company whose
 *     losses have eaten its capital gets no open-account credit on its equity),
 * </ul>
 * with the statement's figures converted into the policy currency at the rate supplied through the
 * FX-rate API. A statement counts as <em>missing</em> when there is none, when its period ended more
 * than the policy's {@code statementMaxAgeMonths} ago, or when no rate from its currency into the
 * policy currency is known. Then, for a grade that sizes limits by financials (has a share bound),
 * the maximum is the absolute bound capped at the policy's {@code maxLimitWithoutFinancials}
 * (either may be absent; neither: 0), basis {@code NO_FINANCIALS}. A grade without share bounds is
 * sized by its absolute bound alone, whatever the statements say. A grade without any bound (the
 * policy API allows that only for grades worse than the worst grade for credit) allows nothing.
 * A share bound is rounded down to whole units of the policy currency.
 */
public final class GradeMaximum {

    private GradeMaximum() {
    }

    /** The maximum, the bound it came from, and a sentence saying so (for the limit's reason). */
    public record Maximum(BigDecimal amount, LimitBasis basis, String explanation) {
    }

    /** The grade's bounds under one policy version. */
    public record Bounds(int grade, BigDecimal maxLimit, BigDecimal maxShareOfRevenue, BigDecimal maxShareOfEquity) {

        boolean sizedByFinancials() {
            return maxShareOfRevenue != null || maxShareOfEquity != null;
        }

        public static Bounds of(PolicyGrade g) {
            return new Bounds(g.grade, g.maxLimit, g.maxShareOfRevenue, g.maxShareOfEquity);
        }
    }

    /** The policy's rules for buyers without usable financials. */
    public record Policy(String currency, BigDecimal maxLimitWithoutFinancials, int statementMaxAgeMonths) {

        public static Policy of(CreditPolicy p) {
            return new Policy(p.currency, p.maxLimitWithoutFinancials, p.statementMaxAgeMonths);
        }
    }

    /** The figures of the buyer's latest statement, in its own currency. */
    public record Statement(LocalDate periodEnd, String currency, BigDecimal revenue, BigDecimal bookEquity) {

        public static Statement of(FinancialStatement s) {
            return s == null ? null : new Statement(s.periodEnd, s.currency, s.revenue, s.bookEquity);
        }
    }

    /**
     * @param statement the buyer's latest statement, or null
     * @param rate 1 unit of the statement's currency in the policy currency (1 for the same currency), or null when unknown
     */
    public static Maximum of(Bounds bounds, Policy policy, Statement statement, BigDecimal rate, LocalDate today) {
        String ccy = policy.currency();
        if (bounds.maxLimit() == null && !bounds.sizedByFinancials()) {
            return new Maximum(BigDecimal.ZERO, LimitBasis.ABSOLUTE, "grade " + bounds.grade() + " sets no bound: no open-account credit");
        }
        if (!bounds.sizedByFinancials()) {
            return new Maximum(bounds.maxLimit(), LimitBasis.ABSOLUTE,
                    "absolute maximum " + money(bounds.maxLimit(), ccy) + " of grade " + bounds.grade());
        }
        String missing = missing(statement, rate, policy, today);
        if (missing != null) {
            BigDecimal amount = null;
            String bound = null;
            if (bounds.maxLimit() != null) {
                amount = bounds.maxLimit();
                bound = "absolute maximum " + money(bounds.maxLimit(), ccy) + " of grade " + bounds.grade();
            }
            if (policy.maxLimitWithoutFinancials() != null && (amount == null || policy.maxLimitWithoutFinancials().compareTo(amount) < 0)) {
                amount = policy.maxLimitWithoutFinancials();
                bound = "maximum without financials " + money(amount, ccy);
            }
            if (amount == null) {
                return new Maximum(BigDecimal.ZERO, LimitBasis.NO_FINANCIALS, missing + "; grade " + bounds.grade()
                        + " is sized by financials only: no open-account credit");
            }
            return new Maximum(amount, LimitBasis.NO_FINANCIALS, missing + ": " + bound);
        }
        String of = " (statement " + statement.periodEnd() + ", " + statement.currency() + ")";
        Maximum lowest = null;
        if (bounds.maxLimit() != null) {
            lowest = new Maximum(bounds.maxLimit(), LimitBasis.ABSOLUTE,
                    "absolute maximum " + money(bounds.maxLimit(), ccy) + " of grade " + bounds.grade());
        }
        if (bounds.maxShareOfRevenue() != null) {
            BigDecimal revenue = statement.revenue().multiply(rate);
            Maximum byRevenue = new Maximum(whole(revenue.multiply(bounds.maxShareOfRevenue())), LimitBasis.REVENUE_SHARE,
                    percent(bounds.maxShareOfRevenue()) + " of revenue " + money(statement.revenue(), statement.currency()) + of);
            lowest = lower(lowest, byRevenue);
        }
        if (bounds.maxShareOfEquity() != null) {
            Maximum byEquity = statement.bookEquity().signum() <= 0
                    ? new Maximum(BigDecimal.ZERO, LimitBasis.EQUITY_SHARE,
                            "book equity " + money(statement.bookEquity(), statement.currency()) + " is not positive" + of)
                    : new Maximum(whole(statement.bookEquity().multiply(rate).multiply(bounds.maxShareOfEquity())), LimitBasis.EQUITY_SHARE,
                            percent(bounds.maxShareOfEquity()) + " of book equity " + money(statement.bookEquity(), statement.currency()) + of);
            lowest = lower(lowest, byEquity);
        }
        return lowest;
    }

    /** Why the statement cannot size the limit, or null when it can. */
    static String missing(Statement statement, BigDecimal rate, Policy policy, LocalDate today) {
        if (statement == null) {
            return "no financial statement known";
        }
        if (statement.periodEnd().plusMonths(policy.statementMaxAgeMonths()).isBefore(today)) {
            return "latest financial statement (period end " + statement.periodEnd() + ") older than "
                    + policy.statementMaxAgeMonths() + " months";
        }
        if (rate == null) {
            return "no FX rate " + statement.currency() + "->" + policy.currency() + " for the financial statement of "
                    + statement.periodEnd();
        }
        return null;
    }

    /** The lower of two bounds; on a tie the one found first (absolute, then revenue, then equity). */
    private static Maximum lower(Maximum a, Maximum b) {
        return a == null || b.amount().compareTo(a.amount()) < 0 ? b : a;
    }

    private static BigDecimal whole(BigDecimal amount) {
        return amount.setScale(0, RoundingMode.DOWN);
    }

    private static String percent(BigDecimal share) {
        return share.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }

    static String money(BigDecimal amount, String currency) {
        return String.format(java.util.Locale.ROOT, "%,.0f %s", amount.setScale(0, RoundingMode.DOWN), currency);
    }
}
