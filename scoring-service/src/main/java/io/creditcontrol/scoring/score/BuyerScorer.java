package io.creditcontrol.scoring.score;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.creditcontrol.scoring.buyer.BuyerLock;
import io.creditcontrol.scoring.buyer.BuyerProfile;
import io.creditcontrol.scoring.buyer.FinancialStatement;
import io.creditcontrol.scoring.buyer.RiskSignal;
import io.creditcontrol.scoring.config.ScoringConfig;
import io.creditcontrol.scoring.experience.BrokenPromise;
import io.creditcontrol.scoring.experience.InvoiceDispute;
import io.creditcontrol.scoring.experience.InvoiceExperience;
import io.creditcontrol.scoring.messaging.CloudEvent;
import io.creditcontrol.scoring.messaging.Outbox;
import io.creditcontrol.scoring.messaging.events.ScoreEvents;
import io.creditcontrol.scoring.messaging.events.ScoreEvents.Reason;
import io.creditcontrol.scoring.messaging.events.ScoreEvents.ScoreChanged;
import io.creditcontrol.scoring.score.ScoreInputs.InvoiceFact;
import io.creditcontrol.scoring.score.ScoreInputs.ParentFact;
import io.creditcontrol.scoring.score.ScoreInputs.SignalFact;
import io.creditcontrol.scoring.score.ScoreInputs.StatementFact;

/**
 * Re-scores one buyer from its file as it stands: reads the inputs, runs the {@link ScoreModel}
 * with the buyer's current grade (which the model's stability rule holds on to), keeps the result as the current score, appends a history entry when the grade, probability or
 * data quality changed, and announces a change of grade (and the first grade) as
 * credit.score.changed through the outbox, in the same transaction.
 */
@ApplicationScoped
public class BuyerScorer {

    private static final Logger LOG = Logger.getLogger(BuyerScorer.class);

    private final BuyerLock lock;
    private final RescoreQueue queue;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ScoreModel model;
    private final EntityManager em;

    BuyerScorer(BuyerLock lock, RescoreQueue queue, Outbox outbox, ObjectMapper mapper, Clock clock, ScoringConfig config,
            EntityManager em) {
        this.em = em;
        this.lock = lock;
        this.queue = queue;
        this.outbox = outbox;
        this.mapper = mapper;
        this.clock = clock;
        this.model = new ScoreModel(config);
    }

