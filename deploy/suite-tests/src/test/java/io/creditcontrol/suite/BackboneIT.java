package io.creditcontrol.suite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.creditcontrol.suite.RunningSuite.Service;

/**
 * The event backbone end to end, with every part real: documents posted to the intake API reach
 * all four services through Kafka; a re-sent document changes nothing; a poison record is
 * dead-lettered by every consumer without stopping its partition; a service killed while events
 * arrive catches up when it starts again. Every call carries a bearer token from the run's own
 * issuer, and every service refuses calls without a valid one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackboneIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(60);
    private final ObjectMapper json = new ObjectMapper();
    private RunningSuite suite;

    @BeforeAll
    void startSuite() throws Exception {
        suite = new RunningSuite();
        suite.startAll();
    }

    @AfterAll
    void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void everyServiceAnswersOnlyValidTokensAndLeavesHealthOpen() {
        Instant now = Instant.now();
        var tokens = suite.tokens();
        String valid = tokens.mint("suite-auth-check", List.of("viewer"), now, now.plusSeconds(600),
                RunningSuite.ISSUER, "credit-control-suite");
        String expired = tokens.mint("suite-auth-check", List.of("viewer"), now.minusSeconds(7200), now.minusSeconds(3600),
                RunningSuite.ISSUER, "credit-control-suite");
        String foreignIssuer = tokens.mint("suite-auth-check", List.of("viewer"), now, now.plusSeconds(600),
                "https://somebody-else.example", "credit-control-suite");
        String otherAudience = tokens.mint("suite-auth-check", List.of("viewer"), now, now.plusSeconds(600),
                RunningSuite.ISSUER, "another-application");
        String badSignature = valid.substring(0, valid.lastIndexOf('.') + 1) + "c2lnbmVkIGJ5IG5vYm9keQ";
        Map<Service, String> readPath = Map.of(
                Service.SCORING, "/api/v1/buyers/B-AUTH/payment-experience",
                Service.LIMITS, "/api/v1/buyers/B-AUTH/exposure",
                Service.COLLECTIONS, "/api/v1/buyers/B-AUTH/ledger",
                Service.ALERTS, "/api/v1/buyers/B-AUTH/receivables");
        for (Service service : Service.values()) {
            String path = readPath.get(service);
            assertEquals(200, suite.getWithToken(service, "/q/health/ready", null).statusCode(), service + " health");
            assertEquals(401, suite.getWithToken(service, path, null).statusCode(), service + " without a token");
            assertEquals(401, suite.getWithToken(service, path, expired).statusCode(), service + " expired token");
            assertEquals(401, suite.getWithToken(service, path, foreignIssuer).statusCode(), service + " foreign issuer");
            assertEquals(401, suite.getWithToken(service, path, otherAudience).statusCode(), service + " other audience");
            assertEquals(401, suite.getWithToken(service, path, badSignature).statusCode(), service + " bad signature");
            int answer = suite.getWithToken(service, path, valid).statusCode();
            assertTrue(answer == 200 || answer == 404, service + " valid token answered " + answer);
        }
    }

    @Test
    void anInvoiceAndAPartialPaymentReachEveryService() {
        String buyer = newId("B");
        String invoice = newId("INV");
        assertEquals(201, postInvoice(buyer, invoice, "1000.00").statusCode());
        assertEquals(201, postPayment(buyer, newId("PAY"), invoice, "400.00").statusCode());

        awaitOpenEverywhere(buyer, "600.00");
    }

    @Test
    void aDuplicatePostChangesNothingAnywhere() {
        String buyer = newId("B");
        String invoice = newId("INV");
        String payment = newId("PAY");
        assertEquals(201, postInvoice(buyer, invoice, "1000.00").statusCode());
        assertEquals(201, postPayment(buyer, payment, invoice, "400.00").statusCode());
        awaitOpenEverywhere(buyer, "600.00");

        var again = postInvoice(buyer, invoice, "1000.00");
        assertEquals(200, again.statusCode());
        assertEquals("DUPLICATE", read(again.body()).path("status").asText());
        assertEquals(200, postPayment(buyer, payment, invoice, "400.00").statusCode());

        // a later document of the same buyer: once every service shows it, the repeats were handled
        String fence = newId("INV");
        assertEquals(201, postInvoice(buyer, fence, "1.00").statusCode());
        awaitOpenEverywhere(buyer, "601.00");
        for (Service service : Service.values()) {
            assertAmount("601.00", openOf(service, buyer), service + " after the duplicate posts");
        }
    }

    @Test
    void aMalformedRecordIsDeadLetteredByEveryConsumerAndTheNextRecordIsProcessed() throws Exception {
        String buyer = newId("B");
        String invoice = newId("INV");
        Map<Service, KafkaConsumer<String, String>> deadLetterReaders = new HashMap<>();
        for (Service service : Service.values()) {
            deadLetterReaders.put(service, reader("credit.dlq." + service.name().toLowerCase() + ".v1"));
        }
        try (KafkaProducer<String, String> producer = producer()) {
            // an ERP writing to Kafka directly: first a broken record, then a good one, same key
            producer.send(new ProducerRecord<>("credit.invoices.v1", buyer, "{\"specversion\":\"1.0\",\"id\":\"broken\"")).get();
            producer.send(new ProducerRecord<>("credit.invoices.v1", buyer, issuedEvent(buyer, invoice, "250.00"))).get();
        }
        awaitOpenEverywhere(buyer, "250.00");

        for (Service service : Service.values()) {
            try (KafkaConsumer<String, String> deadLetters = deadLetterReaders.get(service)) {
                ConsumerRecord<String, String>[] found = new ConsumerRecord[1];
                await().atMost(PROPAGATION).until(() -> {
                    for (ConsumerRecord<String, String> record : deadLetters.poll(Duration.ofMillis(500))) {
                        if (buyer.equals(record.key())) {
                            found[0] = record;
                        }
                    }
                    return found[0] != null;
                });
                Header reason = found[0].headers().lastHeader("dead-letter-reason");
                assertTrue(reason != null && new String(reason.value(), StandardCharsets.UTF_8).contains("not JSON"),
                        service + " dead-lettered without the reason");
            }
        }
    }

    @Test
    void aKilledServiceCatchesUpWhenItStartsAgain() {
        String buyer = newId("B");
        String first = newId("INV");
        assertEquals(201, postInvoice(buyer, first, "300.00").statusCode());
        awaitOpenEverywhere(buyer, "300.00");

        suite.kill(Service.LIMITS);
        String second = newId("INV");
        assertEquals(201, postInvoice(buyer, second, "700.00").statusCode());
        assertEquals(201, postPayment(buyer, newId("PAY"), first, "300.00").statusCode());
        awaitOpen(Service.COLLECTIONS, buyer, "700.00");

        suite.start(Service.LIMITS);
        awaitOpenEverywhere(buyer, "700.00");
    }

    // --- what each service's view says a buyer owes ------------------------------------------------

    /**
     * The buyer's open receivables in EUR as the service's own view has them: the ledger
     * (collections), the exposure (limits), the payment experience (scoring), the receivables
     * (alerts). Null while the service knows nothing of the buyer.
     */
    private BigDecimal openOf(Service service, String buyer) {
        var response = switch (service) {
            case COLLECTIONS -> suite.get(service, "/api/v1/buyers/" + buyer + "/ledger");
            case LIMITS -> suite.get(service, "/api/v1/buyers/" + buyer + "/exposure");
            case SCORING -> suite.get(service, "/api/v1/buyers/" + buyer + "/payment-experience");
            case ALERTS -> suite.get(service, "/api/v1/buyers/" + buyer + "/receivables");
        };
        if (response.statusCode() == 404) {
            return null;
        }
        assertEquals(200, response.statusCode(), service + ": " + response.body());
        JsonNode body = read(response.body());
        JsonNode perCurrency = switch (service) {
            case COLLECTIONS, ALERTS -> body.path("balances");
            case LIMITS -> body.path("exposures");
            case SCORING -> body.path("currencies");
        };
        String field = service == Service.LIMITS ? "openAmount" : "open";
        for (JsonNode entry : perCurrency) {
            if ("EUR".equals(entry.path("currency").asText())) {
                return entry.path(field).decimalValue();
            }
        }
        return BigDecimal.ZERO; // known buyer, nothing open in EUR
    }

    private void awaitOpenEverywhere(String buyer, String expected) {
        for (Service service : Service.values()) {
            awaitOpen(service, buyer, expected);
        }
    }

    private void awaitOpen(Service service, String buyer, String expected) {
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(300)).untilAsserted(
                () -> assertAmount(expected, openOf(service, buyer), service + " open receivables of " + buyer));
    }

    private static void assertAmount(String expected, BigDecimal actual, String what) {
        assertTrue(actual != null && new BigDecimal(expected).compareTo(actual) == 0, what + ": expected " + expected + " but was " + actual);
    }

    // --- the ERP side ---------------------------------------------------------------------------------

    private java.net.http.HttpResponse<String> postInvoice(String buyer, String invoice, String amount) {
        return suite.postJson(Service.COLLECTIONS, "/api/v1/invoices", """
                {"buyerId":"%s","invoiceNumber":"%s","issueDate":"2026-10-01","dueDate":"2026-10-31","amount":"%s","currency":"EUR"}"""
                .formatted(buyer, invoice, amount));
    }

    private java.net.http.HttpResponse<String> postPayment(String buyer, String reference, String invoice, String amount) {
        return suite.postJson(Service.COLLECTIONS, "/api/v1/payments", """
                {"buyerId":"%s","paymentReference":"%s","receivedOn":"2026-11-02","amount":"%s","currency":"EUR",
                 "allocations":[{"invoiceNumber":"%s","amount":"%s"}]}""".formatted(buyer, reference, amount, invoice, amount));
    }

    private static String issuedEvent(String buyer, String invoice, String amount) {
        return """
                {"specversion":"1.0","id":"%s","source":"/erp/direct","type":"credit.invoice.issued","subject":"%s",
                 "time":"%s","datacontenttype":"application/json",
                 "data":{"buyerId":"%s","invoiceNumber":"%s","issueDate":"2026-10-01","dueDate":"2026-10-31","amount":"%s","currency":"EUR"}}"""
                .formatted(UUID.randomUUID(), buyer, Instant.now(), buyer, invoice, amount);
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.broker().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private KafkaConsumer<String, String> reader(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.broker().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "suite-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
