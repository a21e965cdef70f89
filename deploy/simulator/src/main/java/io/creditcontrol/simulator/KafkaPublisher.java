package io.creditcontrol.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes ledger records as the CloudEvents of docs/events straight to the suite's topics, the
 * way an ERP or a risk-data provider on the bus would: key = buyerId, structured-mode JSON value,
 * header {@code content-type}, idempotent producer so retries neither duplicate nor reorder.
 */
public final class KafkaPublisher implements AutoCloseable {

    static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    private final Producer<String, String> producer;
    private final CloudEventMapper mapper = new CloudEventMapper();

    public KafkaPublisher(Producer<String, String> producer) {
        this.producer = producer;
    }

    /** A producer for the given brokers; {@code extra} adds client settings such as security.protocol or sasl.*. */
    public static KafkaPublisher connect(String bootstrapServers, Map<String, String> extra) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "credit-simulator");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.putAll(extra);
        return new KafkaPublisher(new KafkaProducer<>(config, new StringSerializer(), new StringSerializer()));
    }

    /** Sends one record; {@code done} hears the outcome once the broker has acknowledged it (or given up). */
    public void publish(LedgerRecord record, Consumer<Feeder.Outcome> done) {
        CloudEventMapper.Event event = mapper.map(record);
        ProducerRecord<String, String> message = new ProducerRecord<>(event.topic(), event.key(), event.cloudEvent().toString());
        message.headers().add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        producer.send(message, (metadata, failure) -> done.accept(failure == null ? Feeder.Outcome.ACCEPTED : Feeder.Outcome.FAILED));
    }

    /** Waits until everything sent so far is acknowledged. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
