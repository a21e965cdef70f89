package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import io.creditcontrol.limits.api.ProblemException;
import io.creditcontrol.limits.config.CreditConfig;
import io.creditcontrol.limits.config.DunningConfig;
import io.creditcontrol.limits.messaging.CloudEvent;

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
 * The database work is done by {@link CreditCheckStore} in three round trips for an approved order
 * (facts; reservation and inserts in one statement; commit); the policy and FX rates come from
 * {@link ReferenceData}.
 */
@ApplicationScoped
public class CreditCheckService {

    private final Clock clock;
    private final CreditCheckStore store;
    private final ReferenceData reference;
    private final CreditEvents events;
    private final CreditConfig config;
    private final DunningConfig dunning;

    CreditCheckService(Clock clock, CreditCheckStore store, ReferenceData reference, CreditEvents events, CreditConfig config,
            DunningConfig dunning) {
        this.clock = clock;
        this.store = store;
        this.reference = reference;
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
        try (Connection connection = store.connection()) {
            LocalDate today = LocalDate.now(clock);
            CreditCheckStore.Facts facts = store.facts(connection, command.buyerId(), command.idempotencyKey(), today);
            if (facts == null || facts.earlierDecisionId() != null) {
                CreditDecision earlier = CreditDecision.byKey(command.idempotencyKey());
                if (earlier != null) {
                    return replay(earlier, command);
                }
                throw unknownBuyer(command.buyerId());
            }
            Evaluation evaluation = evaluate(connection, command, facts, today);
            CreditRules.Assessment assessment = evaluation.assessment();
            Reservation reservation = null;
            BigDecimal exposureBefore;
            Instant now = clock.instant();
            if (assessment.decision().reserves() && facts.groupLimitCurrency() != null
                    && groupExceeded(connection, command, facts, evaluation.rates(), true)) {
                assessment = assessment.with(Decision.REFERRED, CreditRules.GROUP_LIMIT_EXCEEDED);
            }
            if (assessment.decision().reserves()) {
                // Optimistic: the decision, its reservation and its event are built with the exposure
                // the facts showed and sent in the same statement as the conditional UPDATE; they are
                // inserted only if the row the UPDATE changed still held that exposure. If another
                // order changed the row in between, the UPDATE still reserved (or not) atomically and
                // the rows are written next, with the exposure the UPDATE actually found.
                reservation = new Reservation();
                reservation.id = UUID.randomUUID().toString();
                reservation.buyerId = command.buyerId();
                reservation.orderReference = command.orderReference();
                reservation.currency = evaluation.limitCurrency();
                reservation.amount = evaluation.amountInLimitCurrency();
                reservation.status = Reservation.Status.ACTIVE;
                reservation.createdAt = now;
                reservation.expiresAt = now.plus(Duration.ofHours(evaluation.policy().reservationHours()));
                CreditDecision decision = decision(command, evaluation, assessment, evaluation.exposure(evaluation.ownRow()));
                decision.idempotencyKey = command.idempotencyKey();
                decision.reservationId = reservation.id;
                CloudEvent event = events.orderDecidedEvent(decision);
                CreditCheckStore.Reserved reserved = store.reserveAndInsert(connection, evaluation.limitCurrency(),
                        evaluation.otherCurrencies(), evaluation.limit(), evaluation.ownRow().add(evaluation.amountInLimitCurrency()),
                        decision, reservation, CreditEvents.TOPIC, event, events.json(event), now);
                if (reserved != null) {
                    if (!reserved.inserted()) {
                        BigDecimal before = reserved.rowAfter().add(evaluation.otherCurrencies()).subtract(evaluation.amountInLimitCurrency());
                        decision.exposure = before;
                        decision.headroom = evaluation.limit().subtract(before);
                        event = events.orderDecidedEvent(decision);
                        store.insert(connection, decision, reservation, null, CreditEvents.TOPIC, event, events.json(event), now);
                    }
                    return new Outcome(decision, reservation, false);
                }
                reservation = null;
                assessment = assessment.limitExceeded();
                // read again: the row another order just changed is why this one found no headroom
                exposureBefore = evaluation.exposure(store.ownRow(connection, command.buyerId(), evaluation.limitCurrency()));
            } else {
                exposureBefore = evaluation.exposure(evaluation.ownRow());
            }
            CreditDecision decision = decision(command, evaluation, assessment, exposureBefore);
            decision.idempotencyKey = command.idempotencyKey();
            // referred and blocked orders wait for an analyst
            DecisionCase opened = new DecisionCase();
            opened.id = UUID.randomUUID().toString();
            opened.decisionId = decision.id;
            opened.buyerId = decision.buyerId;
            opened.orderReference = decision.orderReference;
            opened.status = DecisionCase.Status.OPEN;
            opened.openedAt = decision.decidedAt;
            decision.caseId = opened.id;
            CloudEvent event = events.orderDecidedEvent(decision);
            store.insert(connection, decision, null, opened, CreditEvents.TOPIC, event, events.json(event), now);
            return new Outcome(decision, null, false);
        } catch (SQLException e) {
            throw new PersistenceException("Credit check of order " + command.orderReference() + " failed", e);
        }
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
        CreditDecision answer = earlier;
        if (earlier.caseId != null) {
            // an analyst has decided the order's case since: the repeat gets that decision (and its reservation)
            CreditDecision analysts = CreditDecision.byKey("case:" + earlier.caseId);
            if (analysts != null) {
                answer = analysts;
            }
        }
        Reservation reservation = answer.reservationId == null ? null : Reservation.findById(answer.reservationId);
        return new Outcome(answer, reservation, true);
    }

