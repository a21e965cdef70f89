package io.creditcontrol.limits.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes outbox events to Kafka in the order they were written, then marks them published.
 * A crash between the broker's acknowledgement and the commit re-sends the batch; consumers
 * drop the repeat by event id, so delivery is at least once and the effect exactly once.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final EntityManager em;
    private final MutinyEmitter<String> emitter;
    private final Clock clock;
    private final int batchSize;
    private final Duration retention;
    private final Counter published;

    OutboxRelay(EntityManager em, @Channel("outbox") MutinyEmitter<String> emitter, Clock clock,
            @ConfigProperty(name = "credit.outbox.batch-size") int batchSize,
            @ConfigProperty(name = "credit.outbox.retention") Duration retention,
            MeterRegistry registry) {
        this.em = em;
        this.emitter = emitter;
        this.clock = clock;
        this.batchSize = batchSize;
        this.retention = retention;
        this.published = Counter.builder("credit.outbox.published").description("Events relayed from the outbox to Kafka").register(registry);
    }

    @Scheduled(every = "${credit.outbox.relay-interval}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relayPending() {
        try {
            while (QuarkusTransaction.requiringNew().call(this::relayBatch) == batchSize) {
                // a full batch: there may be more waiting
            }
        } catch (RuntimeException e) {
            // The rows stay unpublished and the next run tries again.
            LOG.warnf("Outbox relay failed, will retry: %s", e.getMessage());
        }
    }

    /** Publishes one batch while holding the relay lease; returns how many events were published. */
    int relayBatch() {
        // Several replicas share the database: the one that gets the lease relays, the others skip
        // this run instead of queueing, and events of one buyer never overtake each other.
        List<?> lease = em.createNativeQuery("SELECT id FROM outbox_relay_lease WHERE id = 1 FOR UPDATE SKIP LOCKED").getResultList();
        if (lease.isEmpty()) {
            return 0;
        }
        // plain rows, not entities: nothing for Hibernate to track, and one UPDATE marks the batch
        @SuppressWarnings("unchecked")
        List<Object[]> batch = em.createNativeQuery("SELECT id, topic, record_key, event_type, payload FROM outbox_event"
                + " WHERE published_at IS NULL ORDER BY position LIMIT " + batchSize).getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        List<Uni<Void>> sends = new ArrayList<>(batch.size());
        List<String> ids = new ArrayList<>(batch.size());
        for (Object[] event : batch) {
            ids.add((String) event[0]);
            sends.add(emitter.sendMessage(toMessage((String) event[1], (String) event[2], (String) event[3], (String) event[4])));
        }
        Uni.join().all(sends).andFailFast()
                .runSubscriptionOn(Infrastructure.getDefaultExecutor())
                .await().atMost(SEND_TIMEOUT);
        em.createNativeQuery("UPDATE outbox_event SET published_at = ?1 WHERE id IN (?2)")
                .setParameter(1, clock.instant())
                .setParameter(2, ids)
                .executeUpdate();
        published.increment(batch.size());
        return batch.size();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgePublished() {
        Instant cutoff = clock.instant().minus(retention);
        long purged = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.delete("publishedAt < ?1", cutoff));
        if (purged > 0) {
            LOG.infof("Purged %d published outbox events older than %s", purged, retention);
        }
    }

    private static Message<String> toMessage(String topic, String recordKey, String eventType, String payload) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CloudEvent.KAFKA_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", eventType.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic)
                .withKey(recordKey)
                .withHeaders(headers)
                .build();
        return Message.of(payload).addMetadata(metadata);
    }
}
