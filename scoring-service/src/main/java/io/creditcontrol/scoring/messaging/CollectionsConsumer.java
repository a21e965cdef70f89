package io.creditcontrol.scoring.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.creditcontrol.scoring.buyer.BuyerLock;
import io.creditcontrol.scoring.experience.BrokenPromise;
import io.creditcontrol.scoring.messaging.events.CollectionsEvents;
import io.creditcontrol.scoring.messaging.events.CollectionsEvents.PromiseBroken;
import io.smallrye.common.annotation.Blocking;

/**
 * Reads the broken promises to pay from credit.collections.v1 (a payment-behaviour factor of the
 * score). Failure policy: see {@link Inbox}; dead-letter topic credit.dlq.scoring.v1. The other
 * collections events are acknowledged and skipped. A promise reported again under a new event id
 * is kept once.
 */
@ApplicationScoped
public class CollectionsConsumer {

    private static final Logger LOG = Logger.getLogger(CollectionsConsumer.class);

    private final Inbox inbox;
    private final EventData eventData;
    private final BuyerLock lock;

    CollectionsConsumer(Inbox inbox, EventData eventData, BuyerLock lock) {
        this.inbox = inbox;
        this.eventData = eventData;
        this.lock = lock;
    }

    @Incoming("collections")
    @Blocking
    public void onCollectionsEvents(ConsumerRecords<String, String> records) {
        inbox.receive("collections", records, event -> {
            if (!CollectionsEvents.PROMISE_BROKEN.equals(event.type())) {
                LOG.debugf("Ignoring event type %s on %s", event.type(), CollectionsEvents.COLLECTIONS_TOPIC);
                return null;
            }
            PromiseBroken data = eventData.read(event, PromiseBroken.class);
            lock.acquire(data.buyerId());
            if (BrokenPromise.count("buyerId = ?1 and promiseId = ?2", data.buyerId(), data.promiseId()) > 0) {
                LOG.warnf("Broken promise %s of buyer %s is already known; the repeat is ignored", data.promiseId(), data.buyerId());
                return data.buyerId();
            }
            BrokenPromise promise = new BrokenPromise();
            promise.buyerId = data.buyerId();
            promise.promiseId = data.promiseId();
            promise.promisedOn = data.promisedOn();
            promise.promisedDate = data.promisedDate();
            promise.amount = data.amount();
            promise.currency = data.currency();
            promise.persist();
            return data.buyerId();
        });
    }
}
