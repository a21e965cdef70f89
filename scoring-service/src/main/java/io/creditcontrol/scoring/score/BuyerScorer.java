package io.creditcontrol.scoring.score;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
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
import io.creditcontrol.scoring.score.ScoreInputs.SignalFact;
import io.creditcontrol.scoring.score.ScoreInputs.StatementFact;

/**
 * Re-scores one buyer from its file as it stands: reads the inputs, runs the {@link ScoreModel},
 * keeps the result as the current score, appends a history entry when the grade, probability or
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

    BuyerScorer(BuyerLock lock, RescoreQueue queue, Outbox outbox, ObjectMapper mapper, Clock clock, ScoringConfig config) {
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

    /** Puts the buyer on the queue for the periodic review, unless it was queued meanwhile. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void requestReview(String buyerId, String reason) {
        lock.acquire(buyerId);
        queue.request(buyerId, reason);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Assessment rescore(String buyerId, String reason) {
        Instant now = clock.instant();
        Assessment assessment = model.assess(inputsOf(buyerId), LocalDate.now(clock));
        String explained = json(StoredAssessment.of(assessment));
        BuyerScore current = BuyerScore.findById(buyerId);
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
        return assessment;
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

    ScoreInputs inputsOf(String buyerId) {
        Set<String> disputed = InvoiceDispute.<InvoiceDispute>list("buyerId", buyerId).stream()
                .map(d -> d.invoiceNumber).collect(Collectors.toSet());
        List<InvoiceExperience> invoices = InvoiceExperience.ofBuyer(buyerId);
        List<InvoiceFact> facts = invoices.stream()
                .map(i -> new InvoiceFact(i.invoiceNumber, i.currency, i.amount, i.issueDate, i.dueDate, i.settledOn,
                        i.openAmount(), i.disputedAmount, disputed.contains(i.invoiceNumber)))
                .toList();
        List<FinancialStatement> statements = FinancialStatement.ofBuyer(buyerId);
        StatementFact statement = statements.isEmpty() ? null : statementOf(statements.get(0));
        List<SignalFact> signals = RiskSignal.ofBuyer(buyerId).stream()
                .map(s -> new SignalFact(s.signal, s.observedOn, s.severity, s.description)).toList();
        List<LocalDate> brokenPromises = BrokenPromise.ofBuyer(buyerId).stream().map(p -> p.promisedDate).toList();
        return new ScoreInputs(facts, statement, signals, relationshipStart(BuyerProfile.findById(buyerId), invoices), brokenPromises);
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
