package io.creditcontrol.limits.messaging;

import static io.creditcontrol.limits.Amounts.amount;
import static io.creditcontrol.limits.messaging.TestEvents.invoiceCredited;
import static io.creditcontrol.limits.messaging.TestEvents.invoiceIssued;
import static io.creditcontrol.limits.messaging.TestEvents.paymentReceived;
import static io.creditcontrol.limits.messaging.TestEvents.unique;
import static io.creditcontrol.limits.Auth.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import io.creditcontrol.limits.TestClock;
import io.quarkus.test.junit.QuarkusTest;

/** A record limits can never apply goes to credit.dlq.limits.v1 with its reason; the partition moves on. */
@QuarkusTest
class DeadLetterTest {

    static final String DEAD_LETTERS = "credit.dlq.limits.v1";

    @Test
    void aMalformedPaymentIsDeadLetteredWithItsReasonAndTheNextPaymentIsApplied() {
        String buyer = unique("B");
        String invoice = unique("INV");
        invoiceIssued(buyer, invoice, "1000.00", "EUR", TestClock.TODAY, TestClock.TODAY.plusDays(30)).publish().awaitApplied();
        try (KafkaConsumer<String, String> deadLetters = TestTopics.reader(DEAD_LETTERS)) {
            // same key, so the same partition: the bad records are in front of the good one
            TestTopics.publish("credit.payments.v1", buyer, "{ this is not json");
            paymentReceived(buyer, unique("PAY"), "300.00", "USD", invoice, "300.00").publish();
            paymentReceived(buyer, unique("PAY"), "200.00", "EUR", invoice, "200.00").publish().awaitApplied();

            List<ConsumerRecord<String, String>> dead = deadLettersOf(buyer, deadLetters, 2);
            assertEquals("{ this is not json", dead.get(0).value());
            assertTrue(reason(dead.get(0)).contains("not JSON"), reason(dead.get(0)));
            assertEquals("credit.payments.v1", header(dead.get(0), "dead-letter-topic"));
            assertTrue(reason(dead.get(1)).contains("is allocated to invoice " + invoice + ", which is in EUR"), reason(dead.get(1)));
        }
        given().get("/api/v1/invoices/" + invoice).then().statusCode(200).body("paid", amount("200.00"), "open", amount("800.00"));
    }

    @Test
    void aCreditNoteForAnUnknownInvoiceIsDeadLetteredAndTheNextInvoiceIsApplied() {
        String buyer = unique("B");
        String invoice = unique("INV");
        try (KafkaConsumer<String, String> deadLetters = TestTopics.reader(DEAD_LETTERS)) {
            invoiceCredited(buyer, unique("CN"), "NO-SUCH-INVOICE", "50.00", "EUR").publish();
            invoiceIssued(buyer, invoice, "400.00", "EUR", TestClock.TODAY, TestClock.TODAY.plusDays(30)).publish().awaitApplied();

            List<ConsumerRecord<String, String>> dead = deadLettersOf(buyer, deadLetters, 1);
            assertTrue(reason(dead.get(0)).contains("invoice NO-SUCH-INVOICE is not known for buyer " + buyer), reason(dead.get(0)));
            assertEquals("credit.invoices.v1", header(dead.get(0), "dead-letter-topic"));
        }
        given().get("/api/v1/buyers/" + buyer + "/exposure").then().statusCode(200).body("exposures[0].openAmount", amount("400.00"));
    }

    @Test
    void anAmountWrittenAsAJsonNumberIsDeadLettered() {
        String buyer = unique("B");
        String invoice = unique("INV");
        try (KafkaConsumer<String, String> deadLetters = TestTopics.reader(DEAD_LETTERS)) {
            TestEvents.TestEvent issued = invoiceIssued(buyer, invoice, "400.00", "EUR", TestClock.TODAY, TestClock.TODAY.plusDays(30));
            TestTopics.publish("credit.invoices.v1", buyer, issued.json().replace("\"amount\":\"400.00\"", "\"amount\":400.0"));

            List<ConsumerRecord<String, String>> dead = deadLettersOf(buyer, deadLetters, 1);
            assertTrue(reason(dead.get(0)).contains("amount: amounts are decimal strings"), reason(dead.get(0)));
        }
        given().get("/api/v1/invoices/" + invoice).then().statusCode(404);
    }

    private static List<ConsumerRecord<String, String>> deadLettersOf(String buyer, KafkaConsumer<String, String> reader, int count) {
        List<ConsumerRecord<String, String>> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            TestTopics.poll(reader).stream().filter(r -> buyer.equals(r.key())).forEach(dead::add);
            return dead.size() >= count;
        });
        assertEquals(count, dead.size(), "dead letters of " + buyer);
        return dead;
    }

    private static String reason(ConsumerRecord<String, String> record) {
        String reason = header(record, "dead-letter-reason");
        return reason == null ? "(no dead-letter-reason header)" : reason;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
