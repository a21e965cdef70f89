package io.creditcontrol.limits.credit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.creditcontrol.limits.credit.CreditRules.Assessment;
import io.creditcontrol.limits.credit.CreditRules.Facts;
import io.creditcontrol.limits.credit.CreditRules.GradeTerms;
import io.creditcontrol.limits.credit.CreditRules.PolicyTerms;
import io.creditcontrol.limits.credit.PolicyGrade.Security;

/** The credit rules as plain functions: one rule per test, with the values an analyst would check. */
class CreditRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 15);
    static final PolicyTerms POLICY = new PolicyTerms(8, new BigDecimal("250000"), 30, 90);
    static final GradeTerms GRADE_4 = new GradeTerms(60, Security.NONE);

    static Facts facts(BigDecimal limit, LocalDate review, Integer grade, GradeTerms terms, String order, Integer requestedTerms,
            Integer overdueDays, boolean rates) {
        return new Facts(TODAY, limit, TODAY.minusDays(30), review, grade, POLICY, terms, new BigDecimal(order), requestedTerms,
                overdueDays, rates);
    }

    static Facts clean() {
        return facts(new BigDecimal("10000"), TODAY.plusDays(100), 4, GRADE_4, "4000", 30, null, true);
    }

    @Test
    void approvesAnOrderNoRuleObjectsToWithTheRequestedTerms() {
        Assessment a = CreditRules.assess(clean());
        assertEquals(Decision.APPROVED, a.decision());
        assertEquals(List.of(), a.reasonCodes());
        assertEquals(30, a.grantedTermsDays());
    }

    @Test
    void refersWhenTheBuyerHasNoLimit() {
        Assessment a = CreditRules.assess(facts(null, null, 4, GRADE_4, "100", null, null, true));
        assertEquals(Decision.REFERRED, a.decision());
        assertEquals(List.of(CreditRules.NO_LIMIT), a.reasonCodes());
    }

    @Test
    void refersWhenTheLimitIsNotValidYet() {
        Facts f = new Facts(TODAY, new BigDecimal("10000"), TODAY.plusDays(1), TODAY.plusDays(100), 4, POLICY, GRADE_4,
                new BigDecimal("10"), null, null, true);
        assertEquals(List.of(CreditRules.NO_LIMIT), CreditRules.assess(f).reasonCodes());
    }

    @Test
    void blocksAGradeWorseThanThePolicyMinimum() {
        Assessment a = CreditRules.assess(facts(new BigDecimal("10000"), TODAY.plusDays(100), 9,
                new GradeTerms(0, Security.PREPAYMENT), "100", null, null, true));
        assertEquals(Decision.BLOCKED, a.decision());
        assertEquals(List.of(CreditRules.GRADE_BELOW_POLICY_MINIMUM, CreditRules.SECURITY_REQUIRED), a.reasonCodes());
    }

    @Test
    void refersWhenTheOldestOverdueItemIsOlderThanThirtyDaysAndBlocksBeyondNinety() {
        assertEquals(Decision.APPROVED, CreditRules.assess(facts(new BigDecimal("10000"), TODAY.plusDays(1), 4, GRADE_4, "1", null, 30, true)).decision());
        Assessment referred = CreditRules.assess(facts(new BigDecimal("10000"), TODAY.plusDays(1), 4, GRADE_4, "1", null, 31, true));
        assertEquals(Decision.REFERRED, referred.decision());
        assertEquals(List.of("OVERDUE_BEYOND_30"), referred.reasonCodes());
        Assessment blocked = CreditRules.assess(facts(new BigDecimal("10000"), TODAY.plusDays(1), 4, GRADE_4, "1", null, 91, true));
        assertEquals(Decision.BLOCKED, blocked.decision());
        assertEquals(List.of("OVERDUE_BEYOND_90"), blocked.reasonCodes());
    }

    @Test
    void refersOnceTheReviewDateHasPassedButNotOnTheReviewDateItself() {
        assertEquals(Decision.APPROVED, CreditRules.assess(facts(new BigDecimal("10000"), TODAY, 4, GRADE_4, "1", null, null, true)).decision());
        Assessment a = CreditRules.assess(facts(new BigDecimal("10000"), TODAY.minusDays(1), 4, GRADE_4, "1", null, null, true));
        assertEquals(Decision.REFERRED, a.decision());
        assertEquals(List.of(CreditRules.REVIEW_OVERDUE), a.reasonCodes());
    }

    @Test
    void refersAnOrderAboveTheMaximumOrderValue() {
        assertEquals(Decision.APPROVED, CreditRules.assess(facts(new BigDecimal("900000"), TODAY.plusDays(9), 4, GRADE_4, "250000", null, null, true)).decision());
        Assessment a = CreditRules.assess(facts(new BigDecimal("900000"), TODAY.plusDays(9), 4, GRADE_4, "250000.01", null, null, true));
        assertEquals(Decision.REFERRED, a.decision());
        assertEquals(List.of(CreditRules.MAX_ORDER_VALUE_EXCEEDED), a.reasonCodes());
    }

    @Test
    void refersWhenAnAmountCannotBeConverted() {
        Assessment a = CreditRules.assess(facts(new BigDecimal("10000"), TODAY.plusDays(9), 4, GRADE_4, "1", null, null, false));
        assertEquals(List.of(CreditRules.FX_RATE_MISSING), a.reasonCodes());
        assertEquals(Decision.REFERRED, a.decision());
    }

    @Test
    void approvesWithConditionsWhenTheGradeRequiresSecurityAndShortensTheTerms() {
        Assessment a = CreditRules.assess(facts(new BigDecimal("10000"), TODAY.plusDays(9), 8, new GradeTerms(30, Security.PREPAYMENT),
                "500", 60, null, true));
        assertEquals(Decision.APPROVED_WITH_CONDITIONS, a.decision());
        assertEquals(List.of(CreditRules.SECURITY_REQUIRED, CreditRules.TERMS_REDUCED), a.reasonCodes());
        assertEquals(List.of("PREPAYMENT"), a.conditions());
        assertEquals(30, a.grantedTermsDays());
    }

    @Test
    void aLimitExceededAfterApprovalIsReferredWithItsReasonAdded() {
        Assessment a = CreditRules.assess(facts(new BigDecimal("10000"), TODAY.plusDays(9), 8, new GradeTerms(30, Security.PREPAYMENT),
                "500", null, null, true)).limitExceeded();
        assertEquals(Decision.REFERRED, a.decision());
        assertEquals(List.of(CreditRules.SECURITY_REQUIRED, CreditRules.LIMIT_EXCEEDED), a.reasonCodes());
    }

    @Test
    void theWorstDecisionWins() {
        Assessment a = CreditRules.assess(facts(null, null, 10, new GradeTerms(0, Security.PREPAYMENT), "300000", 90, 120, true));
        assertEquals(Decision.BLOCKED, a.decision());
        assertEquals(List.of(CreditRules.NO_LIMIT, CreditRules.GRADE_BELOW_POLICY_MINIMUM, "OVERDUE_BEYOND_90",
                CreditRules.MAX_ORDER_VALUE_EXCEEDED, CreditRules.SECURITY_REQUIRED, CreditRules.TERMS_REDUCED), a.reasonCodes());
    }

    @Test
    void aScoreCutsAnyLimitAboveTheGradeMaximumAtOnce() {
        assertEquals(new BigDecimal("75000"), CreditRules.limitAfterScore(new BigDecimal("150000"), CreditLimit.Source.MANUAL, new BigDecimal("75000")));
        assertEquals(new BigDecimal("75000"), CreditRules.limitAfterScore(new BigDecimal("150000"), CreditLimit.Source.POLICY, new BigDecimal("75000")));
    }

    @Test
    void anUpgradeRaisesOnlyAPolicyLimitAndOnlyToTheGradeMaximum() {
        assertEquals(new BigDecimal("300000"), CreditRules.limitAfterScore(new BigDecimal("150000"), CreditLimit.Source.POLICY, new BigDecimal("300000")));
        assertEquals(new BigDecimal("50000"), CreditRules.limitAfterScore(new BigDecimal("50000"), CreditLimit.Source.MANUAL, new BigDecimal("300000")));
        assertEquals(new BigDecimal("150000"), CreditRules.limitAfterScore(null, null, new BigDecimal("150000")));
    }
}
