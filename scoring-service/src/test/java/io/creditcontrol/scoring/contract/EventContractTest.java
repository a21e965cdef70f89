package io.creditcontrol.scoring.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
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

import io.creditcontrol.scoring.messaging.CloudEvent;
import io.creditcontrol.scoring.messaging.EventData;
import io.creditcontrol.scoring.messaging.events.BuyerEvents;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The samples of every event type this service consumes, against the one contract in
 * docs/events/: each sample validates against its schema and is read by this service's own
 * record without a violation or a lost field; each invalid sample is rejected by its schema.
 */
@QuarkusTest
class EventContractTest {

    static final Path EVENTS = Path.of("..", "docs", "events");
    static final String SCHEMA_ID_PREFIX = "https://creditcontrol.io/events/schemas/";

    /** Every type this service consumes, with the record it reads the type's data into. */
    static final Map<String, Class<?>> CONSUMED = Map.of(
            ReceivablesEvents.INVOICE_ISSUED, ReceivablesEvents.InvoiceIssued.class,
            ReceivablesEvents.INVOICE_CREDITED, ReceivablesEvents.InvoiceCredited.class,
            ReceivablesEvents.INVOICE_DISPUTED, ReceivablesEvents.InvoiceDisputed.class,
            ReceivablesEvents.DISPUTE_RESOLVED, ReceivablesEvents.DisputeResolved.class,
            ReceivablesEvents.INVOICE_WRITTEN_OFF, ReceivablesEvents.InvoiceWrittenOff.class,
            ReceivablesEvents.PAYMENT_RECEIVED, ReceivablesEvents.PaymentReceived.class,
            BuyerEvents.BUYER_REGISTERED, BuyerEvents.BuyerMasterData.class,
            BuyerEvents.BUYER_UPDATED, BuyerEvents.BuyerMasterData.class,
            BuyerEvents.RISK_SIGNAL_REPORTED, BuyerEvents.RiskSignalReported.class,
            BuyerEvents.FINANCIAL_STATEMENT_REPORTED, BuyerEvents.FinancialStatementReported.class);

    @Inject
    ObjectMapper mapper;
    @Inject
    EventData eventData;

    static JsonSchema schemaFor(String type) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(m -> m.mapPrefix(SCHEMA_ID_PREFIX, EVENTS.resolve("schemas").toUri().toString())));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return factory.getSchema(SchemaLocation.of(SCHEMA_ID_PREFIX + type + ".schema.json"), config);
    }

    static Stream<String> consumedTypes() {
        return CONSUMED.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("consumedTypes")
    void theSampleOfEachConsumedEventMatchesItsSchemaAndOurRecord(String type) throws IOException {
        String sample = Files.readString(EVENTS.resolve("samples").resolve(type + ".json"));
        Set<ValidationMessage> errors = schemaFor(type).validate(mapper.readTree(sample));
        assertTrue(errors.isEmpty(), type + ": " + errors);

        CloudEvent event = CloudEvent.parse(sample, mapper);
        assertEquals(type, event.type());
        Object data = eventData.read(event, CONSUMED.get(type));
        // what we read is what was sent: no field lost or renamed on the way in
        JsonNode roundTrip = mapper.valueToTree(data);
        event.data().fieldNames().forEachRemaining(field -> assertTrue(roundTrip.has(field), type + " loses field " + field));
        event.data().fields().forEachRemaining(f -> assertEquals(f.getValue(), roundTrip.get(f.getKey()), type + "." + f.getKey()));
    }

    @Test
    void theInvalidSamplesOfConsumedEventsAreRejectedByTheirSchemas() throws IOException {
        List<Path> files;
        try (Stream<Path> invalid = Files.list(EVENTS.resolve("samples").resolve("invalid"))) {
            files = invalid.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<Path> consumed = files.stream().filter(f -> typeOf(f) != null).toList();
        assertFalse(consumed.isEmpty(), "no invalid samples of consumed types in " + EVENTS);
        for (Path file : consumed) {
            Set<ValidationMessage> errors = schemaFor(typeOf(file)).validate(mapper.readTree(file.toFile()));
            assertFalse(errors.isEmpty(), file.getFileName() + " should be invalid");
        }
    }

    /** samples/invalid/&lt;type&gt;.&lt;defect&gt;.json; null when the type is not one this service consumes. */
    private static String typeOf(Path invalidSample) {
        String name = invalidSample.getFileName().toString();
        return CONSUMED.keySet().stream().filter(t -> name.startsWith(t + ".")).findFirst().orElse(null);
    }
}
