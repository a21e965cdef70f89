package io.creditcontrol.scoring.messaging;

import static io.creditcontrol.scoring.messaging.TestEvents.invoiceCredited;
import static io.creditcontrol.scoring.messaging.TestEvents.invoiceIssued;
import static io.creditcontrol.scoring.messaging.TestEvents.paymentReceived;
import static io.creditcontrol.scoring.messaging.TestEvents.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

@QuarkusTest
// not about security (SecurityTest is): an analyst, who may read everything and submit buyer facts
@TestSecurity(user = "test-analyst", roles = "analyst")
class DeadLetterTest {

    static final String DLQ = "credit.dlq.scoring.v1";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void recordsThatCanNeverBeAppliedGoToTheDeadLetterTopicWithTheirReasonAndTheNextRecordIsProcessed() {
        String buyer = unique("B");
        TestTopics.publish("credit.invoices.v1", buyer,
                "this is not JSON " + buyer,
                invoiceCredited(buyer, "CN-1", "INV-NEVER-ISSUED", "2026-11-01", "50.00", "EUR"),
                // a type added to the topic later: skipped, not dead-lettered
                TestEvents.event("credit.invoice.reminder-sent", buyer, JsonNodeFactory.instance.objectNode().put("buyerId", buyer)),
                invoiceIssued(buyer, "INV-1", "2026-10-01", "2026-10-31", "1000.00", "EUR"));
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/buyers/" + buyer + "/payment-experience")
                .then().statusCode(200).body("invoices[0].invoiceNumber", equalTo("INV-1")));

        // the invoice is known now: a payment for it in another currency is inconsistent
        TestTopics.publish("credit.payments.v1", buyer,
                paymentReceived(buyer, "PAY-USD", "2026-11-02", "100.00", "USD", "INV-1", "100.00"),
                paymentReceived(buyer, "PAY-EUR", "2026-11-03", "100.00", "EUR", "INV-1", "100.00"));
        // a record keyed by another buyer than the one it is about
        TestTopics.publish("credit.buyers.v1", "SOMEONE-ELSE",
                TestEvents.buyerRegistered(buyer, "Misrouted GmbH", "DE", "SME"));

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/buyers/" + buyer + "/payment-experience")
                .then().statusCode(200).body("invoices[0].open", equalTo(900.0f), "invoices[0].payments.size()", equalTo(1)));

        Map<String, ConsumerRecord<String, String>> deadLetters = deadLettersAbout(buyer, 4);
        assertEquals(4, deadLetters.size(), "the four bad records and nothing else: " + deadLetters.keySet());
        ConsumerRecord<String, String> notJson = only(deadLetters, "not JSON");
        assertEquals("credit.invoices.v1", header(notJson, "dead-letter-topic"));
        assertEquals(buyer, notJson.key(), "the original key is kept");
        assertEquals("this is not JSON " + buyer, notJson.value(), "the original value is kept byte for byte");
        assertEquals("credit.invoices.v1", header(only(deadLetters, "INV-NEVER-ISSUED, which is not known for buyer " + buyer), "dead-letter-topic"));
        assertEquals("credit.payments.v1", header(only(deadLetters, "payment PAY-USD is in USD, invoice INV-1 in EUR"), "dead-letter-topic"));
        assertEquals("credit.buyers.v1", header(only(deadLetters, "record key 'SOMEONE-ELSE' is not the subject"), "dead-letter-topic"));

        // nothing of the rejected records was applied
        given().get("/api/v1/buyers/" + buyer).then().statusCode(200).body("profile", equalTo(null));
        given().get("/api/v1/buyers/" + buyer + "/payment-experience").then()
                .body("invoices[0].credited", equalTo(0.0f), "invoices[0].paid", equalTo(100.0f));
    }

    /** The dead-lettered records that mention the buyer, by their dead-letter-reason. */
    static Map<String, ConsumerRecord<String, String>> deadLettersAbout(String buyer, int expected) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = TestTopics.reader(DLQ)) {
            await().atMost(PATIENCE).until(() -> {
                TestTopics.poll(reader).stream().filter(r -> r.value().contains(buyer)).forEach(found::add);
                return found.size() >= expected;
            });
        }
        return found.stream().collect(Collectors.toMap(r -> header(r, "dead-letter-reason"), r -> r));
    }

    static ConsumerRecord<String, String> only(Map<String, ConsumerRecord<String, String>> byReason, String reasonPart) {
        List<ConsumerRecord<String, String>> matching = byReason.entrySet().stream()
                .filter(e -> e.getKey().contains(reasonPart)).map(Map.Entry::getValue).toList();
        assertTrue(matching.size() == 1, "one dead letter with reason '" + reasonPart + "' among " + byReason.keySet());
        return matching.get(0);
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