    /**
     * The decision the check would take now, without reserving, storing or announcing anything
     * (quoting): one read-only statement outside any transaction, the policy and FX rates from memory.
     */
    public CreditDecision whatIf(CheckCommand command) {
        try (Connection connection = store.connection()) {
            LocalDate today = LocalDate.now(clock);
            CreditCheckStore.Facts facts = store.facts(connection, command.buyerId(), null, today);
            if (facts == null) {
                throw unknownBuyer(command.buyerId());
            }
            Evaluation evaluation = evaluate(connection, command, facts, today);
            BigDecimal exposure = evaluation.exposure(evaluation.ownRow());
            CreditRules.Assessment assessment = evaluation.assessment();
            if (assessment.decision().reserves()
                    && exposure.add(evaluation.amountInLimitCurrency()).compareTo(evaluation.limit()) > 0) {
                assessment = assessment.limitExceeded();
            }
            if (assessment.decision().reserves() && facts.groupLimitCurrency() != null
                    && groupExceeded(connection, command, facts, evaluation.rates(), false)) {
                assessment = assessment.with(Decision.REFERRED, CreditRules.GROUP_LIMIT_EXCEEDED);
            }
            return decision(command, evaluation, assessment, exposure);
        } catch (SQLException e) {
            throw new PersistenceException("What-if check of order " + command.orderReference() + " failed", e);
        }
    }

    private static ProblemException unknownBuyer(String buyerId) {
        return ProblemException.unknown("buyerId", "Buyer " + buyerId + " is not known to limits-service");
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
        decision.policyVersion = evaluation.policy().version();
        decision.limitBasis = evaluation.limitBasis();
        decision.decidedAt = clock.instant();
        return decision;
    }

