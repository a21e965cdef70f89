package io.creditcontrol.limits.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.creditcontrol.limits.api.CreditFixtures;
import io.creditcontrol.limits.credit.CreditEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.creditcontrol.limits.messaging.events.BuyerEvents;
import io.creditcontrol.limits.messaging.events.ScoreEvents;
import io.creditcontrol.limits.messaging.events.CollectionsEvents;
import io.creditcontrol.limits.messaging.events.CollectionsEvents.DunningStepExecuted;
import io.creditcontrol.limits.messaging.events.CollectionsEvents.SupplyStopRecommended;
import io.creditcontrol.limits.messaging.events.ScoreEvents.ScoreChanged;
import io.creditcontrol.limits.messaging.events.BuyerEvents.BuyerMasterData;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.DisputeResolved;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.InvoiceCredited;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.InvoiceDisputed;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.InvoiceIssued;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.InvoiceWrittenOff;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.PaymentReceived;
import io.quarkus.test.junit.QuarkusTest;

/**
 * limits-service's event records against the one contract, docs/events: every sample of a type
 * this service reads is valid against its schema and is read by the service's own record
 * (through {@link EventData}, with the application's ObjectMapper and validator) without a
 * violation; every invalid sample is rejected by the schema and by the service.
 */
@QuarkusTest
class EventContractTest {

    static final Path EVENTS = Path.of("../docs/events");
    static final String ID_PREFIX = "https://creditcontrol.io/events/schemas/";

    /** The types this service reads, with the record it reads each into. */
    static final Map<String, Class<?>> READ = Map.ofEntries(
            Map.entry(ReceivablesEvents.INVOICE_ISSUED, InvoiceIssued.class),
            Map.entry(ReceivablesEvents.INVOICE_CREDITED, InvoiceCredited.class),
            Map.entry(ReceivablesEvents.INVOICE_DISPUTED, InvoiceDisputed.class),
            Map.entry(ReceivablesEvents.DISPUTE_RESOLVED, DisputeResolved.class),
            Map.entry(ReceivablesEvents.INVOICE_WRITTEN_OFF, InvoiceWrittenOff.class),
            Map.entry(ReceivablesEvents.PAYMENT_RECEIVED, PaymentReceived.class),
            Map.entry(BuyerEvents.BUYER_REGISTERED, BuyerMasterData.class),
            Map.entry(BuyerEvents.BUYER_UPDATED, BuyerMasterData.class),
            Map.entry(BuyerEvents.FINANCIAL_STATEMENT_REPORTED, BuyerEvents.FinancialStatementReported.class),
            Map.entry(ScoreEvents.SCORE_CHANGED, ScoreChanged.class),
            Map.entry(CollectionsEvents.DUNNING_STEP_EXECUTED, DunningStepExecuted.class),
            Map.entry(CollectionsEvents.SUPPLY_STOP_RECOMMENDED, SupplyStopRecommended.class));

    /** Types on the consumed topics that this service deliberately skips (scoring's input). */
    static final Set<String> SKIPPED = Set.of(BuyerEvents.RISK_SIGNAL_REPORTED, CollectionsEvents.PROMISE_BROKEN);

