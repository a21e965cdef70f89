package io.creditcontrol.collections.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Puts one record the ledger can never apply on credit.dlq.collections.v1: its key and value
 * byte for byte, its headers, and why ({@code dead-letter-reason}) and where it came from
 * ({@code dead-letter-topic}, {@code -partition}, {@code -offset}). The send is awaited, so the
 * record is on the dead-letter topic before the batch it came from is acknowledged. The ledger's
 * channels consume a poll's records as one batch; the connector's own dead-letter strategy
 * would send the whole batch, and one bad record must go alone.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String TOPIC = "credit.dlq.collections.v1";
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<String> emitter;

    DeadLetters(@Channel("dead-letters") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public void send(ConsumerRecord<String, String> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(headers::add);
        headers.add("dead-letter-reason", utf8(reason));
        headers.add("dead-letter-topic", utf8(record.topic()));
        headers.add("dead-letter-partition", utf8(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", utf8(Long.toString(record.offset())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(TOPIC).withKey(record.key()).withHeaders(headers).build();
        LOG.warnf("Dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
        emitter.sendMessage(Message.of(record.value()).addMetadata(metadata)).await().atMost(SEND_TIMEOUT);
    }

    private static byte[] utf8(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }
}
