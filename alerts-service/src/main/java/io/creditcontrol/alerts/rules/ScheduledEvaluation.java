package io.creditcontrol.alerts.rules;

import java.util.List;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.creditcontrol.alerts.buyers.Buyer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The time-based rules need no event to fire: an invoice becomes overdue, comes within the
 * prediction horizon or nears its insurer deadline as the days pass. This evaluation re-runs the
 * receivables rules for every buyer with something open or an alert still unresolved, one buyer per
 * transaction (with its row locked, like the events), every
 * {@code credit.alerts.evaluation-interval}.
 */
@ApplicationScoped
public class ScheduledEvaluation {

    private static final Logger LOG = Logger.getLogger(ScheduledEvaluation.class);

    private final ReceivableRules rules;
    private final AlertRulesConfig config;
    private final EntityManager em;

    ScheduledEvaluation(ReceivableRules rules, AlertRulesConfig config, EntityManager em) {
        this.rules = rules;
        this.config = config;
        this.em = em;
    }

    @Scheduled(every = "${credit.alerts.evaluation-interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        int buyers = evaluateAll();
        LOG.debugf("Scheduled evaluation of %d buyer(s) done", buyers);
    }

    /** Evaluates every buyer that can have a time-based alert; returns how many were evaluated. */
    public int evaluateAll() {
        int evaluated = 0;
        for (String buyerId : buyersToEvaluate()) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    Buyer.lockForUpdate(buyerId);
                    rules.evaluate(buyerId);
                });
                evaluated++;
            } catch (RuntimeException e) {
                // one buyer's trouble must not stop the others; the next run tries again
                LOG.warnf(e, "Evaluating the alert rules for buyer %s failed", buyerId);
            }
        }
        return evaluated;
    }

    @SuppressWarnings("unchecked")
    private List<String> buyersToEvaluate() {
        return QuarkusTransaction.requiringNew().call(() -> {
            TreeSet<String> buyers = new TreeSet<>();
            buyers.addAll(em.createNativeQuery("SELECT DISTINCT buyer_id FROM receivable WHERE open_amount > 0").getResultList());
            buyers.addAll(em.createNativeQuery("SELECT DISTINCT buyer_id FROM alert WHERE open_cause_key IS NOT NULL AND buyer_id <> ?1")
                    .setParameter(1, config.operationsSubject()).getResultList());
            buyers.addAll(em.createNativeQuery("SELECT DISTINCT buyer_id FROM insurer_deadline").getResultList());
            return List.copyOf(buyers);
        });
    }
}
