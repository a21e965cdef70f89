package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.jboss.logging.Logger;

import io.creditcontrol.limits.api.ProblemException;
import io.creditcontrol.limits.exposure.Buyer;
import io.creditcontrol.limits.exposure.BuyerExposure;

/**
 * Sets buyers' credit limits, in two ways only:
 * <ul>
 * <li>Manually, by maker-checker: an analyst requests a limit (who, why); a different person
 *     approves or rejects it. Only an approved request changes the limit.
 * <li>From the policy, when a score arrives: a first grade sets the grade's maximum; a downgrade
 *     cuts the limit at once to the new grade's maximum; an upgrade raises a limit the policy
 *     set, and never an analyst's limit, and never above the grade's maximum.
 * </ul>
 * Every change is kept in the history and announced as credit.limit.changed in the same transaction.
 */
@ApplicationScoped
public class LimitService {

    private static final Logger LOG = Logger.getLogger(LimitService.class);
    public static final String SYSTEM = "system";

    private final Clock clock;
    private final CreditEvents events;

    LimitService(Clock clock, CreditEvents events) {
        this.clock = clock;
        this.events = events;
    }

    public record LimitRequestCommand(String buyerId, BigDecimal amount, String currency, LocalDate validFrom,
            LocalDate reviewDate, String reason, String user) {
    }

    @Transactional
    public LimitChangeRequest request(LimitRequestCommand command) {
        if (Buyer.findById(command.buyerId()) == null) {
            throw ProblemException.unknown("buyerId", "Buyer " + command.buyerId() + " is not known to limits-service");
        }
        LimitChangeRequest request = new LimitChangeRequest();
        request.id = UUID.randomUUID().toString();
        request.buyerId = command.buyerId();
        request.amount = command.amount();
        request.currency = command.currency();
        request.validFrom = command.validFrom() == null ? LocalDate.now(clock) : command.validFrom();
        request.reviewDate = command.reviewDate();
        request.reason = command.reason();
        request.status = LimitChangeRequest.Status.PENDING;
        request.requestedBy = command.user();
        request.requestedAt = clock.instant();
        request.persist();
        return request;
    }

    @Transactional
    public LimitChangeRequest approve(String requestId, String approver, String comment) {
        LimitChangeRequest request = pending(requestId, approver);
        request.status = LimitChangeRequest.Status.APPROVED;
        request.decidedBy = approver;
        request.decidedAt = clock.instant();
        request.decisionComment = comment;
        set(request.buyerId, request.amount, request.currency, request.validFrom, request.reviewDate,
                CreditLimit.Source.MANUAL, request.requestedBy, approver, request.reason, LimitBasis.MANUAL);
        return request;
    }

    @Transactional
    public LimitChangeRequest reject(String requestId, String approver, String comment) {
        LimitChangeRequest request = pending(requestId, approver);
        request.status = LimitChangeRequest.Status.REJECTED;
        request.decidedBy = approver;
        request.decidedAt = clock.instant();
        request.decisionComment = comment;
        return request;
    }

    private static LimitChangeRequest pending(String requestId, String approver) {
        LimitChangeRequest request = LimitChangeRequest.findById(requestId);
        if (request == null) {
            throw new NotFoundException("Limit request " + requestId + " does not exist");
        }
        if (request.status != LimitChangeRequest.Status.PENDING) {
            throw ProblemException.conflict("limit-request-decided", "Limit request already decided",
                    "Limit request " + requestId + " was already " + request.status.name().toLowerCase() + " by " + request.decidedBy);
        }
        if (request.requestedBy.equals(approver)) {
            throw ProblemException.forbidden("four-eyes", "Requester cannot approve",
                    "Limit request " + requestId + " was requested by " + approver + "; a different person must approve or reject it");
        }
        return request;
    }

    public record CoverCommand(String buyerId, BigDecimal amount, String currency, LocalDate validFrom, LocalDate validTo,
            String insurer, String policyNumber, String user) {
    }

