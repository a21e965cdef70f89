package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import io.creditcontrol.limits.api.ProblemException;
import io.creditcontrol.limits.config.CreditConfig;
import io.creditcontrol.limits.config.DunningConfig;
import io.creditcontrol.limits.exposure.Buyer;

/**
 * The real-time credit check of an order. The rules ({@link CreditRules}) are evaluated on what
 * is known of the buyer; an order they would approve then <em>reserves</em> its amount with one
 * conditional statement on the buyer's exposure row in the limit's currency:
 *
 * <pre>UPDATE buyer_exposure SET reserved_amount = reserved_amount + :amount
 *  WHERE buyer_id = :buyer AND currency = :limitCurrency
 *    AND open_amount + reserved_amount + :amount + :otherCurrencies &lt;= :limit</pre>
 *
 * The database serialises concurrent updates of that row and re-evaluates the condition on the
 * newest version, so two orders can never both pass when together they exceed the headroom; no
 * lock is taken before and nothing is read-then-written. If no row was updated the order is
 * referred with LIMIT_EXCEEDED. The decision, the reservation and the credit.order.decided event
 * are written in the same transaction; the idempotency key is unique, so a concurrent repeat of
 * the same request fails on it, rolls back whatever it reserved and is answered from the first.
 */
@ApplicationScoped
public class CreditCheckService {

    private final Clock clock;
    private final EntityManager em;
    private final CreditEvents events;
    private final CreditConfig config;
    private final DunningConfig dunning;

    CreditCheckService(Clock clock, EntityManager em, CreditEvents events, CreditConfig config, DunningConfig dunning) {
        this.clock = clock;
        this.em = em;
        this.events = events;
        this.config = config;
        this.dunning = dunning;
    }

    public record CheckCommand(String buyerId, String orderReference, BigDecimal amount, String currency,
            Integer requestedTermsDays, String idempotencyKey) {
    }

    /** A decision and its reservation (if any); replayed when it is the stored answer to an earlier request. */
    public record Outcome(CreditDecision decision, Reservation reservation, boolean replayed) {
    }

    @Transactional
    public Outcome check(CheckCommand command) {
        CreditDecision earlier = CreditDecision.byKey(command.idempotencyKey());
        if (earlier != null) {
            return replay(earlier, command);
        }
        Evaluation evaluation = evaluate(command);
        CreditRules.Assessment assessment = evaluation.assessment();
        Reservation reservation = null;
        BigDecimal exposureBefore;
        if (assessment.decision().reserves() && groupExceeded(command, evaluation, true)) {
            assessment = assessment.with(Decision.REFERRED, CreditRules.GROUP_LIMIT_EXCEEDED);
        }
        if (assessment.decision().reserves()) {
            if (reserve(command.buyerId(), evaluation)) {
                exposureBefore = ownRow(command.buyerId(), evaluation.limitCurrency())
                        .add(evaluation.otherCurrencies()).subtract(evaluation.amountInLimitCurrency());
                reservation = new Reservation();
                reservation.id = UUID.randomUUID().toString();
                reservation.buyerId = command.buyerId();
                reservation.orderReference = command.orderReference();
                reservation.currency = evaluation.limitCurrency();
                reservation.amount = evaluation.amountInLimitCurrency();
                reservation.status = Reservation.Status.ACTIVE;
                reservation.createdAt = clock.instant();
                reservation.expiresAt = reservation.createdAt.plus(Duration.ofHours(evaluation.policy().reservationHours));
            } else {
                assessment = assessment.limitExceeded();
                exposureBefore = evaluation.exposure(ownRow(command.buyerId(), evaluation.limitCurrency()));
            }
        } else {
            exposureBefore = evaluation.exposure(ownRow(command.buyerId(), evaluation.limitCurrency()));
        }
        CreditDecision decision = decision(command, evaluation, assessment, exposureBefore);
        decision.idempotencyKey = command.idempotencyKey();
        if (reservation != null) {
            reservation.persist();
            decision.reservationId = reservation.id;
        }
        if (!decision.decision.reserves()) {
            // referred and blocked orders wait for an analyst
            DecisionCase opened = new DecisionCase();
            opened.id = UUID.randomUUID().toString();
            opened.decisionId = decision.id;
            opened.buyerId = decision.buyerId;
            opened.orderReference = decision.orderReference;
            opened.status = DecisionCase.Status.OPEN;
            opened.openedAt = decision.decidedAt;
            opened.persist();
            decision.caseId = opened.id;
        }
        decision.persist();
        events.orderDecided(decision);
        return new Outcome(decision, reservation, false);
    }