    /** Scores the buyer if it is (still) queued; false when another worker got there first. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean rescoreIfQueued(String buyerId) {
        lock.acquire(buyerId);
        String reason = queue.take(buyerId);
        if (reason == null) {
            return false;
        }
        rescore(buyerId, reason);
        return true;
    }

    /**
     * Scores every buyer of {@code buyerIds} that is still queued, in one transaction: the buyers
     * are locked in buyer-id order, taken off the queue and their files read in a handful of
     * queries for the whole batch. Returns how many were re-scored. If anything fails the whole
     * batch rolls back and stays queued (the worker then scores the buyers one by one).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int rescoreAllQueued(Collection<String> buyerIds) {
        lock.acquireAll(buyerIds);
        return rescoreLocked(buyerIds);
    }

    /**
     * As {@link #rescoreAllQueued}, but the buyers another transaction holds (a consumer applying
     * their events) are skipped instead of waited for: they stay queued for the next batch.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int rescoreAvailableQueued(Collection<String> buyerIds) {
        Set<String> locked = lock.acquireAvailable(buyerIds);
        return locked.isEmpty() ? 0 : rescoreLocked(locked);
    }

    private int rescoreLocked(Collection<String> buyerIds) {
        Map<String, String> reasons = queue.takeAll(buyerIds);
        if (reasons.isEmpty()) {
            return 0;
        }
        Map<String, ScoreInputs> inputs = inputsOf(reasons.keySet());
        // the current scores, loaded at once; a buyer without one is not asked for again (a query
        // per new buyer, which a stale plan can turn into a scan of the whole score table)
        Map<String, BuyerScore> current = new HashMap<>();
        rowsOf(BuyerScore.class, "buyer_score", "", reasons.keySet()).forEach(score -> current.put(score.buyerId, score));
        List<String> regraded = new ArrayList<>();
        reasons.forEach((buyerId, reason) -> {
            if (rescore(buyerId, reason, inputs.get(buyerId), current.get(buyerId))) {
                regraded.add(buyerId);
            }
        });
        // their subsidiaries' group factor depends on these grades
        queue.requestSubsidiaries(regraded);
        return reasons.size();
    }

    /** Puts the buyer on the queue for the periodic review, unless it was queued meanwhile. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void requestReview(String buyerId, String reason) {
        lock.acquire(buyerId);
        queue.request(buyerId, reason);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void rescore(String buyerId, String reason) {
        if (rescore(buyerId, reason, inputsOf(List.of(buyerId)).get(buyerId), BuyerScore.findById(buyerId))) {
            queue.requestSubsidiaries(List.of(buyerId));
        }
    }

    /**
     * Scores the buyer from {@code inputs} against its {@code current} score (null: not scored yet);
     * true when its grade changed (or it got its first grade).
     */
    private boolean rescore(String buyerId, String reason, ScoreInputs inputs, BuyerScore current) {
        Instant now = clock.instant();
        Assessment assessment = model.assess(inputs, LocalDate.now(clock),
                current == null ? null : new ScoreModel.CurrentGrade(current.grade, current.dataQuality));
        boolean regraded = false;
        String explained = json(StoredAssessment.of(assessment));
        Integer previousGrade = current == null ? null : current.grade;
        boolean changed = current == null
                || assessment.differsFrom(current.grade, current.probabilityOfDefault, current.dataQuality)
                || !assessment.modelVersion().equals(current.modelVersion);
        if (current == null) {
            current = new BuyerScore();
            current.buyerId = buyerId;
        }
        if (changed) {
            current.grade = assessment.grade();
            current.probabilityOfDefault = assessment.probabilityOfDefault();
            current.dataQuality = assessment.dataQuality();
            current.modelVersion = assessment.modelVersion();
            current.assessedAt = now;

            ScoreHistoryEntry entry = new ScoreHistoryEntry();
            entry.buyerId = buyerId;
            entry.grade = assessment.grade();
            entry.previousGrade = previousGrade;
            entry.probabilityOfDefault = assessment.probabilityOfDefault();
            entry.dataQuality = assessment.dataQuality();
            entry.modelVersion = assessment.modelVersion();
            entry.assessedAt = now;
            entry.triggeredBy = reason;
            entry.assessment = explained;
            entry.persist();

            if (previousGrade == null || previousGrade != assessment.grade()) {
                regraded = true;
                outbox.append(ScoreEvents.SCORES_TOPIC, scoreChanged(buyerId, previousGrade, assessment, now));
                LOG.infof("Buyer %s: grade %s -> %d (PD %s, %s) because %s", buyerId, previousGrade, assessment.grade(),
                        assessment.probabilityOfDefault().toPlainString(), assessment.dataQuality(), reason);
            }
        }
        current.reviewedAt = now;
        current.reviewedBecause = reason;
        current.assessment = explained;
        if (!current.isPersistent()) {
            current.persist();
        }
        return regraded;
    }

    /** The credit.score.changed event announcing {@code assessment}. */
    public CloudEvent scoreChanged(String buyerId, Integer previousGrade, Assessment assessment, Instant now) {
        List<Reason> reasons = assessment.reasons().stream()
                .map(r -> new Reason(r.code(), r.description(), BigDecimal.valueOf(r.impact()).setScale(2, RoundingMode.HALF_UP)))
                .toList();
        ScoreChanged data = new ScoreChanged(buyerId, assessment.grade(), previousGrade, assessment.probabilityOfDefault(),
                assessment.modelVersion(), reasons, now, assessment.dataQuality().name());
        return CloudEvent.create(ScoreEvents.SCORE_CHANGED, ScoreEvents.SOURCE, buyerId, now, mapper.valueToTree(data));
    }

    /** The inputs of the model for each buyer, read in one query per table for all of them. */
    Map<String, ScoreInputs> inputsOf(Collection<String> buyerIds) {
        // Native SQL: Hibernate translates a query with a list parameter afresh on every call (its
        // plan cache skips them); these run for every batch of re-scores.
        Map<String, Set<String>> disputed = new HashMap<>();
        rowsOf(InvoiceDispute.class, "invoice_dispute", "", buyerIds)
                .forEach(d -> disputed.computeIfAbsent(d.buyerId, b -> new HashSet<>()).add(d.invoiceNumber));
        Map<String, List<InvoiceExperience>> invoices = byBuyer(
                rowsOf(InvoiceExperience.class, "invoice_experience", " ORDER BY due_date, invoice_number", buyerIds), i -> i.buyerId);
        Map<String, List<FinancialStatement>> statements = byBuyer(
                rowsOf(FinancialStatement.class, "financial_statement", " ORDER BY period_end DESC", buyerIds), st -> st.buyerId);
        Map<String, List<RiskSignal>> signals = byBuyer(
                rowsOf(RiskSignal.class, "risk_signal", " ORDER BY observed_on, id", buyerIds), sg -> sg.buyerId);
        Map<String, List<BrokenPromise>> promises = byBuyer(
                rowsOf(BrokenPromise.class, "broken_promise", " ORDER BY promised_date", buyerIds), p -> p.buyerId);
        Map<String, BuyerProfile> profiles = new HashMap<>();
        rowsOf(BuyerProfile.class, "buyer_profile", "", buyerIds).forEach(p -> profiles.put(p.buyerId, p));
        Map<String, Integer> parentGrades = gradesOf(profiles.values().stream().map(p -> p.parentId).filter(p -> p != null).toList());

        Map<String, ScoreInputs> inputs = new HashMap<>();
        for (String buyerId : buyerIds) {
            BuyerProfile profile = profiles.get(buyerId);
            String parentId = profile == null ? null : profile.parentId;
            inputs.put(buyerId, inputsOf(buyerId, profile, invoices.getOrDefault(buyerId, List.of()), disputed.getOrDefault(buyerId, Set.of()),
                    statements.getOrDefault(buyerId, List.of()), signals.getOrDefault(buyerId, List.of()),
                    promises.getOrDefault(buyerId, List.of()).stream().map(p -> p.promisedDate).toList(),
                    parentId == null ? null : parentGrades.get(parentId)));
        }
        return inputs;
    }

