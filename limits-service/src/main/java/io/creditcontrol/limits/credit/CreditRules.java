package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The credit check of one order, as a credit analyst (or SAP's credit check) would run it,
 * except the headroom, which is taken atomically by the reservation. Every rule that fires adds
 * its reason code; the worst decision any rule gives is the answer:
 * <ul>
 * <li>no limit in force (none set, or not valid yet): REFERRED, {@code NO_LIMIT};
 * <li>grade worse than the policy's worst grade for credit: BLOCKED, {@code GRADE_BELOW_POLICY_MINIMUM};
 * <li>oldest overdue item older than the policy's block days: BLOCKED, {@code OVERDUE_BEYOND_<n>};
 *     older than its refer days: REFERRED, {@code OVERDUE_BEYOND_<n>};
 * <li>limit review date passed: REFERRED, {@code REVIEW_OVERDUE} (cautious until renewed);
 * <li>order above the policy's maximum order value: REFERRED, {@code MAX_ORDER_VALUE_EXCEEDED};
 * <li>an amount that cannot be converted into the limit's currency: REFERRED, {@code FX_RATE_MISSING};
 * <li>the grade requires security: APPROVED_WITH_CONDITIONS, {@code SECURITY_REQUIRED} and the
 *     security as condition;
 * <li>requested terms longer than the grade's terms: APPROVED_WITH_CONDITIONS, {@code TERMS_REDUCED},
 *     granted the grade's terms;
 * <li>exposure + order above the limit: REFERRED, {@code LIMIT_EXCEEDED} ({@link Assessment#limitExceeded()}).
 * </ul>
 * Found by the check service from its views and added with {@link Assessment#with}: collections
 * recommended a supply stop and the buyer still has overdue items: BLOCKED, {@code COLLECTIONS_ESCALATION};
 * an open invoice reached the dunning level {@code credit.dunning.refer-level}: REFERRED,
 * {@code DUNNING_LEVEL_REACHED}; disputed exposure beyond the insurer's uninsured tolerance:
 * REFERRED, {@code UNINSURED_EXPOSURE_EXCEEDED}; the combined exposure of the buyer's group plus
 * the order above the group limit: REFERRED, {@code GROUP_LIMIT_EXCEEDED}.
 */
public final class CreditRules {

    public static final String NO_LIMIT = "NO_LIMIT";
    public static final String LIMIT_EXCEEDED = "LIMIT_EXCEEDED";
    public static final String GRADE_BELOW_POLICY_MINIMUM = "GRADE_BELOW_POLICY_MINIMUM";
    public static final String REVIEW_OVERDUE = "REVIEW_OVERDUE";
    public static final String MAX_ORDER_VALUE_EXCEEDED = "MAX_ORDER_VALUE_EXCEEDED";
    public static final String FX_RATE_MISSING = "FX_RATE_MISSING";
    public static final String SECURITY_REQUIRED = "SECURITY_REQUIRED";
    public static final String TERMS_REDUCED = "TERMS_REDUCED";
    public static final String GROUP_LIMIT_EXCEEDED = "GROUP_LIMIT_EXCEEDED";
    public static final String COLLECTIONS_ESCALATION = "COLLECTIONS_ESCALATION";
    public static final String DUNNING_LEVEL_REACHED = "DUNNING_LEVEL_REACHED";
    public static final String UNINSURED_EXPOSURE_EXCEEDED = "UNINSURED_EXPOSURE_EXCEEDED";
    public static final String RELEASED_BY_ANALYST = "RELEASED_BY_ANALYST";
    public static final String REJECTED_BY_ANALYST = "REJECTED_BY_ANALYST";

    /**
     * The limit the check uses: the internal limit, capped while an insurer's cover is valid at
     * cover + uninsured tolerance (tolerance = cover x share). Null cover: the internal limit.
     */
    public static BigDecimal effectiveLimit(BigDecimal internal, BigDecimal cover, BigDecimal toleranceShare) {
        if (cover == null) {
            return internal;
        }
        return internal.min(cover.add(cover.multiply(toleranceShare)).setScale(4, java.math.RoundingMode.HALF_DOWN));
    }

    /** Disputed invoices are never insured: they must fit within the uninsured tolerance. */
    public static boolean uninsuredExceeded(BigDecimal disputed, BigDecimal cover, BigDecimal toleranceShare) {
        return cover != null && disputed.compareTo(cover.multiply(toleranceShare)) > 0;
    }

    private CreditRules() {
    }

    /** What the rules need to know; amounts in the limit's currency unless named otherwise. */
    public record Facts(
            LocalDate today,
            BigDecimal limit,
            LocalDate limitValidFrom,
            LocalDate reviewDate,
            Integer grade,
            PolicyTerms policy,
            GradeTerms gradeTerms,
            BigDecimal orderAmountInPolicyCurrency,
            Integer requestedTermsDays,
            Integer oldestOverdueDays,
            boolean ratesComplete) {
    }

    public record PolicyTerms(int worstGradeForCredit, BigDecimal maxOrderValue, int referOverdueDays, int blockOverdueDays) {
    }

    public record GradeTerms(int paymentTermsDays, PolicyGrade.Security requiredSecurity) {
    }

    public record Assessment(Decision decision, List<String> reasonCodes, List<String> conditions, Integer grantedTermsDays) {

        /** The same assessment after the reservation found no headroom. */
        public Assessment limitExceeded() {
            return with(Decision.REFERRED, LIMIT_EXCEEDED);
        }

        /** The same assessment with one more finding. */
        public Assessment with(Decision atLeast, String reasonCode) {
            List<String> reasons = new ArrayList<>(reasonCodes);
            reasons.add(reasonCode);
            return new Assessment(decision.worst(atLeast), List.copyOf(reasons), conditions, grantedTermsDays);
        }
    }

    public static Assessment assess(Facts facts) {
        Decision decision = Decision.APPROVED;
        List<String> reasons = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        PolicyTerms policy = facts.policy();

        if (facts.limit() == null || facts.limitValidFrom().isAfter(facts.today())) {
            decision = decision.worst(Decision.REFERRED);
            reasons.add(NO_LIMIT);
        }
        if (facts.grade() != null && facts.grade() > policy.worstGradeForCredit()) {
            decision = decision.worst(Decision.BLOCKED);
            reasons.add(GRADE_BELOW_POLICY_MINIMUM);
        }
        Integer overdue = facts.oldestOverdueDays();
        if (overdue != null && overdue > policy.blockOverdueDays()) {
            decision = decision.worst(Decision.BLOCKED);
            reasons.add("OVERDUE_BEYOND_" + policy.blockOverdueDays());
        } else if (overdue != null && overdue > policy.referOverdueDays()) {
            decision = decision.worst(Decision.REFERRED);
            reasons.add("OVERDUE_BEYOND_" + policy.referOverdueDays());
        }
        if (facts.limit() != null && facts.reviewDate().isBefore(facts.today())) {
            decision = decision.worst(Decision.REFERRED);
            reasons.add(REVIEW_OVERDUE);
        }
        if (!facts.ratesComplete()) {
            decision = decision.worst(Decision.REFERRED);
            reasons.add(FX_RATE_MISSING);
        } else if (facts.orderAmountInPolicyCurrency() != null
                && facts.orderAmountInPolicyCurrency().compareTo(policy.maxOrderValue()) > 0) {
            decision = decision.worst(Decision.REFERRED);
            reasons.add(MAX_ORDER_VALUE_EXCEEDED);
        }
        Integer granted = facts.requestedTermsDays();
        GradeTerms terms = facts.gradeTerms();
        if (terms != null) {
            if (terms.requiredSecurity() != PolicyGrade.Security.NONE) {
                decision = decision.worst(Decision.APPROVED_WITH_CONDITIONS);
                reasons.add(SECURITY_REQUIRED);
                conditions.add(terms.requiredSecurity().name());
            }
            if (granted == null) {
                granted = terms.paymentTermsDays();
            } else if (granted > terms.paymentTermsDays()) {
                decision = decision.worst(Decision.APPROVED_WITH_CONDITIONS);
                reasons.add(TERMS_REDUCED);
                granted = terms.paymentTermsDays();
            }
        }
        return new Assessment(decision, List.copyOf(reasons), List.copyOf(conditions), granted);
    }

    /** The limit the policy allows a grade when a score proposes one: never above the grade's maximum. */
    public static BigDecimal limitAfterScore(BigDecimal current, CreditLimit.Source source, BigDecimal gradeMaximum) {
        if (current == null) {
            return gradeMaximum;
        }
        if (current.compareTo(gradeMaximum) > 0) {
            return gradeMaximum; // a downgrade cuts at once, whoever set the limit
        }
        // an upgrade raises a limit the policy set, up to the grade's maximum; an analyst's limit stays
        return source == CreditLimit.Source.POLICY ? gradeMaximum : current;
    }
}
