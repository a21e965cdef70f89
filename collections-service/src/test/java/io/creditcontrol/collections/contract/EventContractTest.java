package io.creditcontrol.collections.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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

import io.creditcontrol.collections.Api;
import io.creditcontrol.collections.TestClock;
import io.creditcontrol.collections.messaging.CloudEvent;
import io.creditcontrol.collections.messaging.events.BuyerEvents;
import io.creditcontrol.collections.messaging.events.CollectionsEvents;
import io.creditcontrol.collections.messaging.EventData;
import io.creditcontrol.collections.messaging.OutboxEvent;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/**
 * The events this service produces, and the samples of those it consumes, against the one
 * contract in docs/events/.
 */
@QuarkusTest
@TestSecurity(user = "collector.li", roles = { "erp", "analyst", "approver", "collector", "admin", "viewer" })
public class EventContractTest {

    static final Path EVENTS = Path.of("..", "docs", "events");
    static final String SCHEMA_ID_PREFIX = "https://creditcontrol.io/events/schemas/";

    static final List<String> CONSUMED = List.of(
            ReceivablesEvents.INVOICE_ISSUED, ReceivablesEvents.INVOICE_CREDITED, ReceivablesEvents.INVOICE_DISPUTED,
            ReceivablesEvents.DISPUTE_RESOLVED, ReceivablesEvents.INVOICE_WRITTEN_OFF, ReceivablesEvents.PAYMENT_RECEIVED);

    @Inject
    ObjectMapper mapper;
    @Inject
    EventData eventData;