    /**
     * The model's inputs for one buyer from its file: the service's rows, or the same objects built
     * in memory by the backtest's ledger replay (so both score from exactly the same inputs).
     *
     * @param statements  the buyer's financial statements, most recent period end first
     * @param parentGrade the current grade of the buyer's group parent; null when not scored
     */
    public static ScoreInputs inputsOf(String buyerId, BuyerProfile profile, List<InvoiceExperience> buyerInvoices,
            Set<String> disputedInvoices, List<FinancialStatement> statements, List<RiskSignal> signals, List<LocalDate> brokenPromises,
            Integer parentGrade) {
        List<InvoiceFact> facts = buyerInvoices.stream()
                .map(i -> new InvoiceFact(i.invoiceNumber, i.currency, i.amount, i.issueDate, i.dueDate, i.settledOn,
                        i.openAmount(), i.disputedAmount, disputedInvoices.contains(i.invoiceNumber)))
                .toList();
        StatementFact statement = statements.isEmpty() ? null : statementOf(statements.get(0));
        List<SignalFact> signalFacts = signals.stream()
                .map(sg -> new SignalFact(sg.signal, sg.observedOn, sg.severity, sg.description)).toList();
        String parentId = profile == null ? null : profile.parentId;
        ParentFact parent = parentId == null || parentId.equals(buyerId) || parentGrade == null ? null
                : new ParentFact(parentId, parentGrade);
        return new ScoreInputs(facts, statement, signalFacts, relationshipStart(profile, buyerInvoices), brokenPromises, parent);
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> rowsOf(Class<T> entity, String table, String orderBy, Collection<String> buyerIds) {
        return em.createNativeQuery("SELECT * FROM " + table + " WHERE buyer_id IN (:buyers)" + orderBy, entity)
                .setParameter("buyers", buyerIds).getResultList();
    }

    /** The current grades of {@code buyerIds} that are scored. */
    private Map<String, Integer> gradesOf(List<String> buyerIds) {
        Map<String, Integer> grades = new HashMap<>();
        if (!buyerIds.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT buyer_id, grade FROM buyer_score WHERE buyer_id IN (:ids)")
                    .setParameter("ids", buyerIds).getResultList();
            rows.forEach(row -> grades.put((String) row[0], ((Number) row[1]).intValue()));
        }
        return grades;
    }

    private static <T> Map<String, List<T>> byBuyer(List<T> rows, Function<T, String> buyerOf) {
        Map<String, List<T>> grouped = new HashMap<>();
        rows.forEach(row -> grouped.computeIfAbsent(buyerOf.apply(row), b -> new ArrayList<>()).add(row));
        return grouped;
    }

    /**
     * When trading began: the master data's relationshipStartDate when given; otherwise the
     * earlier of the first invoice and the registration in the master data.
     */
    private static LocalDate relationshipStart(BuyerProfile profile, List<InvoiceExperience> invoices) {
        if (profile != null && profile.relationshipStartDate != null) {
            return profile.relationshipStartDate;
        }
        LocalDate start = invoices.stream().map(i -> i.issueDate).min(LocalDate::compareTo).orElse(null);
        if (profile != null && profile.registeredAt != null) {
            LocalDate registered = LocalDate.ofInstant(profile.registeredAt, ZoneOffset.UTC);
            start = start == null || registered.isBefore(start) ? registered : start;
        }
        return start;
    }

    private static StatementFact statementOf(FinancialStatement s) {
        return new StatementFact(s.periodEnd, s.currency, s.totalAssets, s.currentAssets, s.currentLiabilities, s.totalLiabilities,
                s.retainedEarnings, s.ebit, s.revenue, s.bookEquity);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
