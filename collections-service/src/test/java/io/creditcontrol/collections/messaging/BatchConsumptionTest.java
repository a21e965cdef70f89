package io.creditcontrol.collections.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * The ledger's channels apply a poll's records in one transaction. These tests hand the consumer
 * one poll of their own making, so what is in the batch is certain (through the broker a poll's
 * boundaries are Kafka's to choose): the records a batch cannot apply are dead-lettered alone,
 * with their reasons, and the rest of the batch is applied exactly once, in order.
 */
@QuarkusTest
@TestSecurity(user = "collector.li", roles = { "erp", "analyst", "approver", "collector", "admin", "viewer" })
class BatchConsumptionTest {

    @Inject
    ReceivablesConsumer consumer;
    @Inject
    EntityManager em;

    static String event(String id, String type, String buyer, String data) {
        return """
                {"specversion":"1.0","id":"%s","source":"/erp/batch-test/%s","type":"%s","subject":"%s",
                 "time":"%s","datacontenttype":"application/json","data":%s}""".formatted(id, buyer, type, buyer, Instant.now(), data);
    }

    static String issued(String id, String buyer, String invoice, String amount) {
        return event(id, "credit.invoice.issued", buyer, """
                {"buyerId":"%s","invoiceNumber":"%s","issueDate":"2026-09-01","dueDate":"2026-10-01","amount":"%s","currency":"EUR"}"""
                .formatted(buyer, invoice, amount));
    }

    static String credited(String id, String buyer, String creditNote, String invoice, String amount) {
        return event(id, "credit.invoice.credited", buyer, """
                {"buyerId":"%s","creditNoteNumber":"%s","invoiceNumber":"%s","issueDate":"2026-09-10","amount":"%s","currency":"EUR"}"""
                .formatted(buyer, creditNote, invoice, amount));
    }

    static String payment(String id, String buyer, String reference, String amount, String allocatedTo) {
        String allocations = allocatedTo == null ? "[]" : "[{\"invoiceNumber\":\"%s\",\"amount\":\"%s\"}]".formatted(allocatedTo, amount);
        return event(id, "credit.payment.received", buyer, """
                {"buyerId":"%s","paymentReference":"%s","receivedOn":"2026-10-05","amount":"%s","currency":"EUR","allocations":%s}"""
                .formatted(buyer, reference, amount, allocations));
    }

    /** One poll: the values in order, on one partition of the topic, keyed by the buyer. */
    static ConsumerRecords<String, String> poll(String topic, String buyer, String... values) {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long offset = 1_000_000 + (System.nanoTime() & 0xffffff);
        for (String value : values) {
            records.add(new ConsumerRecord<>(topic, 0, offset++, buyer, value));
        }
        return new ConsumerRecords<>(Map.of(partition, records), Map.of());
    }

    @Test
    void aBatchWithMalformedRefusedAndRepeatedEventsAppliesTheRestOnceAndDeadLettersEachBadRecordAlone() {
        String buyer = "B-BATCH-" + UUID.randomUUID().toString().substring(0, 6);
        String first = "INV-" + buyer + "-A";
        String second = "INV-" + buyer + "-B";
        String issuedFirst = issued(UUID.randomUUID().toString(), buyer, first, "100.00");
        String creditNote = credited(UUID.randomUUID().toString(), buyer, "CN-" + buyer, first, "10.00");
        String otherContent = issued(UUID.randomUUID().toString(), buyer, first, "999.00");
        String unknownInvoice = credited(UUID.randomUUID().toString(), buyer, "CN-X-" + buyer, "INV-" + buyer + "-NONE", "5.00");

        try (KafkaConsumer<String, String> deadLetters = TestTopics.reader(DeadLetters.TOPIC)) {
            consumer.onInvoiceEvents(poll("credit.invoices.v1", buyer,
                    issuedFirst,
                    "{ this is not json",
                    creditNote,
                    otherContent,      // refused by the ledger after the two events before it were applied in the transaction
                    creditNote,        // the same event again (a producer's retry): applied once
                    issued(UUID.randomUUID().toString(), buyer, second, "50.00"),
                    unknownInvoice));  // refused as well: the batch goes a third time

            given().get("/api/v1/invoices/" + first).then().statusCode(200)
                    .body("amount", equalTo(100.0f), "credited", equalTo(10.0f), "open", equalTo(90.0f));
            given().get("/api/v1/invoices/" + second).then().statusCode(200).body("open", equalTo(50.0f));
            assertEquals(3L, applied(buyer), "the two invoices and the credit note, once each");

            List<ConsumerRecord<String, String>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                TestTopics.poll(deadLetters).stream().filter(r -> buyer.equals(r.key())).forEach(dead::add);
                return dead.size() >= 3;
            });
            // a moment more: nothing else of this batch may follow
            TestTopics.poll(deadLetters).stream().filter(r -> buyer.equals(r.key())).forEach(dead::add);
            assertEquals(3, dead.size(), "each bad record once, nothing else");
            assertEquals("{ this is not json", dead.get(0).value());
            assertTrue(reason(dead.get(0)).contains("not JSON"), reason(dead.get(0)));
            assertEquals(otherContent, dead.get(1).value());
            assertTrue(reason(dead.get(1)).contains("other content"), reason(dead.get(1)));
            assertEquals(unknownInvoice, dead.get(2).value());
            assertTrue(reason(dead.get(2)).contains("is not in the ledger"), reason(dead.get(2)));
            assertEquals("credit.invoices.v1", header(dead.get(1), "dead-letter-topic"));
        }

        // payments in one batch: allocated, the same event again, then unallocated cash (oldest first)
        String allocated = payment(UUID.randomUUID().toString(), buyer, "P-" + buyer, "30.00", first);
        consumer.onPaymentEvents(poll("credit.payments.v1", buyer,
                allocated,
                allocated,
                payment(UUID.randomUUID().toString(), buyer, "F-" + buyer, "70.00", null)));

        // 30 to the first invoice; 70 unallocated: 60 to what is left of the first (due first, numbered first), 10 to the second
        given().get("/api/v1/invoices/" + first).then().body("paid", equalTo(90.0f), "open", equalTo(0.0f));
        given().get("/api/v1/invoices/" + second).then().body("paid", equalTo(10.0f), "open", equalTo(40.0f));
        given().get("/api/v1/buyers/" + buyer + "/ledger").then().statusCode(200)
                .body("balances[0].invoiced", equalTo(150.0f), "balances[0].paid", equalTo(100.0f),
                        "balances[0].credited", equalTo(10.0f), "balances[0].open", equalTo(40.0f),
                        "balances[0].unappliedCash", equalTo(0.0f));

        // the whole poll delivered again (a restart before the offsets were committed): nothing changes
        consumer.onPaymentEvents(poll("credit.payments.v1", buyer, allocated));
        given().get("/api/v1/buyers/" + buyer + "/ledger").then()
                .body("balances[0].paid", equalTo(100.0f), "balances[0].open", equalTo(40.0f));
        assertEquals(5L, applied(buyer));
    }

    /** Events of this buyer recorded as applied (each test buyer's events have a source of their own). */
    private long applied(String buyer) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM processed_event WHERE event_source = :source")
                .setParameter("source", "/erp/batch-test/" + buyer).getSingleResult()).longValue());
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return header(record, "dead-letter-reason");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "(no " + name + " header)" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