    /**
     * Records (or replaces) the insurer's approved cover for the buyer; it caps the effective limit
     * while valid. Every change is kept in insurance_cover_history (the cover as recorded, the values
     * it replaced, who and when) in the same transaction; a PUT that changes nothing records nothing.
     */
    @Transactional
    public InsuranceCover recordCover(CoverCommand command) {
        if (Buyer.findById(command.buyerId()) == null) {
            throw ProblemException.unknown("buyerId", "Buyer " + command.buyerId() + " is not known to limits-service");
        }
        Buyer.lock(command.buyerId()); // two changes of one cover at once: each sees what the other replaced
        InsuranceCover cover = InsuranceCover.findById(command.buyerId());
        InsuranceCoverHistory change = new InsuranceCoverHistory();
        if (cover == null) {
            cover = new InsuranceCover();
            cover.buyerId = command.buyerId();
        } else if (cover.amount.compareTo(command.amount()) == 0 && cover.currency.equals(command.currency())
                && cover.validFrom.equals(command.validFrom()) && cover.validTo.equals(command.validTo())
                && cover.insurer.equals(command.insurer()) && cover.policyNumber.equals(command.policyNumber())) {
            return cover; // the same cover again: nothing changed, nothing to record
        } else {
            change.previousAmount = cover.amount;
            change.previousCurrency = cover.currency;
            change.previousValidFrom = cover.validFrom;
            change.previousValidTo = cover.validTo;
            change.previousInsurer = cover.insurer;
            change.previousPolicyNumber = cover.policyNumber;
        }
        cover.amount = command.amount();
        cover.currency = command.currency();
        cover.validFrom = command.validFrom();
        cover.validTo = command.validTo();
        cover.insurer = command.insurer();
        cover.policyNumber = command.policyNumber();
        cover.recordedBy = command.user();
        cover.recordedAt = clock.instant();
        cover.persist();

        change.buyerId = cover.buyerId;
        change.amount = cover.amount;
        change.currency = cover.currency;
        change.validFrom = cover.validFrom;
        change.validTo = cover.validTo;
        change.insurer = cover.insurer;
        change.policyNumber = cover.policyNumber;
        change.recordedBy = cover.recordedBy;
        change.recordedAt = cover.recordedAt;
        change.persist();
        LOG.infof("Insurance cover of %s recorded by %s: %s %s from %s to %s (%s, %s)", cover.buyerId, cover.recordedBy,
                cover.amount.toPlainString(), cover.currency, cover.validFrom, cover.validTo, cover.insurer, cover.policyNumber);
        return cover;
    }

