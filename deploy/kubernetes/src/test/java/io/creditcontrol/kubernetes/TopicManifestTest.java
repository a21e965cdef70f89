package io.creditcontrol.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.creditcontrol.localkafka.SuiteTopics;

/** Every topic a service uses is declared as a Strimzi KafkaTopic, with the suite's partitioning. */
class TopicManifestTest {

    static final java.util.List<String> SERVICES = Manifests.SERVICES;

    private static final Pattern CHANNEL_TOPIC = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.(topic|dead-letter-queue\\.topic)");
    private static final long THIRTY_DAYS_MS = 30L * 24 * 3600 * 1000;
    private static final Pattern TOPIC_LITERAL = Pattern.compile("\"(credit\\.[a-z.]+\\.v\\d+)\"");

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyTopicInTheServicesPropertiesIsDeclared(String service) {
        Set<String> used = topicsInProperties(service);
        assertFalse(used.isEmpty(), service + ": no topics found in application.properties");
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(declaredTopics());
        assertTrue(missing.isEmpty(), service + " uses topics without a KafkaTopic: " + missing);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyTopicTheOutboxNamesInCodeIsDeclared(String service) {
        // the outbox relay sets the topic per record, so some topics only appear in the code
        Set<String> missing = new TreeSet<>(topicsInCode(service));
        missing.removeAll(declaredTopics());
        assertTrue(missing.isEmpty(), service + " code names topics without a KafkaTopic: " + missing);
    }

    @Test
    void sameTopicsAsTheLocalBroker() {
        Set<String> local = new TreeSet<>(SuiteTopics.BUSINESS_TOPICS);
        local.addAll(SuiteTopics.DEAD_LETTER_TOPICS);
        assertEquals(local, declaredTopics());
    }

    @Test
    void partitionsReplicasAndRetention() {
        for (JsonNode topic : Manifests.ofKind(Manifests.read(Manifests.topics()), "KafkaTopic")) {
            String name = topic.path("spec").path("topicName").asText();
            JsonNode spec = topic.path("spec");
            assertEquals(3, spec.path("partitions").asInt(), name + ": partitions");
            assertTrue(spec.path("replicas").asInt() >= 3, name + ": replicas");
            assertEquals("credit-kafka", topic.path("metadata").path("labels").path("strimzi.io/cluster").asText(), name + ": strimzi.io/cluster");
            long retention = spec.path("config").path("retention.ms").asLong(0);
            assertTrue(retention >= THIRTY_DAYS_MS, name + ": retention.ms at least 30 days, was " + retention);
            assertTrue(spec.path("config").path("min.insync.replicas").asInt() >= 2, name + ": min.insync.replicas");
            if (name.startsWith("credit.dlq.")) {
                assertTrue(spec.path("config").path("retention.bytes").asLong(0) > 0, name + ": a dead-letter topic has a size cap");
            }
        }
    }

    static Set<String> declaredTopics() {
        Set<String> declared = new TreeSet<>();
        for (JsonNode topic : Manifests.ofKind(Manifests.read(Manifests.topics()), "KafkaTopic")) {
            declared.add(topic.path("spec").path("topicName").asText());
        }
        return declared;
    }

    static Set<String> topicsInProperties(String service) {
        Properties properties = Manifests.applicationProperties(service);
        Set<String> topics = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            String plain = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            if (CHANNEL_TOPIC.matcher(plain).matches()) {
                topics.add(properties.getProperty(key).trim());
            }
        }
        return topics;
    }

    static Set<String> topicsInCode(String service) {
        Set<String> topics = new TreeSet<>();
        Path sources = Manifests.root().resolve(service + "/src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                Matcher m = TOPIC_LITERAL.matcher(Manifests.text(f));
                while (m.find()) {
                    topics.add(m.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return topics;
    }
}