    static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(ID_PREFIX,
                    EVENTS.resolve("schemas").toAbsolutePath().normalize().toUri().toString())));
    static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    @Inject
    EventData eventData;
    @Inject
    ObjectMapper mapper;

    static Stream<String> readTypes() {
        return READ.keySet().stream().sorted();
    }

    static Stream<Path> invalidSamples() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS.resolve("samples/invalid"))) {
            // only the invalid samples of types this service reads concern it
            return files.filter(f -> READ.containsKey(typeOfInvalid(f))).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("readTypes")
    void theSampleIsValidAgainstItsSchemaAndReadByTheServicesRecord(String type) {
        String sample = read(EVENTS.resolve("samples/" + type + ".json"));

        Set<ValidationMessage> errors = schema(type).validate(tree(sample));
        assertEquals(Set.of(), errors, "sample of " + type + " against its schema");

        CloudEvent event = CloudEvent.parse(sample, mapper);
        assertEquals(type, event.type());
        Object data = eventData.read(event, READ.get(type));
        assertEquals(READ.get(type), data.getClass());
    }

    @ParameterizedTest
    @MethodSource("invalidSamples")
    void anInvalidSampleIsRejectedByTheSchemaAndByTheService(Path sample) {
        String type = typeOfInvalid(sample);
        String json = read(sample);

        assertFalse(schema(type).validate(tree(json)).isEmpty(), sample + " must not validate");
        assertThrows(MalformedEventException.class, () -> eventData.read(CloudEvent.parse(json, mapper), READ.get(type)),
                sample + " must be dead-lettered by limits-service");
    }

    @Test
    void theInvalidSamplesOfTheReadTypesAreThere() throws IOException {
        assertTrue(invalidSamples().count() >= 3, "invalid samples in " + EVENTS.resolve("samples/invalid"));
    }

    @Test
    void everyTypeOnTheConsumedTopicsIsReadOrDeliberatelySkipped() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS.resolve("samples"))) {
            List<String> types = files.filter(Files::isRegularFile)
                    .map(f -> f.getFileName().toString().replaceFirst("\\.json$", ""))
                    .filter(t -> t.startsWith("credit.invoice.") || t.startsWith("credit.payment.") || t.startsWith("credit.buyer.") || t.startsWith("credit.score.")
                            || t.startsWith("credit.dunning.") || t.startsWith("credit.promise.") || t.startsWith("credit.supply."))
                    .toList();
            assertFalse(types.isEmpty());
            for (String type : types) {
                assertTrue(READ.containsKey(type) || SKIPPED.contains(type), type + " is neither read nor skipped by limits-service");
            }
        }
    }

    @Test
    void theRecordsKeepTheSamplesValues() {
        InvoiceIssued issued = readSample(ReceivablesEvents.INVOICE_ISSUED, InvoiceIssued.class);
        assertEquals(0, new BigDecimal("18450.00").compareTo(issued.amount()));
        assertEquals(LocalDate.of(2025, 4, 2), issued.dueDate());
        assertEquals("EUR", issued.currency());

        PaymentReceived payment = readSample(ReceivablesEvents.PAYMENT_RECEIVED, PaymentReceived.class);
        assertEquals(2, payment.allocations().size());
        assertEquals("INV-2025-004711", payment.allocations().get(0).invoiceNumber());
        assertEquals(0, new BigDecimal("17200.00").compareTo(payment.allocations().get(0).amount()));

        ScoreChanged score = readSample(ScoreEvents.SCORE_CHANGED, ScoreChanged.class);
        assertEquals(5, score.grade());
        assertEquals(4, score.previousGrade());

        BuyerEvents.FinancialStatementReported statement = readSample(BuyerEvents.FINANCIAL_STATEMENT_REPORTED,
                BuyerEvents.FinancialStatementReported.class);
        assertEquals(LocalDate.of(2024, 12, 31), statement.periodEnd());
        assertEquals(0, new BigDecimal("61800000.00").compareTo(statement.revenue()));
        assertEquals(0, new BigDecimal("12150000.00").compareTo(statement.bookEquity()));

        BuyerMasterData registered = readSample(BuyerEvents.BUYER_REGISTERED, BuyerMasterData.class);
        assertEquals("B-100001", registered.parentId());
        assertEquals("Nordwind Maschinenbau GmbH", registered.name());
    }

    /** The types this service produces (credit.limits.v1). */
    static final Set<String> PRODUCED = Set.of(CreditEvents.LIMIT_CHANGED, CreditEvents.ORDER_DECIDED);

    @Test
    void everyEventThisServiceProducesIsValidAgainstItsSchema() {
        String buyer = CreditFixtures.knownBuyer(TestEvents.unique("B"));
        String other = CreditFixtures.knownBuyer(TestEvents.unique("B"));
        CreditFixtures.limit(buyer, "10000.00", "EUR");                      // credit.limit.changed without previous limit
        CreditFixtures.limit(buyer, "12000.00", "EUR");                      // ... with previous limit
        io.creditcontrol.limits.Auth.given().auth().oauth2(io.creditcontrol.limits.Auth.token("treasury")).contentType(io.restassured.http.ContentType.JSON)
                .body("{\"rate\":0.9}").put("/api/v1/fx-rates/GBP/EUR").then().statusCode(200);
        CreditFixtures.check(buyer, "SO-1", "4000.00", "EUR").statusCode(200);  // APPROVED
        CreditFixtures.check(buyer, "SO-2", "9000.00", "EUR").statusCode(200);  // REFERRED, LIMIT_EXCEEDED
        CreditFixtures.check(buyer, "SO-3", "1000.00", "GBP").statusCode(200);  // APPROVED, converted
        CreditFixtures.check(buyer, "SO-4", "1000", "JPY").statusCode(200);     // REFERRED, FX_RATE_MISSING
        CreditFixtures.check(other, "SO-5", "1.00", "EUR").statusCode(200);     // REFERRED, NO_LIMIT

        // in the order they were written (outbox position), as the relay publishes them
        List<Object[]> produced = QuarkusTransaction.requiringNew().call(() -> io.quarkus.arc.Arc.container()
                .instance(jakarta.persistence.EntityManager.class).get()
                .createNativeQuery("SELECT event_type, topic, payload FROM outbox_event WHERE record_key IN (?1, ?2) ORDER BY position", Object[].class)
                .setParameter(1, buyer).setParameter(2, other).getResultList());
        assertEquals(List.of(CreditEvents.LIMIT_CHANGED, CreditEvents.LIMIT_CHANGED, CreditEvents.ORDER_DECIDED,
                CreditEvents.ORDER_DECIDED, CreditEvents.ORDER_DECIDED, CreditEvents.ORDER_DECIDED, CreditEvents.ORDER_DECIDED),
                produced.stream().map(e -> (String) e[0]).toList());
        for (Object[] event : produced) {
            String type = (String) event[0];
            String payload = (String) event[2];
            assertTrue(PRODUCED.contains(type));
            assertEquals(CreditEvents.TOPIC, event[1]);
            assertEquals(Set.of(), schema(type).validate(tree(payload)), payload);
        }
        com.fasterxml.jackson.databind.JsonNode referred = tree((String) produced.get(3)[2]).get("data");
        assertEquals("REFERRED", referred.get("decision").asText());
        assertEquals("LIMIT_EXCEEDED", referred.get("reasonCodes").get(0).asText());
        assertEquals("4000.00", referred.get("exposure").asText());
        assertEquals("12000.00", referred.get("limit").asText());
        assertEquals("8000.00", referred.get("headroom").asText());
        com.fasterxml.jackson.databind.JsonNode converted = tree((String) produced.get(4)[2]).get("data");
        assertEquals("GBP", converted.get("currency").asText());
        assertEquals("13333.33", converted.get("limit").asText(), "the limit in the order's currency at the rate used");
        assertEquals("0.9", converted.get("fxRate").asText());
    }

    @Test
    void limitChangesAndDecisionsNameTheBoundTheLimitRestsOn() {
        String buyer = CreditFixtures.knownBuyer(TestEvents.unique("B"));
        TestEvents.scoreChanged(buyer, 5, null, java.time.Instant.parse("2026-11-14T08:00:00Z")).publish().awaitApplied();      // NO_FINANCIALS
        TestEvents.financialStatement(buyer, LocalDate.of(2025, 12, 31), "EUR", "5000000.00", "2000000.00").publish().awaitApplied(); // REVENUE_SHARE
        TestEvents.financialStatement(buyer, LocalDate.of(2026, 6, 30), "EUR", "5000000.00", "-1.00").publish().awaitApplied();      // EQUITY_SHARE, 0
        CreditFixtures.check(buyer, "SO-1", "10.00", "EUR").statusCode(200);
        CreditFixtures.limit(buyer, "1000.00", "EUR");                                                                            // MANUAL

        List<Object[]> produced = QuarkusTransaction.requiringNew().call(() -> io.quarkus.arc.Arc.container()
                .instance(jakarta.persistence.EntityManager.class).get()
                .createNativeQuery("SELECT event_type, topic, payload FROM outbox_event WHERE record_key = ?1 ORDER BY position", Object[].class)
                .setParameter(1, buyer).getResultList());
        List<String> bases = new java.util.ArrayList<>();
        for (Object[] event : produced) {
            String payload = (String) event[2];
            assertEquals(Set.of(), schema((String) event[0]).validate(tree(payload)), payload);
            bases.add(event[0] + ":" + tree(payload).get("data").get("limitBasis").asText());
        }
        assertEquals(List.of("credit.limit.changed:NO_FINANCIALS", "credit.limit.changed:REVENUE_SHARE", "credit.limit.changed:EQUITY_SHARE",
                "credit.order.decided:EQUITY_SHARE", "credit.limit.changed:MANUAL"), bases);
    }

    @Test
    void decisionsAndLimitChangesReachTheLimitsTopic() {
        String buyer = CreditFixtures.knownBuyer(TestEvents.unique("B"));
        CreditFixtures.limit(buyer, "10000.00", "EUR");
        CreditFixtures.check(buyer, "SO-1", "4000.00", "EUR").statusCode(200);
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, String> reader = TestTopics.reader(CreditEvents.TOPIC)) {
            List<String> types = new java.util.ArrayList<>();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
                for (var record : TestTopics.poll(reader)) {
                    if (buyer.equals(record.key())) {
                        types.add(tree(record.value()).get("type").asText());
                    }
                }
                return types.size() >= 2;
            });
            assertEquals(List.of(CreditEvents.LIMIT_CHANGED, CreditEvents.ORDER_DECIDED), types);
        }
    }

    private <T> T readSample(String type, Class<T> record) {
        return eventData.read(CloudEvent.parse(read(EVENTS.resolve("samples/" + type + ".json")), mapper), record);
    }

    private static JsonSchema schema(String type) {
        return SCHEMAS.getSchema(SchemaLocation.of(ID_PREFIX + type + ".schema.json"), CONFIG);
    }

    /** samples/invalid/credit.invoice.issued.amount-as-number.json is a credit.invoice.issued. */
    private static String typeOfInvalid(Path sample) {
        String name = sample.getFileName().toString().replaceFirst("\\.json$", "");
        return name.substring(0, name.lastIndexOf('.'));
    }

    private com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
