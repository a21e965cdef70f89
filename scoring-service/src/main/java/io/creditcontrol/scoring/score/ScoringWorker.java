package io.creditcontrol.scoring.score;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.creditcontrol.scoring.config.ScoringConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The deciding half of "listener enqueues, worker decides". Every run it first queues the buyers
 * whose score is older than the review cycle (so signals fade, overdue invoices age and a buyer
 * nobody reports on is still looked at) or was made by another model version, then re-scores the queued buyers, a batch of
 * {@code credit.rescore.batch-size} per transaction (one by one when a batch fails).
 * A buyer that fails stays queued and is tried again on the next run.
 */
@ApplicationScoped
public class ScoringWorker {

    private static final Logger LOG = Logger.getLogger(ScoringWorker.class);

    private final BuyerScorer scorer;
    private final RescoreQueue queue;
    private final Clock clock;
    private final ScoringConfig config;
    private final int batchSize;
    private final Counter rescored;

    ScoringWorker(BuyerScorer scorer, RescoreQueue queue, Clock clock, ScoringConfig config,
            @ConfigProperty(name = "credit.rescore.batch-size") int batchSize, MeterRegistry registry) {
        this.scorer = scorer;
        this.queue = queue;
        this.clock = clock;
        this.config = config;
        this.batchSize = batchSize;
        this.rescored = Counter.builder("credit.scores.rescored").description("Buyers re-scored").register(registry);
    }

    @Scheduled(every = "${credit.rescore.interval}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        try {
            queueReviews();
            rescored.increment(drain(false));
        } catch (RuntimeException e) {
            LOG.warnf("Re-scoring run failed, will retry: %s", e.getMessage());
        }
    }

    /**
     * One run that leaves no queued buyer behind: queues the buyers due for their periodic review,
     * then re-scores every queued buyer, waiting for the ones a consumer is applying events to;
     * returns how many. (The scheduled run skips those instead; they are scored on a later run.)
     */
    public int reviewAndDrain() {
        queueReviews();
        int done = drain(true);
        rescored.increment(done);
        return done;
    }

    /**
     * Re-scores the queued buyers, a batch at a time, oldest request first; returns how many were
     * re-scored. With {@code waitForBusy} false, a buyer whose lock another transaction holds is
     * skipped (it stays queued), and the run ends when a whole batch is busy.
     */
    int drain(boolean waitForBusy) {
        int total = 0;
        while (true) {
            List<String> due = QuarkusTransaction.requiringNew().call(() -> queue.oldest(batchSize));
            int done;
            try {
                done = due.isEmpty() ? 0 : waitForBusy ? scorer.rescoreAllQueued(due) : scorer.rescoreAvailableQueued(due);
            } catch (RuntimeException e) {
                LOG.warnf("Re-scoring a batch of %d buyers failed (%s); scoring them one by one", due.size(), e.getMessage());
                done = oneByOne(due);
            }
            total += done;
            if (due.size() < batchSize || done == 0) {
                return total;
            }
        }
    }

    /** The fallback: one transaction per buyer, so a buyer that cannot be scored stays queued alone. */
    private int oneByOne(List<String> buyerIds) {
        int done = 0;
        for (String buyerId : buyerIds) {
            try {
                if (scorer.rescoreIfQueued(buyerId)) {
                    done++;
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Re-scoring buyer %s failed; it stays queued", buyerId);
            }
        }
        return done;
    }

    void queueReviews() {
        String reason = "periodic review (every " + config.reviewCycle() + ") or new model version " + config.modelVersion();
        List<String> due;
        do {
            due = QuarkusTransaction.requiringNew().call(() -> queue.dueForReview(clock.instant().minus(config.reviewCycle()), config.modelVersion(), batchSize));
            due.forEach(buyerId -> scorer.requestReview(buyerId, reason));
        } while (due.size() == batchSize);
    }
}
