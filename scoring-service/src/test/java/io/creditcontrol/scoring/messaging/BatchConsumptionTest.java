package io.creditcontrol.scoring.messaging;

import static io.creditcontrol.scoring.messaging.TestEvents.invoiceCredited;
import static io.creditcontrol.scoring.messaging.TestEvents.invoiceIssued;
import static io.creditcontrol.scoring.messaging.TestEvents.paymentReceived;
import static io.creditcontrol.scoring.messaging.TestEvents.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * The consumers take records in batches (one transaction per batch). These tests hand a batch to
 * the consumer directly, so what is in one batch is certain, not left to the broker's timing.
 */
@QuarkusTest
@TestSecurity(user = "test-analyst", roles = "analyst")
class BatchConsumptionTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ReceivablesConsumer consumer;
    @Inject
    EntityManager em;

    long offset = 1_000_000;

    @Test
    void badRecordsInTheMiddleOfABatchAreDeadLetteredAloneAndTheRestIsAppliedOnceWithOneRescore() throws Exception {
        String buyer = unique("BATCH");
        String first = invoiceIssued(buyer, "INV-1", "2026-09-01", "2026-09-30", "100.00", "EUR");
        String second = invoiceIssued(buyer, "INV-2", "2026-09-02", "2026-10-01", "200.00", "EUR");
        String last = invoiceIssued(buyer, "INV-3", "2026-09-03", "2026-10-02", "300.00", "EUR");
        consumer.onInvoiceEvents(batch("credit.invoices.v1", buyer,
                first,
                second,
                "not JSON " + buyer,                                                    // malformed before the batch starts
                invoiceCredited(buyer, "CN-1", "INV-NEVER", "2026-10-01", "10.00", "EUR"), // breaks a rule while applied
                first,                                                                  // redelivered in the same batch
                last));

        // applied once each, in the one committed transaction of the batch
        assertEquals(3L, applied(List.of(first, second, last)), "the three invoices, each recorded once");
        given().get("/api/v1/buyers/" + buyer + "/payment-experience").then().statusCode(200)
                .body("invoices.invoiceNumber", containsInAnyOrder("INV-1", "INV-2", "INV-3"), "currencies[0].invoices", equalTo(3));
        // one re-score request for the buyer, triggered by the batch's last event about it
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/buyers/" + buyer + "/score").then().statusCode(200)
                .body("reviewedBecause", containsString(JSON.readTree(last).get("id").asText())));
        given().get("/api/v1/buyers/" + buyer + "/score/history").then().statusCode(200).body("size()", equalTo(1));

        Map<String, ConsumerRecord<String, String>> deadLetters = DeadLetterTest.deadLettersAbout(buyer, 2);
        assertEquals(2, deadLetters.size(), "the two bad records and nothing else: " + deadLetters.keySet());
        DeadLetterTest.only(deadLetters, "INV-NEVER, which is not known for buyer " + buyer);
        assertEquals(1, deadLetters.values().stream().filter(r -> r.value().equals("not JSON " + buyer)).count(),
                "the record that is not JSON, kept byte for byte");
    }

    @Test
    void aPaymentAndItsInvoiceInBatchesOnTheTwoChannelsAtOnceNeverMissEachOther() throws Exception {
        List<String> buyers = new ArrayList<>();
        List<String> invoices = new ArrayList<>();
        List<String> payments = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String buyer = unique("RACE");
            buyers.add(buyer);
            invoices.add(invoiceIssued(buyer, "INV-1", "2026-09-01", "2026-09-30", "100.00", "EUR"));
            payments.add(paymentReceived(buyer, "PAY-1", "2026-09-20", "100.00", "EUR", "INV-1", "100.00"));
        }
        Thread invoiceThread = new Thread(() -> consumer.onInvoiceEvents(batchOfMany("credit.invoices.v1", buyers, invoices)));
        Thread paymentThread = new Thread(() -> consumer.onPaymentEvents(batchOfMany("credit.payments.v1", buyers, payments)));
        invoiceThread.start();
        paymentThread.start();
        invoiceThread.join();
        paymentThread.join();
        for (String buyer : buyers) {
            given().get("/api/v1/buyers/" + buyer + "/payment-experience").then().statusCode(200)
                    .body("invoices[0].open", equalTo(0.0f), "currencies[0].pendingAllocations", equalTo(0));
        }
    }

    private long applied(List<String> events) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String event : events) {
            ids.add(JSON.readTree(event).get("id").asText());
        }
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM processed_event WHERE event_id IN (:ids)").setParameter("ids", ids).getSingleResult()).longValue());
    }

    private ConsumerRecords<String, String> batch(String topic, String key, String... values) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (String value : values) {
            records.add(new ConsumerRecord<>(topic, 0, offset++, key, value));
        }
        return new ConsumerRecords<>(Map.of(new TopicPartition(topic, 0), records));
    }

    private ConsumerRecords<String, String> batchOfMany(String topic, List<String> keys, List<String> values) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            records.add(new ConsumerRecord<>(topic, 0, 2_000_000L + i, keys.get(i), values.get(i)));
        }
        return new ConsumerRecords<>(Map.of(new TopicPartition(topic, 0), records));
    }
}