    /** The stored answer to a request repeated with the same idempotency key; nothing more is reserved. */
    @Transactional
    public Outcome replay(CheckCommand command) {
        CreditDecision earlier = CreditDecision.byKey(command.idempotencyKey());
        if (earlier == null) {
            throw new IllegalStateException("No decision stored under key " + command.idempotencyKey());
        }
        return replay(earlier, command);
    }

    private static Outcome replay(CreditDecision earlier, CheckCommand command) {
        if (!earlier.buyerId.equals(command.buyerId()) || !earlier.orderReference.equals(command.orderReference())
                || earlier.amount.compareTo(command.amount()) != 0 || !earlier.currency.equals(command.currency())) {
            throw ProblemException.conflict("idempotency-key-reused", "Idempotency key reused",
                    "The key " + command.idempotencyKey() + " was used for order " + earlier.orderReference + " of buyer "
                            + earlier.buyerId + " over " + earlier.amount.toPlainString() + " " + earlier.currency
                            + "; a different request needs a different key");
        }
        Reservation reservation = earlier.reservationId == null ? null : Reservation.findById(earlier.reservationId);
        return new Outcome(earlier, reservation, true);
    }

    /** The decision the check would take now, without reserving, storing or announcing anything (quoting). */
    @Transactional
    public CreditDecision whatIf(CheckCommand command) {
        Evaluation evaluation = evaluate(command);
        BigDecimal exposure = evaluation.exposure(ownRow(command.buyerId(), evaluation.limitCurrency()));
        CreditRules.Assessment assessment = evaluation.assessment();
        if (assessment.decision().reserves()
                && exposure.add(evaluation.amountInLimitCurrency()).compareTo(evaluation.limit()) > 0) {
            assessment = assessment.limitExceeded();
        }
        if (assessment.decision().reserves() && groupExceeded(command, evaluation, false)) {
            assessment = assessment.with(Decision.REFERRED, CreditRules.GROUP_LIMIT_EXCEEDED);
        }
        return decision(command, evaluation, assessment, exposure);
    }

    @Transactional
    public CreditDecision find(String decisionId) {
        CreditDecision decision = CreditDecision.findById(decisionId);
        if (decision == null) {
            throw new NotFoundException("Credit decision " + decisionId + " does not exist");
        }
        return decision;
    }

    private CreditDecision decision(CheckCommand command, Evaluation evaluation, CreditRules.Assessment assessment,
            BigDecimal exposure) {
        CreditDecision decision = new CreditDecision();
        decision.id = UUID.randomUUID().toString();
        decision.buyerId = command.buyerId();
        decision.orderReference = command.orderReference();
        decision.amount = command.amount();
        decision.currency = command.currency();
        decision.requestedTermsDays = command.requestedTermsDays();
        decision.grantedTermsDays = assessment.grantedTermsDays();
        decision.decision = assessment.decision();
        decision.reasonCodes = String.join(",", assessment.reasonCodes());
        decision.conditions = String.join(",", assessment.conditions());
        decision.limitAmount = evaluation.limit();
        decision.limitCurrency = evaluation.limitCurrency();
        decision.exposure = exposure;
        decision.headroom = evaluation.limit().subtract(exposure);
        decision.fxRate = evaluation.orderRate();
        decision.policyVersion = evaluation.policy().version;
        decision.decidedAt = clock.instant();
        return decision;
    }