    public static JsonSchema schemaFor(String type) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(m -> m.mapPrefix(SCHEMA_ID_PREFIX, EVENTS.resolve("schemas").toUri().toString())));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return factory.getSchema(SchemaLocation.of(SCHEMA_ID_PREFIX + type + ".schema.json"), config);
    }

    static Stream<String> consumedTypes() {
        return CONSUMED.stream();
    }

    @ParameterizedTest
    @MethodSource("consumedTypes")
    void theSampleOfEachConsumedEventMatchesTheSchemaAndOurRecords(String type) throws IOException {
        String sample = Files.readString(EVENTS.resolve("samples").resolve(type + ".json"));
        Set<ValidationMessage> errors = schemaFor(type).validate(mapper.readTree(sample));
        assertTrue(errors.isEmpty(), type + ": " + errors);

        CloudEvent event = CloudEvent.parse(sample, mapper);
        Object data = eventData.read(event, recordFor(type));
        // what we read is what was sent: no field lost or renamed on the way in
        JsonNode roundTrip = mapper.valueToTree(data);
        event.data().fieldNames().forEachRemaining(field -> assertTrue(roundTrip.has(field), type + " loses field " + field));
    }

    /** Types of which we read only the fields we use: the sample must validate and give those fields. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {BuyerEvents.BUYER_REGISTERED, BuyerEvents.BUYER_UPDATED, BuyerEvents.SCORE_CHANGED})
    void theSampleOfEachPartlyReadEventMatchesTheSchemaAndGivesWhatWeUse(String type) throws IOException {
        String sample = Files.readString(EVENTS.resolve("samples").resolve(type + ".json"));
        Set<ValidationMessage> errors = schemaFor(type).validate(mapper.readTree(sample));
        assertTrue(errors.isEmpty(), type + ": " + errors);

        CloudEvent event = CloudEvent.parse(sample, mapper);
        if (type.equals(BuyerEvents.SCORE_CHANGED)) {
            BuyerEvents.ScoreChanged score = eventData.read(event, BuyerEvents.ScoreChanged.class);
            assertEquals(event.data().get("grade").asInt(), score.grade());
        } else {
            BuyerEvents.BuyerMasterData buyer = eventData.read(event, BuyerEvents.BuyerMasterData.class);
            assertEquals(event.data().get("name").asText(), buyer.name());
            assertEquals(event.data().path("segment").asText(null), buyer.segment());
        }
    }

    @Test
    void invalidSamplesAreRejectedByTheSchemas() throws IOException {
        try (Stream<Path> invalid = Files.list(EVENTS.resolve("samples").resolve("invalid"))) {
            List<Path> files = invalid.filter(p -> p.toString().endsWith(".json")).toList();
            assertFalse(files.isEmpty());
            for (Path file : files) {
                String name = file.getFileName().toString();
                String type = CONSUMED.stream().filter(t -> name.startsWith(t + ".")).findFirst().orElseThrow();
                assertFalse(schemaFor(type).validate(mapper.readTree(file.toFile())).isEmpty(), name + " should be invalid");
            }
        }
    }

    @Test
    void everyEventTheIntakePublishesMatchesItsSchema() {
        String buyer = "B-CT-" + UUID.randomUUID().toString().substring(0, 6);
        String invoice = "INV-" + UUID.randomUUID().toString().substring(0, 8);
        post("/api/v1/invoices", """
                {"buyerId":"%s","buyerName":"Contract GmbH","invoiceNumber":"%s","issueDate":"2026-10-01","dueDate":"2026-10-31",
                 "amount":"1000","currency":"EUR","orderReference":"SO-7","paymentTermsDays":30}""".formatted(buyer, invoice));
        post("/api/v1/payments", """
                {"buyerId":"%s","paymentReference":"P-%s","receivedOn":"2026-11-02","amount":"400.5","currency":"EUR",
                 "method":"BANK_TRANSFER","allocations":[{"invoiceNumber":"%s","amount":"400.5"}]}""".formatted(buyer, invoice, invoice));
        post("/api/v1/credit-notes", """
                {"buyerId":"%s","creditNoteNumber":"CN-%s","invoiceNumber":"%s","issueDate":"2026-11-03","amount":"50.00",
                 "currency":"EUR","reason":"price correction"}""".formatted(buyer, invoice, invoice));
        post("/api/v1/disputes", """
                {"buyerId":"%s","disputeId":"D-%s","invoiceNumber":"%s","amount":"100.00","currency":"EUR",
                 "openedOn":"2026-11-04","reason":"damaged goods"}""".formatted(buyer, invoice, invoice));
        post("/api/v1/disputes/D-" + invoice + "/resolution", """
                {"resolvedOn":"2026-11-10","outcome":"REJECTED","note":"photos show intact goods"}""");

        List<OutboxEvent> produced = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>list("recordKey", buyer));
        assertEquals(Set.of(ReceivablesEvents.INVOICE_ISSUED, ReceivablesEvents.PAYMENT_RECEIVED, ReceivablesEvents.INVOICE_CREDITED,
                ReceivablesEvents.INVOICE_DISPUTED, ReceivablesEvents.DISPUTE_RESOLVED),
                Set.copyOf(produced.stream().map(e -> e.eventType).toList()));
        for (OutboxEvent event : produced) {
            try {
                Set<ValidationMessage> errors = schemaFor(event.eventType).validate(mapper.readTree(event.payload));
                assertTrue(errors.isEmpty(), event.eventType + ": " + errors + "\n" + event.payload);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Inject
    TestClock clock;

    /** The collections events (and the write-off) this service produces, against their schemas. */
    @Test
    void everyEventTheCollectionsWorkflowPublishesMatchesItsSchema() {
        // dates in 2022: no other test's invoice is reviewed by these runs
        String buyer = "B-CT-" + UUID.randomUUID().toString().substring(0, 6);
        String invoice = "INV-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            clock.setToday(LocalDate.parse("2022-01-01"));
            Api.invoice(buyer, invoice, "2022-01-01", "2022-01-31", "1000.00", "EUR");
            Api.awaitInvoice(invoice, json -> true);
            Api.writeOff(buyer, "WO-" + invoice, invoice, "2022-01-05", "100.00", "EUR");
            Api.awaitInvoice(invoice, json -> json.getFloat("writtenOff") == 100.0f);
            post("/api/v1/promises", """
                    {"promiseId":"PTP-%s","invoiceNumber":"%s","amount":"100.5","currency":"EUR","promisedDate":"2022-01-20"}"""
                    .formatted(invoice, invoice));
            clock.setToday(LocalDate.parse("2022-01-21"));
            given().post("/api/v1/dunning/runs").then().statusCode(200);
            clock.setToday(LocalDate.parse("2022-04-01"));
            given().post("/api/v1/dunning/runs").then().statusCode(200);
        } finally {
            clock.reset();
        }

        List<OutboxEvent> produced = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>list("recordKey", buyer));
        assertEquals(Set.of(ReceivablesEvents.INVOICE_ISSUED, ReceivablesEvents.INVOICE_WRITTEN_OFF, CollectionsEvents.PROMISE_BROKEN,
                CollectionsEvents.DUNNING_STEP_EXECUTED, CollectionsEvents.SUPPLY_STOP_RECOMMENDED),
                Set.copyOf(produced.stream().map(e -> e.eventType).toList()));
        for (OutboxEvent event : produced) {
            try {
                Set<ValidationMessage> errors = schemaFor(event.eventType).validate(mapper.readTree(event.payload));
                assertTrue(errors.isEmpty(), event.eventType + ": " + errors + "\n" + event.payload);
                if (event.eventType.startsWith("credit.dunning") || event.eventType.startsWith("credit.promise")
                        || event.eventType.startsWith("credit.supply")) {
                    assertEquals(CollectionsEvents.COLLECTIONS_TOPIC, event.topic);
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static void post(String path, String body) {
        given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(201);
    }

    private static Class<?> recordFor(String type) {
        return switch (type) {
            case ReceivablesEvents.INVOICE_ISSUED -> ReceivablesEvents.InvoiceIssued.class;
            case ReceivablesEvents.INVOICE_CREDITED -> ReceivablesEvents.InvoiceCredited.class;
            case ReceivablesEvents.INVOICE_DISPUTED -> ReceivablesEvents.InvoiceDisputed.class;
            case ReceivablesEvents.DISPUTE_RESOLVED -> ReceivablesEvents.DisputeResolved.class;
            case ReceivablesEvents.INVOICE_WRITTEN_OFF -> ReceivablesEvents.InvoiceWrittenOff.class;
            case ReceivablesEvents.PAYMENT_RECEIVED -> ReceivablesEvents.PaymentReceived.class;
            default -> throw new IllegalArgumentException(type);
        };
    }
}
