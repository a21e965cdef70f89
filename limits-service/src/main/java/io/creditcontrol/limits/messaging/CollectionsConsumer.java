package io.creditcontrol.limits.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.creditcontrol.limits.credit.CollectionsView;
import io.creditcontrol.limits.messaging.events.CollectionsEvents;
import io.creditcontrol.limits.messaging.events.CollectionsEvents.DunningStepExecuted;
import io.creditcontrol.limits.messaging.events.CollectionsEvents.SupplyStopRecommended;
import io.smallrye.common.annotation.Blocking;

/**
 * Follows collections on credit.collections.v1: dunning levels and supply-stop recommendations
 * for the credit check ({@link CollectionsView}). Broken promises and unknown types are skipped.
 * Failure policy: see {@link Inbox}; dead-letter topic credit.dlq.limits.v1.
 */
@ApplicationScoped
public class CollectionsConsumer {

    private static final Logger LOG = Logger.getLogger(CollectionsConsumer.class);

    private final Inbox inbox;
    private final EventData eventData;
    private final CollectionsView view;

    CollectionsConsumer(Inbox inbox, EventData eventData, CollectionsView view) {
        this.inbox = inbox;
        this.eventData = eventData;
        this.view = view;
    }

    @Incoming("collections")
    @Blocking
    public void onCollectionsEvent(String record) {
        inbox.receive("collections", record, event -> {
            switch (event.type()) {
                case CollectionsEvents.DUNNING_STEP_EXECUTED -> view.dunningStepExecuted(eventData.read(event, DunningStepExecuted.class));
                case CollectionsEvents.SUPPLY_STOP_RECOMMENDED -> view.supplyStopRecommended(eventData.read(event, SupplyStopRecommended.class));
                default -> LOG.debugf("Ignoring event type %s on %s", event.type(), CollectionsEvents.COLLECTIONS_TOPIC);
            }
        });
    }
}
