package io.creditcontrol.alerts.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;

/**
 * The shared kafka.* configuration, which every Kafka client of the service starts from (the six
 * consumers, the outbox relay's producer and the dead-letter producers copy their channel's
 * configuration), carries the security protocol, and the KAFKA_* environment variables of
 * production (SASL mechanism, JAAS config, truststore) when they are set. Run with e.g.
 * {@code KAFKA_SASL_MECHANISM=SCRAM-SHA-512} to see an environment variable arrive; the tests'
 * broker is plain, so the mechanism is not used.
 */
@QuarkusTest
class KafkaSecurityConfigTest {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Test
    void theSecurityProtocolAndTheEnvironmentsSaslSettingsReachTheKafkaClients() {
        assertEquals(System.getenv().getOrDefault("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT"), kafka.get("security.protocol"));
        String mechanism = System.getenv("KAFKA_SASL_MECHANISM");
        if (mechanism != null) {
            assertEquals(mechanism, kafka.get("sasl.mechanism"));
        }
    }
}
