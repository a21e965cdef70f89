package io.creditcontrol.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** Every generated record, as the CloudEvent it stands for, validates against its schema in docs/events. */
class EventContractTest {

    private static final String PREFIX = "https://creditcontrol.io/events/schemas/";

    @Test
    void everyRecordIsAValidEventOfTheContract() {
        Path schemas = Path.of(System.getProperty("simulator.events.dir", "../../docs/events")).resolve("schemas").toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(schemas), "schemas at " + schemas);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaMappers(m -> m.mapPrefix(PREFIX, schemas.toUri().toString())));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        Map<String, JsonSchema> byType = new HashMap<>();

        LedgerGenerator.Ledger ledger = LedgerGenerator.generate(new LedgerGenerator.Settings(150, 15, 42, LocalDate.of(2025, 1, 1)));
        CloudEventMapper mapper = new CloudEventMapper();
        Set<LedgerKind> kinds = EnumSet.noneOf(LedgerKind.class);
        Set<String> ids = new java.util.HashSet<>();
        for (LedgerRecord record : ledger.records()) {
            CloudEventMapper.Event event = mapper.map(record);
            JsonNode json = event.cloudEvent();
            String type = json.path("type").asText();
            JsonSchema schema = byType.computeIfAbsent(type,
                    t -> factory.getSchema(SchemaLocation.of(PREFIX + t + ".schema.json"), config));
            Set<ValidationMessage> errors = schema.validate(json);
            assertTrue(errors.isEmpty(), type + " " + record.document() + ": " + errors + "\n" + json);
            assertEquals(record.buyerId(), json.path("subject").asText());
            assertEquals(record.buyerId(), json.path("data").path("buyerId").asText());
            assertEquals(record.buyerId(), event.key());
            assertTrue(ids.add(json.path("id").asText()), "event id used twice: " + json.path("id"));
            kinds.add(record.kind());
        }
        assertEquals(EnumSet.allOf(LedgerKind.class), kinds, "every kind generated and checked");
    }

    @Test
    void anInvalidEventIsCaught() {
        // the check above can fail: a record with a numeric amount does not validate
        Path schemas = Path.of(System.getProperty("simulator.events.dir", "../../docs/events")).resolve("schemas").toAbsolutePath().normalize();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                b -> b.schemaMappers(m -> m.mapPrefix(PREFIX, schemas.toUri().toString())));
        JsonSchema schema = factory.getSchema(SchemaLocation.of(PREFIX + "credit.invoice.issued.schema.json"),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        LedgerRecord invoice = LedgerGenerator.generate(new LedgerGenerator.Settings(5, 6, 1, LocalDate.of(2025, 1, 1))).records().stream()
                .filter(r -> r.kind() == LedgerKind.INVOICE).findFirst().orElseThrow();
        com.fasterxml.jackson.databind.node.ObjectNode event = new CloudEventMapper().map(invoice).cloudEvent();
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.get("data")).put("amount", 12.5);
        assertFalse(schema.validate(event).isEmpty());
    }
}