    /**
     * A new grade for the buyer: the policy proposes the grade's maximum for this buyer
     * ({@link GradeMaximum}: the lowest of the absolute bound and the shares of its latest revenue
     * and equity) and the limit follows {@link CreditRules#limitAfterScore}. Runs in the inbox's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void gradeChanged(String buyerId, int grade, Integer previousGrade, Instant assessedAt) {
        Buyer.lock(buyerId);
        BuyerGrade known = BuyerGrade.findById(buyerId);
        if (known == null) {
            known = new BuyerGrade();
            known.buyerId = buyerId;
            known.grade = grade;
            known.assessedAt = assessedAt;
            known.persist();
        } else if (known.assessedAt.isAfter(assessedAt)) {
            LOG.infof("Score of %s assessed at %s is older than the one applied; ignored", buyerId, assessedAt);
            return;
        } else {
            known.grade = grade;
            known.assessedAt = assessedAt;
        }
        CreditPolicy policy = CreditPolicy.current();
        CreditLimit current = CreditLimit.findById(buyerId);
        GradeMaximum.Maximum maximum = maximum(buyerId, policy, grade);
        if (current != null && !current.currency.equals(policy.currency)) {
            cutToZeroIfBarred(current, maximum, "Grade " + grade + ": no open-account credit under policy v" + policy.version);
            return;
        }
        BigDecimal proposed = CreditRules.limitAfterScore(current == null ? null : current.amount,
                current == null ? null : current.source, maximum.amount());
        if (current != null && current.amount.compareTo(proposed) == 0) {
            return;
        }
        String reason = current == null
                ? "Grade " + grade + ": limit set to the policy maximum (policy v" + policy.version + ")"
                : proposed.compareTo(current.amount) < 0
                        ? "Grade " + (previousGrade == null ? "" : "downgraded from " + previousGrade + " to ") + grade
                                + ": limit capped by grade policy v" + policy.version
                        : "Grade " + (previousGrade == null ? "" : "upgraded from " + previousGrade + " to ") + grade
                                + ": limit raised to the policy maximum v" + policy.version;
        CreditLimit.Source source = current == null ? CreditLimit.Source.POLICY : current.source;
        LocalDate today = LocalDate.now(clock);
        set(buyerId, proposed, policy.currency, today, today.plusDays(policy.reviewIntervalDays), source, null, SYSTEM,
                reason + "; " + maximum.explanation(), basisOf(proposed, maximum, current));
    }

    public record StatementCommand(String buyerId, LocalDate periodEnd, String currency, BigDecimal revenue, BigDecimal bookEquity,
            String eventSource, String eventId) {
    }

    /**
     * A financial statement of the buyer was reported. The latest one (by period end) is kept; an
     * older one changes nothing, the same period with the same figures (a re-send) neither, the same
     * period with other figures is a restatement and replaces it. If the buyer has a grade, the
     * grade's maximum is worked out again with the new figures: lower than the limit, the limit is
     * cut at once (whoever set it); higher, a limit the policy set is raised to it, an analyst's
     * limit stays. The change, its history row and credit.limit.changed are written in the inbox's
     * transaction, the reason naming the statement.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void financialStatementReported(StatementCommand command) {
        Buyer.lock(command.buyerId());
        FinancialStatement latest = FinancialStatement.findById(command.buyerId());
        if (latest != null && latest.periodEnd.isAfter(command.periodEnd())) {
            LOG.infof("Financial statement of %s for %s is older than the one kept (%s); ignored", command.buyerId(),
                    command.periodEnd(), latest.periodEnd);
            return;
        }
        if (latest != null && latest.periodEnd.equals(command.periodEnd()) && latest.currency.equals(command.currency())
                && latest.revenue.compareTo(command.revenue()) == 0 && latest.bookEquity.compareTo(command.bookEquity()) == 0) {
            LOG.infof("Financial statement of %s for %s received again with the same figures; ignored", command.buyerId(),
                    command.periodEnd());
            return;
        }
        if (latest == null) {
            latest = new FinancialStatement();
            latest.buyerId = command.buyerId();
        }
        latest.periodEnd = command.periodEnd();
        latest.currency = command.currency();
        latest.revenue = command.revenue();
        latest.bookEquity = command.bookEquity();
        latest.eventSource = command.eventSource();
        latest.eventId = command.eventId();
        latest.receivedAt = clock.instant();
        latest.persist();

        BuyerGrade grade = BuyerGrade.findById(command.buyerId());
        if (grade == null) {
            return; // no grade, no policy maximum yet: the first score sizes the limit with these figures
        }
        CreditPolicy policy = CreditPolicy.current();
        GradeMaximum.Maximum maximum = maximum(command.buyerId(), policy, grade.grade);
        CreditLimit current = CreditLimit.findById(command.buyerId());
        String statement = "Financial statement " + command.periodEnd() + " (revenue " + GradeMaximum.money(command.revenue(), command.currency())
                + ", book equity " + GradeMaximum.money(command.bookEquity(), command.currency()) + ")";
        if (current != null && !current.currency.equals(policy.currency)) {
            cutToZeroIfBarred(current, maximum, statement + ": no open-account credit under policy v" + policy.version);
            return;
        }
        BigDecimal proposed = CreditRules.limitAfterScore(current == null ? null : current.amount,
                current == null ? null : current.source, maximum.amount());
        if (current != null && current.amount.compareTo(proposed) == 0) {
            return;
        }
        String reason = current == null
                ? statement + ": grade " + grade.grade + " limit set to the policy maximum v" + policy.version
                : proposed.compareTo(current.amount) < 0
                        ? statement + ": limit cut to the grade " + grade.grade + " maximum of policy v" + policy.version
                        : statement + ": limit raised to the grade " + grade.grade + " maximum of policy v" + policy.version;
        CreditLimit.Source source = current == null ? CreditLimit.Source.POLICY : current.source;
        LocalDate today = LocalDate.now(clock);
        LocalDate review = current == null ? today.plusDays(policy.reviewIntervalDays) : current.reviewDate;
        set(command.buyerId(), proposed, policy.currency, today, review, source, null, SYSTEM,
                reason + "; " + maximum.explanation(), basisOf(proposed, maximum, current));
    }

    /** The grade's maximum for this buyer under the policy, from its latest statement converted into the policy currency. */
    private GradeMaximum.Maximum maximum(String buyerId, CreditPolicy policy, int grade) {
        PolicyGrade terms = policy.grade(grade);
        FinancialStatement statement = FinancialStatement.findById(buyerId);
        BigDecimal rate = statement == null ? null : FxRate.rate(statement.currency, policy.currency);
        GradeMaximum.Maximum maximum = GradeMaximum.of(GradeMaximum.Bounds.of(terms), GradeMaximum.Policy.of(policy),
                GradeMaximum.Statement.of(statement), rate, LocalDate.now(clock));
        if (maximum.basis() == LimitBasis.NO_FINANCIALS && statement != null) {
            LOG.warnf("Limit of %s at grade %d not sized by its financial statement: %s", buyerId, grade, maximum.explanation());
        }
        return maximum;
    }

