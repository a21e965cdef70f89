package io.creditcontrol.scoring.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * What the service will announce (credit.score.changed, from the next issue on) leaves through
 * the outbox: an event appended in a committed transaction reaches the topic, keyed by its buyer;
 * one appended in a transaction that rolls back never does.
 */
@QuarkusTest
// not about security (SecurityTest is): an analyst, who may read everything and submit buyer facts
@TestSecurity(user = "test-analyst", roles = "analyst")
class OutboxRelayTest {

    static final String SCORES = "credit.scores.v1";

    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper mapper;

    @Test
    void anEventAppendedInACommittedTransactionIsPublishedKeyedByItsBuyerAndARolledBackOneIsNot() {
        String buyer = TestEvents.unique("B");
        CloudEvent rolledBack = event(buyer, "rolled back");
        CloudEvent committed = event(buyer, "committed");
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                outbox.append(SCORES, rolledBack);
                throw new IllegalStateException("the state change failed");
            });
        } catch (IllegalStateException expected) {
            // the event must go with it
        }
        QuarkusTransaction.requiringNew().run(() -> outbox.append(SCORES, committed));

        List<ConsumerRecord<String, String>> published = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = TestTopics.reader(SCORES)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                TestTopics.poll(reader).stream().filter(r -> buyer.equals(r.key())).forEach(published::add);
                return !published.isEmpty();
            });
        }
        assertEquals(1, published.size());
        ConsumerRecord<String, String> record = published.get(0);
        assertEquals(committed.id(), CloudEvent.parse(record.value(), mapper).id());
        assertEquals(CloudEvent.KAFKA_CONTENT_TYPE, new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
    }

    static CloudEvent event(String buyer, String note) {
        return CloudEvent.create("credit.test.relayed", "/scoring-service", buyer, Instant.parse("2026-11-23T12:00:00Z"),
                JsonNodeFactory.instance.objectNode().put("buyerId", buyer).put("note", note));
    }
}
