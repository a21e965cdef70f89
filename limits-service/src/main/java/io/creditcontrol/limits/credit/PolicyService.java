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

    /** A grade's bounds (each optional; the lowest that applies wins), terms and security. */
    public record GradeRule(int grade, BigDecimal maxLimit, BigDecimal maxShareOfRevenue, BigDecimal maxShareOfEquity,
            int paymentTermsDays, PolicyGrade.Security requiredSecurity) {
    }

    /**
     * A new policy version. {@code maxLimitWithoutFinancials} (optional) caps the limit of buyers
     * without a usable statement; {@code statementMaxAgeMonths} (optional, default
     * {@link #DEFAULT_STATEMENT_MAX_AGE_MONTHS}) is how old a statement may be.
     */
    public record NewPolicy(String currency, int worstGradeForCredit, BigDecimal maxOrderValue, int referOverdueDays,
            int blockOverdueDays, int reviewIntervalDays, int reservationHours, BigDecimal maxLimitWithoutFinancials,
            Integer statementMaxAgeMonths, String reason, List<GradeRule> grades) {
    }

    public static final int DEFAULT_STATEMENT_MAX_AGE_MONTHS = 18;

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
        policy.maxLimitWithoutFinancials = rules.maxLimitWithoutFinancials();
        policy.statementMaxAgeMonths = rules.statementMaxAgeMonths() == null ? DEFAULT_STATEMENT_MAX_AGE_MONTHS : rules.statementMaxAgeMonths();
        policy.persistAndFlush();
        for (GradeRule rule : rules.grades()) {
            PolicyGrade grade = new PolicyGrade();
            grade.policyVersion = policy.version;
            grade.grade = rule.grade();
            grade.maxLimit = rule.maxLimit();
            grade.maxShareOfRevenue = rule.maxShareOfRevenue();
            grade.maxShareOfEquity = rule.maxShareOfEquity();
            grade.paymentTermsDays = rule.paymentTermsDays();
            grade.requiredSecurity = rule.requiredSecurity();
            grade.persist();
        }
        return policy;
    }

    /** An analyst asks for a group limit (maker); nothing changes until a different approver approves it. */
    @Transactional
    public GroupLimitRequest requestGroupLimit(String parentId, BigDecimal amount, String currency, String reason, String analyst) {
        GroupLimitRequest request = new GroupLimitRequest();
        request.id = java.util.UUID.randomUUID().toString();
        request.parentId = parentId;
        request.amount = amount;
        request.currency = currency;
        request.reason = reason;
        request.status = LimitChangeRequest.Status.PENDING;
        request.requestedBy = analyst;
        request.requestedAt = clock.instant();
        request.persist();
        return request;
    }

    /** The checker approves: the group limit is set (or replaced) in the same transaction. */
    @Transactional
    public GroupLimitRequest approveGroupLimit(String requestId, String approver, String comment) {
        GroupLimitRequest request = pendingGroupRequest(requestId, approver);
        request.status = LimitChangeRequest.Status.APPROVED;
        request.decidedBy = approver;
        request.decidedAt = clock.instant();
        request.decisionComment = comment;
        GroupLimit limit = GroupLimit.findById(request.parentId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (limit == null) {
            limit = new GroupLimit();
            limit.parentId = request.parentId;
        }
        limit.amount = request.amount;
        limit.currency = request.currency;
        limit.reason = request.reason;
        limit.requestedBy = request.requestedBy;
        limit.setBy = approver;
        limit.setAt = request.decidedAt;
        limit.persist();
        return request;
    }

    @Transactional
    public GroupLimitRequest rejectGroupLimit(String requestId, String approver, String comment) {
        GroupLimitRequest request = pendingGroupRequest(requestId, approver);
        request.status = LimitChangeRequest.Status.REJECTED;
        request.decidedBy = approver;
        request.decidedAt = clock.instant();
        request.decisionComment = comment;
        return request;
    }

    @Transactional
    public GroupLimitRequest groupRequest(String requestId) {
        GroupLimitRequest request = GroupLimitRequest.findById(requestId);
        if (request == null) {
            throw new jakarta.ws.rs.NotFoundException("Group limit request " + requestId + " does not exist");
        }
        return request;
    }

    /** The request, locked, if still pending and decided by someone other than its requester. */
    private static GroupLimitRequest pendingGroupRequest(String requestId, String approver) {
        GroupLimitRequest request = GroupLimitRequest.findById(requestId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw new jakarta.ws.rs.NotFoundException("Group limit request " + requestId + " does not exist");
        }
        if (request.status != LimitChangeRequest.Status.PENDING) {
            throw io.creditcontrol.limits.api.ProblemException.conflict("limit-request-decided", "Limit request already decided",
                    "Group limit request " + requestId + " was already " + request.status.name().toLowerCase() + " by " + request.decidedBy);
        }
        if (request.requestedBy.equals(approver)) {
            throw io.creditcontrol.limits.api.ProblemException.forbidden("four-eyes", "Requester cannot approve",
                    "Group limit request " + requestId + " was requested by " + approver + "; a different person must approve or reject it");
        }
        return request;
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
        // the credit check keeps the rates in memory and reloads them when this number moves (ReferenceData)
        FxRate.getEntityManager().createNativeQuery("UPDATE reference_data_version SET version = version + 1 WHERE name = ?1")
                .setParameter(1, ReferenceData.FX_RATES).executeUpdate();
    }
}