    /**
     * Whether the order would take the buyer's group over its group limit. When reserving, the
     * group's row is locked first (and held to commit), so the members' orders are checked one
     * at a time against the group's headroom; buyers in no group with a limit take no lock.
     * An exposure that cannot be converted into the group limit's currency counts as exceeding.
     */
    private boolean groupExceeded(Connection connection, CheckCommand command, CreditCheckStore.Facts facts,
            ReferenceData.Rates rates, boolean lock) throws SQLException {
        String group = facts.parentId() != null ? facts.parentId() : command.buyerId();
        BigDecimal limitAmount;
        String limitCurrency;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT amount, currency FROM group_limit WHERE parent_id = ?" + (lock ? " FOR UPDATE" : ""))) {
            select.setString(1, group);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
                limitAmount = row.getBigDecimal(1);
                limitCurrency = row.getString(2);
            }
        }
        BigDecimal orderRate = rates.rate(command.currency(), limitCurrency);
        if (orderRate == null) {
            return true;
        }
        BigDecimal combined = command.amount().multiply(orderRate);
        try (PreparedStatement select = connection.prepareStatement("SELECT e.currency, e.open_amount + e.reserved_amount"
                + " FROM buyer_exposure e JOIN buyer b ON b.buyer_id = e.buyer_id WHERE b.buyer_id = ? OR b.parent_id = ?")) {
            select.setString(1, group);
            select.setString(2, group);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    BigDecimal amount = row.getBigDecimal(2);
                    if (amount.signum() == 0) {
                        continue;
                    }
                    BigDecimal rate = rates.rate(row.getString(1), limitCurrency);
                    if (rate == null) {
                        return true;
                    }
                    combined = combined.add(amount.multiply(rate));
                }
            }
        }
        return combined.compareTo(limitAmount) > 0;
    }

    /** Everything the rules and the reservation need, from the buyer's facts and the cached policy and rates; no lock taken. */
    private Evaluation evaluate(Connection connection, CheckCommand command, CreditCheckStore.Facts facts, LocalDate today)
            throws SQLException {
        ReferenceData.Policy policy = reference.policy(connection, facts.policyVersion());
        ReferenceData.Rates rates = reference.rates(connection, facts.fxVersion());
        Integer grade = facts.grade();
        CreditRules.GradeTerms gradeTerms = grade == null ? null : policy.grades().get(grade);
        boolean hasLimit = facts.limit() != null;
        String limitCurrency = hasLimit ? facts.limitCurrency() : policy.currency();

        BigDecimal orderRate = rates.rate(command.currency(), limitCurrency);
        BigDecimal policyRate = rates.rate(command.currency(), policy.currency());
        boolean ratesComplete = orderRate != null && policyRate != null;
        BigDecimal amountInLimit = orderRate == null ? command.amount() : command.amount().multiply(orderRate).setScale(4, RoundingMode.HALF_UP);
        BigDecimal amountInPolicy = policyRate == null ? null : command.amount().multiply(policyRate).setScale(4, RoundingMode.HALF_UP);

        BigDecimal others = BigDecimal.ZERO;
        BigDecimal disputed = BigDecimal.ZERO;
        BigDecimal ownRow = BigDecimal.ZERO;
        for (CreditCheckStore.ExposureRow row : facts.exposures()) {
            if (row.currency().equals(limitCurrency)) {
                ownRow = row.total();
            }
            if (row.total().signum() == 0 && row.disputed().signum() == 0) {
                continue;
            }
            BigDecimal rate = rates.rate(row.currency(), limitCurrency);
            if (rate == null) {
                ratesComplete = false;
                continue;
            }
            if (!row.currency().equals(limitCurrency)) {
                others = others.add(row.total().multiply(rate)).setScale(4, RoundingMode.HALF_UP);
            }
            disputed = disputed.add(row.disputed().multiply(rate)).setScale(4, RoundingMode.HALF_UP);
        }
        BigDecimal cover = null;
        if (facts.cover() != null && !today.isBefore(facts.coverValidFrom()) && !today.isAfter(facts.coverValidTo())) {
            BigDecimal rate = rates.rate(facts.coverCurrency(), limitCurrency);
            if (rate == null) {
                ratesComplete = false;
            } else {
                cover = facts.cover().multiply(rate).setScale(4, RoundingMode.HALF_UP);
            }
        }
        LocalDate oldestDue = facts.oldestOverdueDue();
        Integer oldestOverdueDays = oldestDue == null ? null : (int) ChronoUnit.DAYS.between(oldestDue, today);

        CreditRules.Facts ruleFacts = new CreditRules.Facts(today,
                facts.limit(),
                facts.limitValidFrom(),
                facts.reviewDate(),
                grade,
                policy.terms(),
                gradeTerms,
                amountInPolicy, command.requestedTermsDays(), oldestOverdueDays, ratesComplete);
        CreditRules.Assessment assessment = CreditRules.assess(ruleFacts);
        if (oldestOverdueDays != null && facts.escalated()) {
            assessment = assessment.with(Decision.BLOCKED, CreditRules.COLLECTIONS_ESCALATION);
        }
        Integer dunningLevel = facts.dunningLevel();
        if (dunningLevel != null && dunningLevel >= dunning.referLevel()) {
            assessment = assessment.with(Decision.REFERRED, CreditRules.DUNNING_LEVEL_REACHED);
        }
        BigDecimal share = config.uninsuredToleranceShare();
        if (CreditRules.uninsuredExceeded(disputed, cover, share)) {
            assessment = assessment.with(Decision.REFERRED, CreditRules.UNINSURED_EXPOSURE_EXCEEDED);
        }
        BigDecimal effectiveLimit = hasLimit ? CreditRules.effectiveLimit(facts.limit(), cover, share) : BigDecimal.ZERO;
        LimitBasis basis = !hasLimit ? null
                : effectiveLimit.compareTo(facts.limit()) < 0 ? LimitBasis.INSURANCE_COVER : facts.limitBasis();
        return new Evaluation(policy, rates, effectiveLimit, limitCurrency, orderRate, amountInLimit, others, ownRow, assessment, basis);
    }

    private record Evaluation(ReferenceData.Policy policy, ReferenceData.Rates rates, BigDecimal limit, String limitCurrency,
            BigDecimal orderRate, BigDecimal amountInLimitCurrency, BigDecimal otherCurrencies, BigDecimal ownRow,
            CreditRules.Assessment assessment, LimitBasis limitBasis) {

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
