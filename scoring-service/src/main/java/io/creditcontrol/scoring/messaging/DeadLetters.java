package io.creditcontrol.scoring.messaging;

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
 * Sends one record that can never be applied to credit.dlq.scoring.v1, with its original key,
 * value and headers and the reason, and waits for the broker to have it before the batch it came
 * from is committed. (The channels consume in batches, so the connector's own dead-letter
 * strategy, which works per batch, is not used: one bad record must not take its batch along.)
 */
@ApplicationScoped
public class DeadLetters {

    public static final String TOPIC = "credit.dlq.scoring.v1";
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
        // the value is kept byte for byte, even when it is not JSON
        emitter.sendMessage(Message.of(record.value()).addMetadata(metadata)).await().atMost(SEND_TIMEOUT);
    }

    private static byte[] utf8(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }
}
