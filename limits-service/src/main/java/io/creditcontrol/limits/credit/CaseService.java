package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import io.creditcontrol.limits.api.ProblemException;
import io.creditcontrol.limits.exposure.Buyer;
import io.creditcontrol.limits.exposure.BuyerExposure;

/**
 * An analyst decides a referred or blocked order. Releasing it is the analyst's documented
 * decision to grant credit beyond what the rules allowed: the order then holds its amount like
 * any approved order (unconditionally: the analyst has seen the headroom). Rejecting it blocks
 * the order. Either way the analyst's decision is stored as a credit decision of its own
 * (idempotency key {@code case:<id>}) and published as credit.order.decided, and the case keeps
 * who, when and why.
 */
@ApplicationScoped
public class CaseService {

    private final Clock clock;
    private final EntityManager em;
    private final CreditEvents events;

    CaseService(Clock clock, EntityManager em, CreditEvents events) {
        this.clock = clock;
        this.em = em;
        this.events = events;
    }

    @Transactional
    public DecisionCase find(String id) {
        DecisionCase found = DecisionCase.findById(id);
        if (found == null) {
            throw new NotFoundException("Decision case " + id + " does not exist");
        }
        return found;
    }

    @Transactional
    public List<DecisionCase> openCases(String buyerId, int pageSize) {
        if (buyerId != null && !buyerId.isBlank()) {
            return DecisionCase.find("status = ?1 and buyerId = ?2 order by openedAt", DecisionCase.Status.OPEN, buyerId).page(0, pageSize).list();
        }
        return DecisionCase.find("status = ?1 order by openedAt", DecisionCase.Status.OPEN).page(0, pageSize).list();
    }

    @Transactional
    public DecisionCase release(String id, String analyst, String comment) {
        DecisionCase decided = open(id);
        CreditDecision original = CreditDecision.findById(decided.decisionId);
        if (original.fxRate == null) {
            throw ProblemException.conflict("fx-rate-missing", "No FX rate for the order's currency",
                    "Order " + original.orderReference + " is in " + original.currency + " and no rate into " + original.limitCurrency
                            + " was supplied; set the rate (PUT /api/v1/fx-rates/...) before releasing");
        }
        BigDecimal amount = original.amount.multiply(original.fxRate).setScale(4, RoundingMode.HALF_UP);
        Buyer.lock(original.buyerId);
        BuyerExposure.ensure(original.buyerId, original.limitCurrency, clock.instant());
        em.createNativeQuery("UPDATE buyer_exposure SET reserved_amount = reserved_amount + ?1, updated_at = ?2"
                + " WHERE buyer_id = ?3 AND currency = ?4")
                .setParameter(1, amount).setParameter(2, clock.instant())
                .setParameter(3, original.buyerId).setParameter(4, original.limitCurrency)
                .executeUpdate();
        CreditPolicy policy = CreditPolicy.current();
        Reservation reservation = new Reservation();
        reservation.id = UUID.randomUUID().toString();
        reservation.buyerId = original.buyerId;
        reservation.orderReference = original.orderReference;
        reservation.currency = original.limitCurrency;
        reservation.amount = amount;
        reservation.status = Reservation.Status.ACTIVE;
        reservation.createdAt = clock.instant();
        reservation.expiresAt = reservation.createdAt.plus(Duration.ofHours(policy.reservationHours));
        reservation.persist();

        close(decided, DecisionCase.Status.RELEASED, analyst, comment);
        decided.reservationId = reservation.id;
        CreditDecision approval = analystDecision(original, decided, Decision.APPROVED, CreditRules.RELEASED_BY_ANALYST);
        approval.reservationId = reservation.id;
        approval.persist();
        events.orderDecided(approval);
        return decided;
    }

    @Transactional
    public DecisionCase reject(String id, String analyst, String comment) {
        DecisionCase decided = open(id);
        CreditDecision original = CreditDecision.findById(decided.decisionId);
        close(decided, DecisionCase.Status.REJECTED, analyst, comment);
        CreditDecision rejection = analystDecision(original, decided, Decision.BLOCKED, CreditRules.REJECTED_BY_ANALYST);
        rejection.persist();
        events.orderDecided(rejection);
        return decided;
    }

    private DecisionCase open(String id) {
        DecisionCase found = DecisionCase.findById(id);
        if (found == null) {
            throw new NotFoundException("Decision case " + id + " does not exist");
        }
        int updated = DecisionCase.update("status = ?1 where id = ?2 and status = ?3", DecisionCase.Status.OPEN, id, DecisionCase.Status.OPEN);
        if (updated == 0) {
            em.refresh(found);
        }
        if (found.status != DecisionCase.Status.OPEN || updated == 0) {
            throw ProblemException.conflict("case-decided", "Decision case already decided",
                    "Decision case " + id + " was already " + found.status.name().toLowerCase() + " by " + found.decidedBy);
        }
        return found;
    }

    private void close(DecisionCase decided, DecisionCase.Status status, String analyst, String comment) {
        decided.status = status;
        decided.decidedBy = analyst;
        decided.decidedAt = clock.instant();
        decided.decisionComment = comment;
    }

    /** The analyst's decision, on the figures of the original check. */
    private CreditDecision analystDecision(CreditDecision original, DecisionCase decided, Decision decision, String reason) {
        CreditDecision d = new CreditDecision();
        d.id = UUID.randomUUID().toString();
        d.idempotencyKey = "case:" + decided.id;
        d.buyerId = original.buyerId;
        d.orderReference = original.orderReference;
        d.amount = original.amount;
        d.currency = original.currency;
        d.requestedTermsDays = original.requestedTermsDays;
        d.grantedTermsDays = original.grantedTermsDays;
        d.decision = decision;
        d.reasonCodes = original.reasonCodes.isEmpty() ? reason : original.reasonCodes + "," + reason;
        d.conditions = original.conditions;
        d.limitAmount = original.limitAmount;
        d.limitCurrency = original.limitCurrency;
        d.exposure = original.exposure;
        d.headroom = original.headroom;
        d.fxRate = original.fxRate;
        d.policyVersion = original.policyVersion;
        d.limitBasis = original.limitBasis;
        d.decidedAt = clock.instant();
        d.caseId = decided.id;
        return d;
    }
}
