package io.creditcontrol.alerts.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.creditcontrol.alerts.messaging.events.CollectionsEvents;
import io.creditcontrol.alerts.messaging.events.CollectionsEvents.DunningStepExecuted;
import io.creditcontrol.alerts.messaging.events.CollectionsEvents.PromiseBroken;
import io.creditcontrol.alerts.messaging.events.LimitEvents;
import io.creditcontrol.alerts.messaging.events.LimitEvents.LimitChanged;
import io.creditcontrol.alerts.messaging.events.LimitEvents.OrderDecided;
import io.creditcontrol.alerts.messaging.events.ScoreEvents;
import io.creditcontrol.alerts.messaging.events.ScoreEvents.ScoreChanged;
import io.creditcontrol.alerts.rules.EventRules;
import io.smallrye.common.annotation.Blocking;

/**
 * The other services' decisions the early-warning rules react to: grades (credit.scores.v1),
 * limits and order decisions (credit.limits.v1), dunning steps and broken promises
 * (credit.collections.v1). Failure policy: see {@link Inbox} (applied once; malformed records go
 * to credit.dlq.alerts.v1). Types not listed, such as credit.supply.stop-recommended, are skipped.
 */
@ApplicationScoped
public class RuleEventsConsumer {

    private static final Logger LOG = Logger.getLogger(RuleEventsConsumer.class);

    private final Inbox inbox;
    private final EventData eventData;
    private final EventRules rules;

    RuleEventsConsumer(Inbox inbox, EventData eventData, EventRules rules) {
        this.inbox = inbox;
        this.eventData = eventData;
        this.rules = rules;
    }

    @Incoming("scores")
    @Blocking
    public void onScoreEvent(ConsumerRecord<String, String> record) {
        inbox.receive("scores", record.key(), record.value(), event -> {
            if (ScoreEvents.SCORE_CHANGED.equals(event.type())) {
                rules.scoreChanged(eventData.read(event, ScoreChanged.class), event.id());
            } else {
                LOG.debugf("Ignoring event type %s on %s", event.type(), ScoreEvents.SCORES_TOPIC);
            }
        });
    }

    @Incoming("limits")
    @Blocking
    public void onLimitEvent(ConsumerRecord<String, String> record) {
        inbox.receive("limits", record.key(), record.value(), event -> {
            switch (event.type()) {
                case LimitEvents.LIMIT_CHANGED -> rules.limitChanged(eventData.read(event, LimitChanged.class), event.id());
                case LimitEvents.ORDER_DECIDED -> rules.orderDecided(eventData.read(event, OrderDecided.class));
                default -> LOG.debugf("Ignoring event type %s on %s", event.type(), LimitEvents.LIMITS_TOPIC);
            }
        });
    }

    @Incoming("collections")
    @Blocking
    public void onCollectionsEvent(ConsumerRecord<String, String> record) {
        inbox.receive("collections", record.key(), record.value(), event -> {
            switch (event.type()) {
                case CollectionsEvents.DUNNING_STEP_EXECUTED -> rules.dunningStepExecuted(eventData.read(event, DunningStepExecuted.class));
                case CollectionsEvents.PROMISE_BROKEN -> rules.promiseBroken(eventData.read(event, PromiseBroken.class));
                default -> LOG.debugf("Ignoring event type %s on %s", event.type(), CollectionsEvents.COLLECTIONS_TOPIC);
            }
        });
    }
}
