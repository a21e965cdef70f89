package io.creditcontrol.collections.letters;

import io.creditcontrol.collections.messaging.OutboxEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** What the outbox holds for a buyer (the events are relayed from there to the topic). */
final class DunningEvents {

    private DunningEvents() {
    }

    static long stepsAnnounced(String buyer) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) OutboxEvent.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM outbox_event WHERE record_key = ?1 AND event_type = 'credit.dunning.step-executed'")
                .setParameter(1, buyer).getSingleResult()).longValue());
    }
}
