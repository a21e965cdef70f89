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

import io.creditcontrol.alerts.messaging.events.BuyerEvents;
import io.creditcontrol.alerts.messaging.events.ReceivablesEvents;
import io.quarkus.test.junit.QuarkusTest;

/**
 * This service's event records against the one contract, docs/events/: every sample of a type
 * this service reads is valid by its schema and is read into the service's record without a
 * violation and without losing a field; every invalid sample is rejected by its schema, and by
 * this service when it reads that type.
 */
@QuarkusTest
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

    static Stream<String> consumedTypes() {
        Map<String, Class<?>> consumed = new TreeMap<>(ReceivablesEvents.CONSUMED);
        consumed.putAll(BuyerEvents.CONSUMED);
        return consumed.keySet().stream();
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

    private static JsonSchema schemaOf(String type) {
        return SCHEMAS.getSchema(SchemaLocation.of(SCHEMA_ID_PREFIX + type + ".schema.json"), CONFIG);
    }

    private static Class<?> recordOf(String type) {
        Class<?> record = ReceivablesEvents.CONSUMED.get(type);
        return record != null ? record : BuyerEvents.CONSUMED.get(type);
    }
}
