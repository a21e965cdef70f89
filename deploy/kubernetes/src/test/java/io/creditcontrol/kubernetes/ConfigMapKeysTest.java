package io.creditcontrol.kubernetes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The ConfigMap's keys are property names that reach Quarkus as environment variables of the same
 * name (SmallRye Config looks an environment variable up by the exact property name first). A
 * misspelt key would be silently ignored, so every key must be a real property:
 * <ol>
 * <li>a key of the service's own application.properties (with or without a %profile prefix), and
 * not one that is fixed at build time; or</li>
 * <li>{@code kafka.} + a Kafka client property (producer, consumer or admin config names of the
 * kafka-clients on the classpath): Quarkus gives every {@code kafka.*} property to every client; or</li>
 * <li>a MicroProfile JWT 2.1 property ({@link #MP_JWT}); or</li>
 * <li>one of the few Quarkus runtime properties the operations guide documents ({@link #QUARKUS_RUNTIME}).</li>
 * </ol>
 */
class ConfigMapKeysTest {

    static final List<String> SERVICES = Manifests.SERVICES;

    static final Set<String> MP_JWT = Set.of("mp.jwt.verify.publickey", "mp.jwt.verify.publickey.location",
            "mp.jwt.verify.publickey.algorithm", "mp.jwt.verify.issuer", "mp.jwt.verify.audiences",
            "mp.jwt.verify.clock.skew", "mp.jwt.verify.token.age", "mp.jwt.token.header", "mp.jwt.token.cookie",
            "mp.jwt.decrypt.key.location", "mp.jwt.decrypt.key.algorithm");

    static final Set<String> QUARKUS_RUNTIME = Set.of("quarkus.log.level", "quarkus.datasource.jdbc.max-size",
            "quarkus.datasource.jdbc.min-size", "quarkus.shutdown.timeout");

    /** Read at build time: a value in the ConfigMap would have no effect. */
    static final List<String> BUILD_TIME_PREFIXES = List.of("quarkus.kubernetes.", "quarkus.container-image.", "quarkus.jib.",
            "quarkus.datasource.db-kind", "quarkus.application.", "quarkus.http.port", "quarkus.micrometer.", "quarkus.smallrye-openapi.");

    static final List<String> ESSENTIAL = List.of("quarkus.datasource.jdbc.url", "kafka.bootstrap.servers",
            "mp.jwt.verify.issuer", "mp.jwt.verify.publickey.location");

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyKeyIsARealProperty(String service) {
        Set<String> own = ownKeys(service);
        Map<String, String> unknown = new TreeMap<>();
        for (String key : configMap(service).keySet()) {
            String reason = rejection(key, own);
            if (reason != null) {
                unknown.put(key, reason);
            }
        }
        assertTrue(unknown.isEmpty(), service + "-config has keys that are not real properties: " + unknown);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void essentialKeysAreThere(String service) {
        Map<String, String> data = configMap(service);
        for (String key : ESSENTIAL) {
            assertTrue(data.containsKey(key) && !data.get(key).isBlank(), service + "-config must set " + key);
        }
        String database = defaultDatabase(service);
        assertTrue(data.get("quarkus.datasource.jdbc.url").endsWith("/" + database),
                service + "-config: the JDBC URL must name the service's own database " + database);
    }

    static String rejection(String key, Set<String> ownKeys) {
        for (String prefix : BUILD_TIME_PREFIXES) {
            if (key.startsWith(prefix)) {
                return "fixed at build time";
            }
        }
        if (ownKeys.contains(key) || MP_JWT.contains(key) || QUARKUS_RUNTIME.contains(key)) {
            return null;
        }
        if (key.startsWith("kafka.") && kafkaClientProperties().contains(key.substring("kafka.".length()))) {
            return null;
        }
        return "not in application.properties, not a Kafka client, MP-JWT or documented Quarkus runtime property";
    }

    static Set<String> kafkaClientProperties() {
        Set<String> names = new TreeSet<>(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return names;
    }

    static Set<String> ownKeys(String service) {
        Set<String> keys = new TreeSet<>();
        for (String key : Manifests.applicationProperties(service).stringPropertyNames()) {
            keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        return keys;
    }

    static Map<String, String> configMap(String service) {
        JsonNode data = Manifests.one(Manifests.read(Manifests.committed(service)), "ConfigMap", service + "-config").path("data");
        Map<String, String> result = new TreeMap<>();
        data.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
        return result;
    }

    private static String defaultDatabase(String service) {
        Properties properties = Manifests.applicationProperties(service);
        String url = properties.getProperty("quarkus.datasource.jdbc.url");
        // jdbc:postgresql://${PGHOST:..}:${PGPORT:..}/${SCORING_DB_NAME:credit_scoring}
        String last = url.substring(url.lastIndexOf('/') + 1);
        return last.startsWith("${") ? last.substring(last.indexOf(':') + 1, last.length() - 1) : last;
    }
}
