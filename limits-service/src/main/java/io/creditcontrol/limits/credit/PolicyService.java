package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Changes the credit policy by adding a version: the old one stays, decisions already taken keep
 * naming it, and new decisions use the new one from the moment it is committed. Who, when and
 * why are part of the version.
 */
@ApplicationScoped
public class PolicyService {

    private final Clock clock;

    PolicyService(Clock clock) {
        this.clock = clock;
    }

    public record GradeRule(int grade, BigDecimal maxLimit, int paymentTermsDays, PolicyGrade.Security requiredSecurity) {
    }

    public record NewPolicy(String currency, int worstGradeForCredit, BigDecimal maxOrderValue, int referOverdueDays,
            int blockOverdueDays, int reviewIntervalDays, int reservationHours, String reason, List<GradeRule> grades) {
    }

    @Transactional
    public CreditPolicy publish(NewPolicy rules, String user) {
        CreditPolicy current = CreditPolicy.current();
        CreditPolicy policy = new CreditPolicy();
        policy.version = current == null ? 1 : current.version + 1;
        policy.currency = rules.currency();
        policy.worstGradeForCredit = rules.worstGradeForCredit();
        policy.maxOrderValue = rules.maxOrderValue();
        policy.referOverdueDays = rules.referOverdueDays();
        policy.blockOverdueDays = rules.blockOverdueDays();
        policy.reviewIntervalDays = rules.reviewIntervalDays();
        policy.reservationHours = rules.reservationHours();
        policy.createdBy = user;
        policy.createdAt = clock.instant();
        policy.reason = rules.reason();
        policy.persistAndFlush();
        for (GradeRule rule : rules.grades()) {
            PolicyGrade grade = new PolicyGrade();
            grade.policyVersion = policy.version;
            grade.grade = rule.grade();
            grade.maxLimit = rule.maxLimit();
            grade.paymentTermsDays = rule.paymentTermsDays();
            grade.requiredSecurity = rule.requiredSecurity();
            grade.persist();
        }
        return policy;
    }

    /** Sets (or replaces) the group limit of a parent buyer's group. */
    @Transactional
    public GroupLimit setGroupLimit(String parentId, BigDecimal amount, String currency, String reason, String user) {
        GroupLimit limit = GroupLimit.findById(parentId);
        if (limit == null) {
            limit = new GroupLimit();
            limit.parentId = parentId;
        }
        limit.amount = amount;
        limit.currency = currency;
        limit.reason = reason;
        limit.setBy = user;
        limit.setAt = clock.instant();
        limit.persist();
        return limit;
    }

    @Transactional
    public void setRate(String from, String to, BigDecimal rate, String user) {
        FxRate row = FxRate.find("fromCurrency = ?1 and toCurrency = ?2", from, to).firstResult();
        if (row == null) {
            row = new FxRate();
            row.fromCurrency = from;
            row.toCurrency = to;
        }
        row.rate = rate;
        row.setBy = user;
        row.setAt = clock.instant();
        row.persist();
    }
}
