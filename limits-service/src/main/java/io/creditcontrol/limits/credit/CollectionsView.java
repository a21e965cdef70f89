package io.creditcontrol.limits.credit;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.creditcontrol.limits.exposure.Buyer;
import io.creditcontrol.limits.messaging.events.CollectionsEvents.DunningStepExecuted;
import io.creditcontrol.limits.messaging.events.CollectionsEvents.SupplyStopRecommended;

/**
 * What the credit check needs from collections (credit.collections.v1), applied in the inbox's
 * transaction under the buyer's lock:
 * <ul>
 * <li>the <b>dunning level</b> of each invoice: how many dunning steps were executed on it after
 *     its due date (pre-due reminders, instalment reminders of a payment plan and insurer-deadline
 *     notices do not count, by the event's {@code cause}; the same step sent again on the same day
 *     is a repeat). The buyer's dunning level is the highest over its open invoices.
 * <li>the <b>collections escalation</b>: collections recommended stopping supply. Orders are
 *     blocked while the buyer still has overdue items; once everything overdue is paid the
 *     escalation lapses by itself.
 * </ul>
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class CollectionsView {

    private static final Logger LOG = Logger.getLogger(CollectionsView.class);

    private final EntityManager em;
    private final Clock clock;

    CollectionsView(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    public void dunningStepExecuted(DunningStepExecuted step) {
        if (step.daysPastDue() < 0) {
            return; // a reminder before the due date is service, not dunning
        }
        if (!step.isDunning()) {
            return; // an instalment reminder (PAYMENT_PLAN) or an insurer-deadline notice does not raise the dunning level
        }
        Buyer.lock(step.buyerId());
        List<?> known = em.createNativeQuery("SELECT last_step, last_executed_on FROM invoice_dunning WHERE buyer_id = ?1 AND invoice_number = ?2")
                .setParameter(1, step.buyerId()).setParameter(2, step.invoiceNumber()).getResultList();
        if (known.isEmpty()) {
            em.createNativeQuery("INSERT INTO invoice_dunning (buyer_id, invoice_number, dunning_level, last_step, last_executed_on)"
                    + " VALUES (?1, ?2, 1, ?3, ?4)")
                    .setParameter(1, step.buyerId()).setParameter(2, step.invoiceNumber()).setParameter(3, step.step())
                    .setParameter(4, step.executedOn()).executeUpdate();
            return;
        }
        Object[] last = (Object[]) known.get(0);
        if (step.step().equals(last[0]) && step.executedOn().equals(toLocalDate(last[1]))) {
            LOG.warnf("Dunning step %s on invoice %s of %s was sent again; the repeat is ignored", step.step(), step.invoiceNumber(), step.buyerId());
            return;
        }
        em.createNativeQuery("UPDATE invoice_dunning SET dunning_level = dunning_level + 1, last_step = ?1, last_executed_on = ?2"
                + " WHERE buyer_id = ?3 AND invoice_number = ?4")
                .setParameter(1, step.step()).setParameter(2, step.executedOn())
                .setParameter(3, step.buyerId()).setParameter(4, step.invoiceNumber()).executeUpdate();
    }

    public void supplyStopRecommended(SupplyStopRecommended stop) {
        Buyer.lock(stop.buyerId());
        int updated = em.createNativeQuery("UPDATE buyer_collections SET supply_stop_recommended_on = ?1, supply_stop_reason = ?2,"
                + " updated_at = ?3 WHERE buyer_id = ?4")
                .setParameter(1, stop.recommendedOn()).setParameter(2, stop.reason()).setParameter(3, clock.instant())
                .setParameter(4, stop.buyerId()).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO buyer_collections (buyer_id, supply_stop_recommended_on, supply_stop_reason, updated_at)"
                    + " VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, stop.buyerId()).setParameter(2, stop.recommendedOn()).setParameter(3, stop.reason())
                    .setParameter(4, clock.instant()).executeUpdate();
        }
    }

    private static LocalDate toLocalDate(Object value) {
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }
}
