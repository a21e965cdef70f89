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

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import io.creditcontrol.scoring.buyer.BuyerCommands;
import io.creditcontrol.scoring.config.ScoringConfig;
import io.creditcontrol.scoring.messaging.CloudEvent;
import io.creditcontrol.scoring.score.Assessment;
import io.creditcontrol.scoring.score.BuyerScorer;
import io.creditcontrol.scoring.score.ScoreInputs;
import io.creditcontrol.scoring.score.ScoreModel;
import io.creditcontrol.scoring.messaging.EventData;
import io.creditcontrol.scoring.messaging.events.BuyerEvents;
import io.creditcontrol.scoring.messaging.events.CollectionsEvents;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * The samples of every event type this service consumes, against the one contract in
 * docs/events/: each sample validates against its schema and is read by this service's own
 * record without a violation or a lost field; each invalid sample is rejected by its schema.
 * Every event type this service produces (credit.score.changed, and the buyer events its API
 * announces) is built by the production code and validated against its schema.
 */
@QuarkusTest
// not about security (SecurityTest is): an analyst, who may read everything and submit buyer facts
@TestSecurity(user = "test-analyst", roles = "analyst")
public class EventContractTest {

    static final Path EVENTS = Path.of("..", "docs", "events");
    static final String SCHEMA_ID_PREFIX = "https://creditcontrol.io/events/schemas/";

    /** Every type this service consumes, with the record it reads the type's data into. */
    static final Map<String, Class<?>> CONSUMED = Map.ofEntries(
            Map.entry(ReceivablesEvents.INVOICE_ISSUED, ReceivablesEvents.InvoiceIssued.class),
            Map.entry(ReceivablesEvents.INVOICE_CREDITED, ReceivablesEvents.InvoiceCredited.class),
            Map.entry(ReceivablesEvents.INVOICE_DISPUTED, ReceivablesEvents.InvoiceDisputed.class),
            Map.entry(ReceivablesEvents.DISPUTE_RESOLVED, ReceivablesEvents.DisputeResolved.class),
            Map.entry(ReceivablesEvents.INVOICE_WRITTEN_OFF, ReceivablesEvents.InvoiceWrittenOff.class),
            Map.entry(ReceivablesEvents.PAYMENT_RECEIVED, ReceivablesEvents.PaymentReceived.class),
            Map.entry(BuyerEvents.BUYER_REGISTERED, BuyerEvents.BuyerMasterData.class),
            Map.entry(BuyerEvents.BUYER_UPDATED, BuyerEvents.BuyerMasterData.class),
            Map.entry(BuyerEvents.RISK_SIGNAL_REPORTED, BuyerEvents.RiskSignalReported.class),
            Map.entry(BuyerEvents.FINANCIAL_STATEMENT_REPORTED, BuyerEvents.FinancialStatementReported.class),
            Map.entry(CollectionsEvents.PROMISE_BROKEN, CollectionsEvents.PromiseBroken.class));

    @Inject
    ObjectMapper mapper;
    @Inject
    EventData eventData;
    @Inject
    BuyerScorer scorer;
    @Inject
    BuyerCommands commands;
    @Inject
    ScoringConfig config;

    /** What the schema of the event's type finds wrong with it; empty when it is valid. */
    public static Set<ValidationMessage> violations(JsonNode event) {
        return schemaFor(event.get("type").asText()).validate(event);
    }

    @Test
    void everyScoreChangedEventThisServiceCanProduceMatchesTheContract() throws IOException {
        ScoreModel model = new ScoreModel(config);
        LocalDate today = LocalDate.parse("2026-11-23");
        ScoreInputs.StatementFact statement = new ScoreInputs.StatementFact(LocalDate.parse("2025-12-31"), "EUR",
                new BigDecimal("1000000"), new BigDecimal("500000"), new BigDecimal("250000"), new BigDecimal("400000"),
                new BigDecimal("-250000"), new BigDecimal("-20000"), new BigDecimal("2000000"), new BigDecimal("600000"));
        ScoreInputs.InvoiceFact open = new ScoreInputs.InvoiceFact("INV-1", "EUR", new BigDecimal("100.00"), LocalDate.parse("2026-09-01"),
                LocalDate.parse("2026-10-01"), null, new BigDecimal("100.00"), BigDecimal.ZERO, true);
        List<Assessment> assessments = List.of(
                model.assess(new ScoreInputs(List.of(), null, List.of(), null), today),
                model.assess(new ScoreInputs(List.of(open), statement, List.of(
                        new ScoreInputs.SignalFact("MANAGEMENT_CHANGE", LocalDate.parse("2026-10-01"), "HIGH", "CFO replaced")),
                        LocalDate.parse("2020-01-01")), today),
                model.assess(new ScoreInputs(List.of(), statement, List.of(
                        new ScoreInputs.SignalFact("INSOLVENCY_FILING", LocalDate.parse("2026-11-01"), null, null)), null), today));
        Integer previous = null;
        for (Assessment assessment : assessments) {
            CloudEvent event = scorer.scoreChanged("B-100234", previous, assessment, Instant.parse("2026-11-23T12:00:00Z"));
            JsonNode json = mapper.readTree(event.toJson(mapper));
            assertTrue(violations(json).isEmpty(), json + ": " + violations(json));
            assertEquals(assessment.grade(), json.get("data").get("grade").asInt());
            previous = assessment.grade();
        }
    }

    @Test
    void everyBuyerEventTheApiAnnouncesMatchesTheContract() throws IOException {
        Map<String, Object> produced = Map.of(
                BuyerEvents.BUYER_REGISTERED, new BuyerEvents.BuyerMasterData("B-100234", "Nordwind GmbH", "DE", "C28.4", "B-1",
                        "SME", "HRB 1", LocalDate.parse("2019-01-01"), "erp-client"),
                BuyerEvents.BUYER_UPDATED, new BuyerEvents.BuyerMasterData("B-100234", "Nordwind GmbH", "DE", null, null, null, null, null, null),
                BuyerEvents.FINANCIAL_STATEMENT_REPORTED, new BuyerEvents.FinancialStatementReported("B-100234", LocalDate.parse("2025-12-31"),
                        "EUR", new BigDecimal("48250000.00"), new BigDecimal("21400000.00"), new BigDecimal("17950000.00"),
                        new BigDecimal("36100000.00"), new BigDecimal("-1250000.00"), new BigDecimal("2310000"), new BigDecimal("0"),
                        new BigDecimal("12150000.00"), "ana.lyst"),
                BuyerEvents.RISK_SIGNAL_REPORTED, new BuyerEvents.RiskSignalReported("B-100234", BuyerEvents.Signal.INSOLVENCY_FILING,
                        LocalDate.parse("2026-11-20"), BuyerEvents.Severity.HIGH, "proceedings opened", "analyst", "ana.lyst"));
        for (Map.Entry<String, Object> e : produced.entrySet()) {
            CloudEvent event = commands.event(e.getKey(), "B-100234", e.getValue());
            JsonNode json = mapper.readTree(event.toJson(mapper));
            assertTrue(violations(json).isEmpty(), json + ": " + violations(json));
            // and this service reads back what it announced
            eventData.read(CloudEvent.parse(event.toJson(mapper), mapper), CONSUMED.get(e.getKey()));
        }
    }

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
