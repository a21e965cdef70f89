package io.creditcontrol.alerts.webhook;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.creditcontrol.alerts.alert.AlertPublished;

/**
 * Queues the webhooks an alert owes, in the alert's own transaction: one delivery per active
 * subscription that wants the event's type at the alert's severity. If the alert is rolled back,
 * so are its deliveries; once it commits they survive any restart until they are delivered.
 */
@ApplicationScoped
public class WebhookQueue {

    private static final Logger LOG = Logger.getLogger(WebhookQueue.class);
    private static final Object WAKE_REGISTERED = new Object();

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final WebhookDispatcher dispatcher;

    WebhookQueue(EntityManager em, ObjectMapper mapper, @DeliveryClock Clock clock, TransactionSynchronizationRegistry transactions,
            WebhookDispatcher dispatcher) {
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
        this.transactions = transactions;
        this.dispatcher = dispatcher;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void onAlertPublished(@Observes AlertPublished published) {
        String eventType = published.event().type();
        if (Severity.parse(published.severity()) == null) {
            LOG.warnf("Alert event %s has severity '%s', which webhooks do not know; it goes to every subscriber of %s",
                    published.event().id(), published.severity(), eventType);
        }
        List<WebhookSubscription> subscribers = WebhookSubscription.<WebhookSubscription>list("status", WebhookSubscription.Status.ACTIVE)
                .stream()
                .filter(s -> s.wants(eventType) && Severity.reaches(published.severity(), s.minSeverity))
                .toList();
        if (subscribers.isEmpty()) {
            return;
        }
        String body = published.event().toJson(mapper);
        // the same event published again: whoever already has it coming does not get it twice
        Set<String> alreadyQueued = new HashSet<>(em.createQuery(
                "select d.subscriptionId from WebhookDelivery d where d.eventId = :eventId", String.class)
                .setParameter("eventId", published.event().id()).getResultList());
        int queued = 0;
        for (WebhookSubscription subscription : subscribers) {
            if (alreadyQueued.contains(subscription.id)) {
                continue;
            }
            WebhookDelivery delivery = new WebhookDelivery();
            delivery.id = "msg_" + UUID.randomUUID().toString().replace("-", "");
            delivery.subscriptionId = subscription.id;
            delivery.eventId = published.event().id();
            delivery.eventType = eventType;
            delivery.payload = body;
            delivery.status = WebhookDelivery.Status.PENDING;
            delivery.createdAt = clock.instant();
            delivery.nextAttemptAt = delivery.createdAt;
            delivery.persist();
            queued++;
        }
        if (queued > 0) {
            wakeDispatcherAfterCommit();
        }
    }

    /** Sends right after the commit instead of at the next scheduled run; the schedule stays the safety net. */
    private void wakeDispatcherAfterCommit() {
        if (transactions.getResource(WAKE_REGISTERED) != null) {
            return;
        }
        transactions.putResource(WAKE_REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    dispatcher.wake();
                }
            }
        });
    }
}