    /**
     * Whether the order would take the buyer's group over its group limit. When reserving, the
     * group's row is locked first (and held to commit), so the members' orders are checked one
     * at a time against the group's headroom; buyers in no group with a limit take no lock.
     * An exposure that cannot be converted into the group limit's currency counts as exceeding.
     */
    private boolean groupExceeded(CheckCommand command, Evaluation evaluation, boolean lock) {
        Buyer buyer = Buyer.findById(command.buyerId());
        String group = buyer.parentId != null ? buyer.parentId : buyer.buyerId;
        GroupLimit limit = lock ? em.find(GroupLimit.class, group, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                : GroupLimit.findById(group);
        if (limit == null) {
            return false;
        }
        BigDecimal orderRate = FxRate.rate(command.currency(), limit.currency);
        if (orderRate == null) {
            return true;
        }
        BigDecimal combined = command.amount().multiply(orderRate);
        for (Object row : em.createNativeQuery("SELECT e.currency, e.open_amount + e.reserved_amount FROM buyer_exposure e"
                + " JOIN buyer b ON b.buyer_id = e.buyer_id WHERE b.buyer_id = ?1 OR b.parent_id = ?1")
                .setParameter(1, group).getResultList()) {
            Object[] columns = (Object[]) row;
            BigDecimal amount = (BigDecimal) columns[1];
            if (amount.signum() == 0) {
                continue;
            }
            BigDecimal rate = FxRate.rate((String) columns[0], limit.currency);
            if (rate == null) {
                return true;
            }
            combined = combined.add(amount.multiply(rate));
        }
        return combined.compareTo(limit.amount) > 0;
    }

    private boolean reserve(String buyerId, Evaluation evaluation) {
        int updated = em.createNativeQuery("UPDATE buyer_exposure SET reserved_amount = reserved_amount + ?1, updated_at = ?2"
                + " WHERE buyer_id = ?3 AND currency = ?4 AND open_amount + reserved_amount + ?5 + ?6 <= ?7")
                .setParameter(1, evaluation.amountInLimitCurrency())
                .setParameter(2, clock.instant())
                .setParameter(3, buyerId)
                .setParameter(4, evaluation.limitCurrency())
                .setParameter(5, evaluation.amountInLimitCurrency())
                .setParameter(6, evaluation.otherCurrencies())
                .setParameter(7, evaluation.limit())
                .executeUpdate();
        return updated == 1;
    }

    /** open + reserved on the buyer's row in the limit's currency, read fresh (not from the session). */
    private BigDecimal ownRow(String buyerId, String currency) {
        List<?> rows = em.createNativeQuery("SELECT open_amount + reserved_amount FROM buyer_exposure WHERE buyer_id = ?1 AND currency = ?2")
                .setParameter(1, buyerId).setParameter(2, currency).getResultList();
        return rows.isEmpty() ? BigDecimal.ZERO : (BigDecimal) rows.get(0);
    }

    /** Everything the rules and the reservation need, read without taking any lock. */
    private Evaluation evaluate(CheckCommand command) {
        String buyerId = command.buyerId();
        if (Buyer.findById(buyerId) == null) {
            throw ProblemException.unknown("buyerId", "Buyer " + buyerId + " is not known to limits-service");
        }
        LocalDate today = LocalDate.now(clock);
        CreditPolicy policy = CreditPolicy.current();
        CreditLimit limit = CreditLimit.findById(buyerId);
        BuyerGrade grade = BuyerGrade.findById(buyerId);
        PolicyGrade gradeTerms = grade == null ? null : policy.grade(grade.grade);
        String limitCurrency = limit == null ? policy.currency : limit.currency;

        BigDecimal orderRate = FxRate.rate(command.currency(), limitCurrency);
        BigDecimal policyRate = FxRate.rate(command.currency(), policy.currency);
        boolean ratesComplete = orderRate != null && policyRate != null;
        BigDecimal amountInLimit = orderRate == null ? command.amount() : command.amount().multiply(orderRate).setScale(4, RoundingMode.HALF_UP);
        BigDecimal amountInPolicy = policyRate == null ? null : command.amount().multiply(policyRate).setScale(4, RoundingMode.HALF_UP);

        BigDecimal others = BigDecimal.ZERO;
        BigDecimal disputed = BigDecimal.ZERO;
        for (Object row : em.createNativeQuery("SELECT currency, open_amount + reserved_amount, disputed_amount FROM buyer_exposure"
                + " WHERE buyer_id = ?1").setParameter(1, buyerId).getResultList()) {
            Object[] columns = (Object[]) row;
            String currency = (String) columns[0];
            BigDecimal amount = (BigDecimal) columns[1];
            BigDecimal disputedHere = (BigDecimal) columns[2];
            if (amount.signum() == 0 && disputedHere.signum() == 0) {
                continue;
            }
            BigDecimal rate = FxRate.rate(currency, limitCurrency);
            if (rate == null) {
                ratesComplete = false;
                continue;
            }
            if (!currency.equals(limitCurrency)) {
                others = others.add(amount.multiply(rate)).setScale(4, RoundingMode.HALF_UP);
            }
            disputed = disputed.add(disputedHere.multiply(rate)).setScale(4, RoundingMode.HALF_UP);
        }
        BigDecimal cover = null;
        InsuranceCover insured = InsuranceCover.findById(buyerId);
        if (insured != null && insured.validOn(today)) {
            BigDecimal rate = FxRate.rate(insured.currency, limitCurrency);
            if (rate == null) {
                ratesComplete = false;
            } else {
                cover = insured.amount.multiply(rate).setScale(4, RoundingMode.HALF_UP);
            }
        }
        LocalDate oldestDue = (LocalDate) em.createQuery("select min(i.dueDate) from Invoice i where i.buyerId = ?1 and i.dueDate < ?2"
                + " and i.amount - i.paidAmount - i.creditedAmount - i.writtenOffAmount > 0")
                .setParameter(1, buyerId).setParameter(2, today).getSingleResult();
        Integer oldestOverdueDays = oldestDue == null ? null : (int) ChronoUnit.DAYS.between(oldestDue, today);

        CreditRules.Facts facts = new CreditRules.Facts(today,
                limit == null ? null : limit.amount,
                limit == null ? null : limit.validFrom,
                limit == null ? null : limit.reviewDate,
                grade == null ? null : grade.grade,
                new CreditRules.PolicyTerms(policy.worstGradeForCredit, policy.maxOrderValue, policy.referOverdueDays, policy.blockOverdueDays),
                gradeTerms == null ? null : new CreditRules.GradeTerms(gradeTerms.paymentTermsDays, gradeTerms.requiredSecurity),
                amountInPolicy, command.requestedTermsDays(), oldestOverdueDays, ratesComplete);
        CreditRules.Assessment assessment = CreditRules.assess(facts);
        if (oldestOverdueDays != null && ((Number) em.createNativeQuery("SELECT COUNT(*) FROM buyer_collections WHERE buyer_id = ?1")
                .setParameter(1, buyerId).getSingleResult()).intValue() > 0) {
            assessment = assessment.with(Decision.BLOCKED, CreditRules.COLLECTIONS_ESCALATION);
        }
        Number dunningLevel = (Number) em.createNativeQuery("SELECT MAX(d.dunning_level) FROM invoice_dunning d JOIN invoice i"
                + " ON i.buyer_id = d.buyer_id AND i.invoice_number = d.invoice_number WHERE d.buyer_id = ?1"
                + " AND i.amount - i.paid_amount - i.credited_amount - i.written_off_amount > 0")
                .setParameter(1, buyerId).getSingleResult();
        if (dunningLevel != null && dunningLevel.intValue() >= dunning.referLevel()) {
            assessment = assessment.with(Decision.REFERRED, CreditRules.DUNNING_LEVEL_REACHED);
        }
        BigDecimal share = config.uninsuredToleranceShare();
        if (CreditRules.uninsuredExceeded(disputed, cover, share)) {
            assessment = assessment.with(Decision.REFERRED, CreditRules.UNINSURED_EXPOSURE_EXCEEDED);
        }
        BigDecimal effectiveLimit = limit == null ? BigDecimal.ZERO : CreditRules.effectiveLimit(limit.amount, cover, share);
        return new Evaluation(policy, effectiveLimit, limitCurrency, orderRate, amountInLimit, others, assessment);
    }

    private record Evaluation(CreditPolicy policy, BigDecimal limit, String limitCurrency, BigDecimal orderRate,
            BigDecimal amountInLimitCurrency, BigDecimal otherCurrencies, CreditRules.Assessment assessment) {

        BigDecimal exposure(BigDecimal ownRow) {
            return ownRow.add(otherCurrencies);
        }
    }

    static List<String> split(String codes) {
        return codes == null || codes.isEmpty() ? List.of() : Arrays.asList(codes.split(","));
    }

    static Instant now(Clock clock) {
        return clock.instant();
    }
}
