package io.creditcontrol.alerts.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.creditcontrol.alerts.alert.AlertPublished;
import io.creditcontrol.alerts.alert.Alerts;
import io.creditcontrol.alerts.alert.RecordedAlertEvents;
import io.creditcontrol.alerts.messaging.events.BuyerEvents;
import io.creditcontrol.alerts.messaging.events.CollectionsEvents;
import io.creditcontrol.alerts.messaging.events.LimitEvents;
import io.creditcontrol.alerts.messaging.events.ReceivablesEvents;
import io.creditcontrol.alerts.messaging.events.ScoreEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * This service's event records against the one contract, docs/events/: every sample of a type
 * this service reads is valid by its schema and is read into the service's record without a
 * violation and without losing a field; every invalid sample is rejected by its schema, and by
 * this service when it reads that type.
 */
@QuarkusTest
@TestSecurity(user = "test-analyst", roles = "analyst")
class EventContractTest {

    private static final Path EVENTS = Path.of("../docs/events");
    private static final String SCHEMA_ID_PREFIX = "https://creditcontrol.io/events/schemas/";
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_ID_PREFIX,
                    EVENTS.resolve("schemas").toAbsolutePath().normalize().toUri().toString())));
    // draft 2020-12 treats "format" as an annotation unless told otherwise
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    @Inject
    EventData eventData;
    @Inject
    ObjectMapper mapper;
    @Inject
    RecordedAlertEvents recorded;

    private static final Map<String, Class<?>> CONSUMED = consumed();

    private static Map<String, Class<?>> consumed() {
        Map<String, Class<?>> consumed = new TreeMap<>(ReceivablesEvents.CONSUMED);
        consumed.putAll(BuyerEvents.CONSUMED);
        consumed.putAll(ScoreEvents.CONSUMED);
        consumed.putAll(LimitEvents.CONSUMED);
        consumed.putAll(CollectionsEvents.CONSUMED);
        return consumed;
    }

    static Stream<String> consumedTypes() {
        return consumed().keySet().stream();
    }

    static Stream<Path> invalidSamples() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS.resolve("samples/invalid"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("consumedTypes")
    void theSampleOfEveryTypeThisServiceReadsIsValidAndReadWithoutLoss(String type) throws IOException {
        String sample = Files.readString(EVENTS.resolve("samples/" + type + ".json"));
        JsonNode tree = mapper.readTree(sample);

        Set<ValidationMessage> errors = schemaOf(type).validate(tree);
        assertEquals(Set.of(), errors, "the sample of " + type + " is valid by its schema");

        CloudEvent event = CloudEvent.parse(sample, mapper);
        assertEquals(type, event.type());
        Object data = eventData.read(event, recordOf(type));
        // every field of the sample reaches the record with its value, and the record invents nothing
        assertEquals(tree.get("data"), mapper.valueToTree(data), type + " is read into " + data.getClass().getSimpleName());
    }

    @ParameterizedTest
    @MethodSource("invalidSamples")
    void everyInvalidSampleIsRejectedByItsSchema(Path sample) throws IOException {
        String name = sample.getFileName().toString();
        String[] parts = name.split("\\.");
        String type = parts[0] + "." + parts[1] + "." + parts[2];
        assertTrue(Files.exists(EVENTS.resolve("schemas/" + type + ".schema.json")), "a schema for " + name);

        String json = Files.readString(sample);
        Set<ValidationMessage> errors = schemaOf(type).validate(mapper.readTree(json));
        assertFalse(errors.isEmpty(), name + " is rejected by the schema");

        Class<?> record = recordOf(type);
        if (record != null) {
            // and this service, which reads the type, refuses it too (it would be dead-lettered)
            CloudEvent event = CloudEvent.parse(json, mapper);
            assertThrows(MalformedEventException.class, () -> eventData.read(event, record), name + " is refused by this service");
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {Alerts.ALERT_RAISED, Alerts.ALERT_UPDATED})
    void theAlertSamplesAreValid(String type) throws IOException {
        JsonNode sample = mapper.readTree(Files.readString(EVENTS.resolve("samples/" + type + ".json")));
        assertEquals(Set.of(), schemaOf(type).validate(sample), "the sample of " + type + " is valid by its schema");
    }

    /**
     * What this service publishes: an alert raised, fired again, acknowledged and resolved gives
     * four events on credit.alerts.v1, each valid by the schema of its type, keyed by the buyer, and
     * each exactly the CloudEvent handed to the webhook deliveries (AlertPublished).
     */
    @org.junit.jupiter.api.Test
    void everyAlertEventPublishedIsValidAndIsTheOneGivenToTheWebhooks() throws IOException {
        String buyer = TestEvents.unique("B");
        TestEvents.publishBuyerEvent(buyer, TestEvents.event(BuyerEvents.RISK_SIGNAL_REPORTED, buyer,
                TestEvents.riskSignalData(buyer, "MANAGEMENT_CHANGE", "2026-11-20", "MEDIUM")));
        TestEvents.publishBuyerEvent(buyer, TestEvents.event(BuyerEvents.RISK_SIGNAL_REPORTED, buyer,
                TestEvents.riskSignalData(buyer, "MANAGEMENT_CHANGE", "2026-11-21", "MEDIUM")));
        String alertId = (String) io.creditcontrol.alerts.TestAlerts.awaitAlert(buyer, "RISK_SIGNAL",
                a -> Integer.valueOf(2).equals(a.get("count"))).get("alertId");
        io.creditcontrol.alerts.TestApi.api().contentType("application/json").body("{}")
                .post("/api/v1/alerts/" + alertId + "/acknowledge").then().statusCode(200);
        io.creditcontrol.alerts.TestApi.api().contentType("application/json").body("{\"note\":\"known\"}")
                .post("/api/v1/alerts/" + alertId + "/resolve").then().statusCode(200);

        java.util.List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
        try (var reader = TestTopics.reader(Alerts.ALERTS_TOPIC)) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                TestTopics.poll(reader).stream().filter(r -> buyer.equals(r.key())).forEach(records::add);
                return records.size() >= 4;
            });
        }
        java.util.List<String> states = new java.util.ArrayList<>();
        for (var record : records) {
            JsonNode event = mapper.readTree(record.value());
            String type = event.get("type").asText();
            assertEquals(Set.of(), schemaOf(type).validate(event), record.value());
            assertEquals(buyer, event.get("subject").asText());
            assertEquals(buyer, event.at("/data/buyerId").asText());
            assertEquals(CloudEvent.KAFKA_CONTENT_TYPE, TestTopics.header(record, "content-type"));
            states.add(type + " " + event.at("/data/state").asText() + " " + event.at("/data/count").asInt());
        }
        assertEquals(java.util.List.of("credit.alert.raised OPEN 1", "credit.alert.updated OPEN 2",
                "credit.alert.updated ACKNOWLEDGED 2", "credit.alert.updated RESOLVED 2"), states);

        java.util.List<AlertPublished> published = recorded.of(buyer);
        assertEquals(4, published.size());
        for (AlertPublished alert : published) {
            String payload = QuarkusTransaction.requiringNew().call(() -> ((OutboxEvent) OutboxEvent.findById(alert.event().id())).payload);
            assertEquals(mapper.readTree(payload), mapper.readTree(alert.event().toJson(mapper)), "the webhook body is the published event");
            assertEquals(alert.event().data().get("severity").asText(), alert.severity());
        }
    }

    private static JsonSchema schemaOf(String type) {
        return SCHEMAS.getSchema(SchemaLocation.of(SCHEMA_ID_PREFIX + type + ".schema.json"), CONFIG);
    }

    private static Class<?> recordOf(String type) {
        return CONSUMED.get(type);
    }
}