    /** A limit in another currency than the policy's: without converting, it is only cut to zero when the grade allows nothing. */
    private void cutToZeroIfBarred(CreditLimit current, GradeMaximum.Maximum maximum, String reason) {
        if (maximum.amount().signum() == 0 && current.amount.signum() > 0) {
            set(current.buyerId, BigDecimal.ZERO, current.currency, LocalDate.now(clock), current.reviewDate, CreditLimit.Source.POLICY,
                    null, SYSTEM, reason + "; " + maximum.explanation(), maximum.basis());
        }
    }

    /** An analyst's limit left standing keeps its basis (MANUAL); a limit the policy set or cut rests on the grade's bound. */
    private static LimitBasis basisOf(BigDecimal proposed, GradeMaximum.Maximum maximum, CreditLimit current) {
        if (current != null && current.source == CreditLimit.Source.MANUAL && proposed.compareTo(maximum.amount()) < 0) {
            return current.limitBasis;
        }
        return maximum.basis();
    }

    private void set(String buyerId, BigDecimal amount, String currency, LocalDate validFrom, LocalDate reviewDate,
            CreditLimit.Source source, String requestedBy, String changedBy, String reason, LimitBasis basis) {
        Buyer.lock(buyerId);
        CreditLimit limit = CreditLimit.findById(buyerId);
        BigDecimal previous = null;
        if (limit == null) {
            limit = new CreditLimit();
            limit.buyerId = buyerId;
        } else {
            previous = limit.currency.equals(currency) ? limit.amount : null;
        }
        limit.amount = amount;
        limit.currency = currency;
        limit.validFrom = validFrom;
        limit.reviewDate = reviewDate;
        limit.source = source;
        limit.changedBy = changedBy;
        limit.changedAt = clock.instant();
        limit.reason = reason;
        limit.limitBasis = basis;
        limit.persist();
        BuyerExposure.ensure(buyerId, currency, clock.instant());

        CreditLimitHistory history = new CreditLimitHistory();
        history.buyerId = buyerId;
        history.amount = amount;
        history.currency = currency;
        history.previousAmount = previous;
        history.validFrom = validFrom;
        history.reviewDate = reviewDate;
        history.source = source;
        history.requestedBy = requestedBy;
        history.changedBy = changedBy;
        history.changedAt = limit.changedAt;
        history.reason = reason;
        history.limitBasis = basis;
        history.persist();

        events.limitChanged(limit, previous, reason, changedBy);
    }
}
