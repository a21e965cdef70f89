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
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The ledger as built from the topics: dead letters, redeliveries, and invoices and payments racing. */
@QuarkusTest
@TestSecurity(user = "collector.li", roles = { "erp", "analyst", "approver", "collector", "admin", "viewer" })
class ReceivablesConsumerTest {

    static String issued(String eventId, String buyer, String invoice, String amount) {
        return """
                {"specversion":"1.0","id":"%s","source":"/erp/test","type":"credit.invoice.issued","subject":"%s",
                 "time":"%s","datacontenttype":"application/json",
                 "data":{"buyerId":"%s","invoiceNumber":"%s","issueDate":"2026-09-01","dueDate":"2026-10-01",
                         "amount":"%s","currency":"EUR"}}""".formatted(eventId, buyer, Instant.now(), buyer, invoice, amount);
    }

    @Test
    void aMalformedRecordIsDeadLetteredWithItsReasonAndTheNextRecordIsApplied() {
        String buyer = "B-DLQ-" + UUID.randomUUID().toString().substring(0, 6);
        String goodInvoice = "INV-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<String, String> deadLetters = TestTopics.reader("credit.dlq.collections.v1")) {
            // same key, so the same partition: the bad record is in front of the good one
            TestTopics.publish("credit.invoices.v1", buyer, "{ this is not json");
            TestTopics.publish("credit.invoices.v1", buyer, issued(UUID.randomUUID().toString(), buyer, "INV-X", "-10.00"));
            TestTopics.publish("credit.invoices.v1", buyer, issued(UUID.randomUUID().toString(), buyer, goodInvoice, "250.00"));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/invoices/" + goodInvoice)
                    .then().statusCode(200).body("open", equalTo(250.0f)));

            List<ConsumerRecord<String, String>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                TestTopics.poll(deadLetters).stream().filter(r -> buyer.equals(r.key())).forEach(dead::add);
                return dead.size() >= 2;
            });
            assertEquals("{ this is not json", dead.get(0).value());
            assertTrue(reason(dead.get(0)).contains("not JSON"), reason(dead.get(0)));
            assertTrue(reason(dead.get(1)).contains("amount"), reason(dead.get(1)));
        }
        given().get("/api/v1/invoices/INV-X").then().statusCode(404);
    }

    static String payment(String buyer, String reference, String amount, String allocatedTo) {
        String allocations = allocatedTo == null ? "[]" : "[{\"invoiceNumber\":\"%s\",\"amount\":\"%s\"}]".formatted(allocatedTo, amount);
        return """
                {"specversion":"1.0","id":"%s","source":"/erp/test","type":"credit.payment.received","subject":"%s",
                 "time":"%s","datacontenttype":"application/json",
                 "data":{"buyerId":"%s","paymentReference":"%s","receivedOn":"2026-10-05","amount":"%s","currency":"EUR",
                         "allocations":%s}}""".formatted(UUID.randomUUID(), buyer, Instant.now(), buyer, reference, amount, allocations);
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        String buyer = "B-RE-" + UUID.randomUUID().toString().substring(0, 6);
        String invoice = "INV-" + UUID.randomUUID().toString().substring(0, 8);
        TestTopics.publish("credit.invoices.v1", buyer, issued(UUID.randomUUID().toString(), buyer, invoice, "100.00"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/invoices/" + invoice).then().statusCode(200));

        String payment = payment(buyer, "P-" + invoice, "30.00", invoice);
        TestTopics.publish("credit.payments.v1", buyer, payment);
        TestTopics.publish("credit.payments.v1", buyer, payment); // the producer retried: same event id
        // a later, unallocated payment on the same partition (it pays the oldest open invoice):
        // once it shows, both copies above have been handled
        TestTopics.publish("credit.payments.v1", buyer, payment(buyer, "F-" + invoice, "5.00", null));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/buyers/" + buyer + "/ledger")
                .then().statusCode(200).body("balances[0].paid", equalTo(35.0f)));
        given().get("/api/v1/buyers/" + buyer + "/ledger")
                .then().body("balances[0].open", equalTo(65.0f), "balances[0].unappliedCash", equalTo(0.0f));
    }

    @Test
    void aPaymentThatArrivesBeforeItsInvoiceIsAppliedWhenTheInvoiceArrives() {
        String buyer = "B-EARLY-" + UUID.randomUUID().toString().substring(0, 6);
        String invoice = "INV-" + UUID.randomUUID().toString().substring(0, 8);
        TestTopics.publish("credit.payments.v1", buyer, payment(buyer, "P-" + invoice, "60.00", invoice));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/buyers/" + buyer + "/ledger")
                .then().statusCode(200).body("balances[0].unappliedCash", equalTo(60.0f)));

        TestTopics.publish("credit.invoices.v1", buyer, issued(UUID.randomUUID().toString(), buyer, invoice, "100.00"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/buyers/" + buyer + "/ledger")
                .then().statusCode(200)
                .body("balances[0].paid", equalTo(60.0f), "balances[0].open", equalTo(40.0f), "balances[0].unappliedCash", equalTo(0.0f)));
    }

    @Test
    void anInvoiceNumberReusedForOtherContentIsDeadLetteredAndTheLedgerKeepsTheFirst() {
        String buyer = "B-REUSE-" + UUID.randomUUID().toString().substring(0, 6);
        String invoice = "INV-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<String, String> deadLetters = TestTopics.reader("credit.dlq.collections.v1")) {
            TestTopics.publish("credit.invoices.v1", buyer, issued(UUID.randomUUID().toString(), buyer, invoice, "100.00"));
            TestTopics.publish("credit.invoices.v1", buyer, issued(UUID.randomUUID().toString(), buyer, invoice, "100.0")); // a re-send
            TestTopics.publish("credit.invoices.v1", buyer, issued(UUID.randomUUID().toString(), buyer, invoice, "999.00"));

            List<ConsumerRecord<String, String>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                TestTopics.poll(deadLetters).stream().filter(r -> buyer.equals(r.key())).forEach(dead::add);
                return !dead.isEmpty();
            });
            assertEquals(1, dead.size(), "only the conflicting issue is dead-lettered, not the re-send");
            assertTrue(dead.get(0).value().contains("999.00"));
            assertTrue(reason(dead.get(0)).contains("other content"), reason(dead.get(0)));
        }
        given().get("/api/v1/invoices/" + invoice).then().statusCode(200).body("amount", equalTo(100.0f));
    }

    private static String reason(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("dead-letter-reason");
        return header == null ? "(no dead-letter-reason header)" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
