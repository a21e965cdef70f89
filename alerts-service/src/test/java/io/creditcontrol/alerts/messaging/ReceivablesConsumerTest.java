package io.creditcontrol.alerts.messaging;

import static io.creditcontrol.alerts.TestApi.amount;
import static io.creditcontrol.alerts.TestApi.api;
import static io.creditcontrol.alerts.messaging.TestEvents.event;
import static io.creditcontrol.alerts.messaging.TestEvents.invoiceCredited;
import static io.creditcontrol.alerts.messaging.TestEvents.invoiceDisputed;
import static io.creditcontrol.alerts.messaging.TestEvents.invoiceIssued;
import static io.creditcontrol.alerts.messaging.TestEvents.invoiceWrittenOff;
import static io.creditcontrol.alerts.messaging.TestEvents.paymentData;
import static io.creditcontrol.alerts.messaging.TestEvents.paymentReceived;
import static io.creditcontrol.alerts.messaging.TestEvents.publishInvoiceEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.publishPaymentEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.creditcontrol.alerts.messaging.events.ReceivablesEvents;
import io.creditcontrol.alerts.receivables.PaymentAllocation;
import io.creditcontrol.alerts.receivables.Receivable;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** Delivery as it really happens on Kafka: repeats, payments overtaking invoices, bad records. */
@QuarkusTest
@TestSecurity(user = "test-viewer", roles = "viewer")
class ReceivablesConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String DEAD_LETTERS = "credit.dlq.alerts.v1";

    @Test
    void aRedeliveredPaymentIsNotCountedTwice() {
        String buyer = unique("B");
        String invoice = unique("INV");
        publishInvoiceEvent(buyer, invoiceIssued(buyer, invoice, "EUR", "1000.00", "2026-11-01", "2026-12-01"));
        String payment = paymentReceived(buyer, unique("PAY"), "EUR", "300.00", "2026-11-10", invoice, "300.00");
        publishPaymentEvent(buyer, payment);
        publishPaymentEvent(buyer, payment);
        // same buyer, same partition: once this one is applied, the repeat before it has been handled
        publishPaymentEvent(buyer, paymentReceived(buyer, unique("PAY"), "EUR", "100.00", "2026-11-11", invoice, "100.00"));

        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/receivables")
                .then().statusCode(200).body("balances[0].open", amount("600")));
        assertEquals(0, receivable(buyer, invoice).paidAmount.compareTo(new BigDecimal("400")));
    }

    @Test
    void aPaymentResentUnderANewEventIdIsNotCountedTwice() {
        String buyer = unique("B");
        String invoice = unique("INV");
        String reference = unique("PAY");
        publishInvoiceEvent(buyer, invoiceIssued(buyer, invoice, "EUR", "1000.00", "2026-11-01", "2026-12-01"));
        publishPaymentEvent(buyer, paymentReceived(buyer, reference, "EUR", "300.00", "2026-11-10", invoice, "300.00"));
        publishPaymentEvent(buyer, paymentReceived(buyer, reference, "EUR", "300.00", "2026-11-10", invoice, "300.00"));
        publishPaymentEvent(buyer, paymentReceived(buyer, unique("PAY"), "EUR", "100.00", "2026-11-11", invoice, "100.00"));

        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/receivables")
                .then().statusCode(200).body("balances[0].open", amount("600")));
    }

    @Test
    void aRedeliveredWriteOffIsNotCountedTwice() {
        String buyer = unique("B");
        String invoice = unique("INV");
        publishInvoiceEvent(buyer, invoiceIssued(buyer, invoice, "EUR", "1000.00", "2026-11-01", "2026-12-01"));
        // a write-off carries no document number: only its event id tells a redelivery apart
        String writeOff = invoiceWrittenOff(buyer, invoice, "EUR", "200.00", "2026-11-15");
        publishInvoiceEvent(buyer, writeOff);
        publishInvoiceEvent(buyer, writeOff);
        publishInvoiceEvent(buyer, invoiceCredited(buyer, unique("CN"), invoice, "EUR", "50.00", "2026-11-16"));

        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/receivables")
                .then().statusCode(200).body("balances[0].open", amount("750")));
        assertEquals(0, receivable(buyer, invoice).writtenOffAmount.compareTo(new BigDecimal("200")));
    }

    @Test
    void aPaymentWhoseInvoiceArrivesLaterIsStillApplied() {
        String buyer = unique("B");
        String partlyPaid = unique("INV");
        String fullyPaid = unique("INV");
        publishPaymentEvent(buyer, paymentReceived(buyer, unique("PAY"), "EUR", "650.00", "2026-11-02",
                partlyPaid, "400.00", fullyPaid, "250.00"));
        // the payment is in and waits for its invoices before they are published
        await().atMost(PATIENCE).untilAsserted(() -> assertEquals(List.of("PENDING", "PENDING"),
                allocations(buyer).stream().map(a -> a.status).toList()));

        publishInvoiceEvent(buyer, invoiceIssued(buyer, partlyPaid, "EUR", "1000.00", "2026-10-01", "2026-10-31"));
        publishInvoiceEvent(buyer, invoiceIssued(buyer, fullyPaid, "EUR", "250.00", "2026-10-05", "2026-11-04"));

        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/receivables")
                .then().statusCode(200).body("balances[0].open", amount("600"),
                        "balances[0].overdue", amount("600"),
                        "balances[0].oldestOverdueDays", equalTo(24)));
        assertEquals(List.of("APPLIED", "APPLIED"), allocations(buyer).stream().map(a -> a.status).toList());
        assertEquals(LocalDate.of(2026, 11, 2), receivable(buyer, fullyPaid).settledOn);
        assertNull(receivable(buyer, partlyPaid).settledOn);
    }

    /**
     * A payment without remittance advice pays the buyer's oldest open invoices in its currency,
     * each up to its undisputed open amount, as collections-service applies it (docs/events/README.md).
     * Redelivered, or resent under a new event id, it changes nothing. Cash beyond everything open
     * stays unapplied, and an invoice issued later is not paid by it (nor is it in collections).
     */
    @Test
    void unallocatedCashPaysTheOldestOpenInvoicesFirstAndOnce() {
        String buyer = unique("B");
        String oldest = unique("INV-OLD");
        String next = unique("INV-MID");
        String newest = unique("INV-NEW");
        String dollars = unique("INV-USD");
        publishInvoiceEvent(buyer, invoiceIssued(buyer, newest, "EUR", "1000.00", "2026-09-15", "2026-10-15"));
        publishInvoiceEvent(buyer, invoiceIssued(buyer, next, "EUR", "400.00", "2026-08-20", "2026-09-20"));
        publishInvoiceEvent(buyer, invoiceIssued(buyer, oldest, "EUR", "500.00", "2026-08-01", "2026-09-01"));
        publishInvoiceEvent(buyer, invoiceIssued(buyer, dollars, "USD", "600.00", "2026-07-01", "2026-08-01"));
        publishInvoiceEvent(buyer, invoiceDisputed(buyer, unique("DSP"), oldest, "EUR", "200.00", "2026-09-05"));
        await().atMost(PATIENCE).untilAsserted(() -> assertEquals(0, receivable(buyer, oldest).disputedAmount.compareTo(new BigDecimal("200"))));

        String reference = unique("PAY");
        String unallocated = paymentReceived(buyer, reference, "EUR", "900.00", "2026-10-20");
        publishPaymentEvent(buyer, unallocated);
        publishPaymentEvent(buyer, unallocated);
        publishPaymentEvent(buyer, paymentReceived(buyer, reference, "EUR", "900.00", "2026-10-20"));
        // the undisputed 300 of the oldest, all of the next, 200 of the newest; then the rest of the newest and 200 over
        publishPaymentEvent(buyer, paymentReceived(buyer, unique("PAY"), "EUR", "1000.00", "2026-10-25"));
        await().atMost(PATIENCE).untilAsserted(() -> api().queryParam("buyerId", buyer).get("/api/v1/reconciliation")
                .then().statusCode(200).body("payments[0].count", equalTo(2)));
        publishInvoiceEvent(buyer, invoiceIssued(buyer, unique("INV-LATER"), "EUR", "300.00", "2026-10-28", "2026-11-27"));

        await().atMost(PATIENCE).untilAsserted(() -> api().queryParam("buyerId", buyer).get("/api/v1/reconciliation")
                .then().statusCode(200).body(
                        "invoices[0].currency", equalTo("EUR"),
                        "invoices[0].count", equalTo(4),
                        "invoices[0].amount", equalTo("2200.00"),
                        "invoices[0].paid", equalTo("1700.00"),
                        "invoices[0].open", equalTo("500.00"),
                        "invoices[1].currency", equalTo("USD"),
                        "invoices[1].paid", equalTo("0.00"),
                        "payments[0].amount", equalTo("1900.00"),
                        "payments[0].unapplied", equalTo("200.00")));
        assertEquals(0, receivable(buyer, oldest).paidAmount.compareTo(new BigDecimal("300")));
        assertEquals(0, receivable(buyer, next).paidAmount.compareTo(new BigDecimal("400")));
        assertEquals(LocalDate.of(2026, 10, 20), receivable(buyer, next).settledOn);
        assertEquals(LocalDate.of(2026, 10, 25), receivable(buyer, newest).settledOn);
        assertEquals(List.of(oldest, next, newest, newest), allocations(buyer).stream().map(a -> a.invoiceNumber).toList());
        assertEquals(List.of("300.0000", "400.0000", "200.0000", "800.0000"),
                allocations(buyer).stream().map(a -> a.appliedAmount.setScale(4).toPlainString()).toList());
    }

    @Test
    void anAllocationToALateInvoiceInAnotherCurrencyStaysUnapplied() {
        String buyer = unique("B");
        String invoice = unique("INV");
        publishPaymentEvent(buyer, paymentReceived(buyer, unique("PAY"), "USD", "100.00", "2026-11-02", invoice, "100.00"));
        await().atMost(PATIENCE).untilAsserted(() -> assertEquals(1, allocations(buyer).size()));
        publishInvoiceEvent(buyer, invoiceIssued(buyer, invoice, "EUR", "500.00", "2026-11-01", "2026-12-01"));

        await().atMost(PATIENCE).untilAsserted(() -> assertEquals("UNAPPLIED", allocations(buyer).get(0).status));
        api().get("/api/v1/buyers/" + buyer + "/receivables").then().statusCode(200)
                .body("balances[0].currency", equalTo("EUR"), "balances[0].open", amount("500"));
    }

    @Test
    void anUnreadableRecordIsDeadLetteredWithItsReasonAndTheNextRecordIsApplied() {
        String buyer = unique("B");
        String invoice = unique("INV");
        publishInvoiceEvent(buyer, "{\"specversion\": \"1.0\", this is not JSON");
        publishInvoiceEvent(buyer, invoiceIssued(buyer, invoice, "EUR", "700.00", "2026-11-01", "2026-12-01"));

        ConsumerRecord<String, String> dead = TestTopics.awaitRecord(DEAD_LETTERS, buyer);
        assertEquals("{\"specversion\": \"1.0\", this is not JSON", dead.value());
        assertTrue(TestTopics.header(dead, "dead-letter-reason").startsWith("not JSON"), TestTopics.header(dead, "dead-letter-reason"));
        assertEquals(ReceivablesEvents.INVOICES_TOPIC, TestTopics.header(dead, "dead-letter-topic"));
        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/receivables")
                .then().statusCode(200).body("balances[0].open", amount("700")));
    }

    @Test
    void aPaymentInAnotherCurrencyThanItsInvoiceIsDeadLetteredAndChangesNothing() {
        String buyer = unique("B");
        String invoice = unique("INV");
        publishInvoiceEvent(buyer, invoiceIssued(buyer, invoice, "EUR", "700.00", "2026-11-01", "2026-12-01"));
        await().atMost(PATIENCE).untilAsserted(() -> receivable(buyer, invoice));
        String refused = unique("PAY");
        publishPaymentEvent(buyer, paymentReceived(buyer, refused, "USD", "100.00", "2026-11-10", invoice, "100.00"));
        publishPaymentEvent(buyer, paymentReceived(buyer, unique("PAY"), "EUR", "50.00", "2026-11-11", invoice, "50.00"));

        ConsumerRecord<String, String> dead = TestTopics.awaitRecord(DEAD_LETTERS, buyer);
        assertEquals("payment " + refused + " in USD is allocated to invoice " + invoice + ", which is in EUR",
                TestTopics.header(dead, "dead-letter-reason"));
        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/receivables")
                .then().statusCode(200).body("balances[0].open", amount("650")));
        assertEquals(1, allocations(buyer).size(), "nothing of the refused payment was recorded");
    }

    @Test
    void aCreditNoteForAnUnknownInvoiceIsDeadLettered() {
        String buyer = unique("B");
        publishInvoiceEvent(buyer, invoiceCredited(buyer, unique("CN"), "NO-SUCH-INVOICE", "EUR", "50.00", "2026-11-16"));

        ConsumerRecord<String, String> dead = TestTopics.awaitRecord(DEAD_LETTERS, buyer);
        assertEquals("invoice NO-SUCH-INVOICE is not known for buyer " + buyer, TestTopics.header(dead, "dead-letter-reason"));
        api().get("/api/v1/buyers/" + buyer + "/receivables").then().statusCode(404);
    }

    @Test
    void anEventFiledUnderAnotherBuyersKeyIsDeadLettered() {
        String buyer = unique("B");
        String someoneElse = unique("B");
        publishInvoiceEvent(someoneElse, invoiceIssued(buyer, unique("INV"), "EUR", "10.00", "2026-11-01", "2026-12-01"));

        ConsumerRecord<String, String> dead = TestTopics.awaitRecord(DEAD_LETTERS, someoneElse);
        assertTrue(TestTopics.header(dead, "dead-letter-reason").endsWith("record key '" + someoneElse + "' is not the subject '" + buyer + "'"),
                TestTopics.header(dead, "dead-letter-reason"));
    }

    @Test
    void anEventMissingARequiredFieldIsDeadLetteredNamingTheField() {
        String buyer = unique("B");
        String data = paymentData(buyer, unique("PAY"), "EUR", "10.00", "2026-11-10").replace("\"currency\":\"EUR\",", "");
        publishPaymentEvent(buyer, event(ReceivablesEvents.PAYMENT_RECEIVED, buyer, data));

        ConsumerRecord<String, String> dead = TestTopics.awaitRecord(DEAD_LETTERS, buyer);
        assertTrue(TestTopics.header(dead, "dead-letter-reason").endsWith("invalid data: currency must not be null"),
                TestTopics.header(dead, "dead-letter-reason"));
    }

    @Test
    void anEventOfATypeThisServiceDoesNotReadIsSkippedNotDeadLettered() {
        String buyer = unique("B");
        String id = UUID.randomUUID().toString();
        publishInvoiceEvent(buyer, event(id, "credit.invoice.reminded", buyer, "{\"buyerId\":\"" + buyer + "\"}"));

        await().atMost(PATIENCE).untilAsserted(() -> assertEquals(1L,
                QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.count("eventId", id))));
    }

    static Receivable receivable(String buyerId, String invoiceNumber) {
        Receivable item = QuarkusTransaction.requiringNew().call(() -> Receivable.of(buyerId, invoiceNumber));
        if (item == null) {
            throw new AssertionError("invoice " + invoiceNumber + " has not arrived yet");
        }
        return item;
    }

    static List<PaymentAllocation> allocations(String buyerId) {
        return QuarkusTransaction.requiringNew().call(() -> PaymentAllocation.<PaymentAllocation>list("buyerId = ?1 order by id", buyerId));
    }
}
