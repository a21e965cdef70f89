package io.creditcontrol.scoring.api;

import static io.creditcontrol.scoring.api.Api.amount;
import static io.creditcontrol.scoring.api.Api.api;
import static io.creditcontrol.scoring.messaging.TestEvents.invoiceCredited;
import static io.creditcontrol.scoring.messaging.TestEvents.invoiceDisputed;
import static io.creditcontrol.scoring.messaging.TestEvents.invoiceIssued;
import static io.creditcontrol.scoring.messaging.TestEvents.invoiceWrittenOff;
import static io.creditcontrol.scoring.messaging.TestEvents.paymentReceived;
import static io.creditcontrol.scoring.messaging.TestEvents.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.creditcontrol.scoring.config.FixedClock;
import io.creditcontrol.scoring.messaging.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

@QuarkusTest
// not about security (SecurityTest is): an analyst, who may read everything and submit buyer facts
@TestSecurity(user = "test-analyst", roles = "analyst")
class PaymentExperienceTest {

    static final String INVOICES = "credit.invoices.v1";
    static final String PAYMENTS = "credit.payments.v1";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    static String eur(String field) {
        return "currencies.find { it.currency == 'EUR' }." + field;
    }

    static String usd(String field) {
        return "currencies.find { it.currency == 'USD' }." + field;
    }

    static String invoice(String number, String field) {
        return "invoices.find { it.invoiceNumber == '" + number + "' }." + field;
    }

    @Test
    void showsInvoicedPaidOpenLateCountAndAmountWeightedDaysBeyondTermsPerCurrency() {
        String buyer = unique("B");
        TestTopics.publish(INVOICES, buyer,
                // EUR: paid 10 days late / paid early / partly paid and overdue / paid and credited 19 days late
                invoiceIssued(buyer, "INV-A", "2026-10-01", "2026-10-31", "1000.00", "EUR"),
                invoiceIssued(buyer, "INV-B", "2026-09-15", "2026-10-15", "2000.00", "EUR"),
                invoiceIssued(buyer, "INV-C", "2026-10-03", "2026-11-02", "500.00", "EUR"),
                invoiceIssued(buyer, "INV-D", "2026-09-01", "2026-10-01", "800.00", "EUR"),
                invoiceCredited(buyer, "CN-D", "INV-D", "2026-10-20", "200.00", "EUR"),
                invoiceDisputed(buyer, "DSP-C", "INV-C", "2026-11-04", "100.00", "EUR"),
                // USD: paid 30 days late / written off 20 days after its due date
                invoiceIssued(buyer, "INV-E", "2026-08-31", "2026-09-30", "3000.00", "USD"),
                invoiceIssued(buyer, "INV-F", "2026-10-01", "2026-10-31", "1000.00", "USD"),
                invoiceWrittenOff(buyer, "INV-F", "2026-11-20", "1000.00", "USD"));
        TestTopics.publish(PAYMENTS, buyer,
                paymentReceived(buyer, "PAY-1", "2026-11-10", "1000.00", "EUR", "INV-A", "1000.00"),
                paymentReceived(buyer, "PAY-2", "2026-10-10", "2000.00", "EUR", "INV-B", "2000.00"),
                paymentReceived(buyer, "PAY-3", "2026-11-05", "200.00", "EUR", "INV-C", "200.00"),
                paymentReceived(buyer, "PAY-4", "2026-10-05", "600.00", "EUR", "INV-D", "600.00"),
                paymentReceived(buyer, "PAY-5", "2026-10-30", "3000.00", "USD", "INV-E", "3000.00"));

        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/payment-experience")
                .then().statusCode(200)
                .body(eur("paid"), amount("3800"), eur("credited"), amount("200"), eur("disputed"), amount("100"),
                        usd("paid"), amount("3000"), usd("writtenOff"), amount("1000")));

        api().get("/api/v1/buyers/" + buyer + "/payment-experience").then().statusCode(200)
                .body("buyerId", equalTo(buyer), "asOf", equalTo(FixedClock.TODAY.toString()),
                        "currencies.currency", contains("EUR", "USD"),
                        eur("invoices"), equalTo(4),
                        eur("invoiced"), amount("4300"),
                        eur("open"), amount("300"),
                        eur("overdue"), amount("300"),
                        eur("settledInvoices"), equalTo(3),
                        eur("settledLate"), equalTo(2),
                        // (1000 * 10 + 2000 * 0 + 800 * 19) / (1000 + 2000 + 800) = 6.63
                        eur("averageDaysBeyondTerms"), amount("6.6"),
                        eur("pendingAllocations"), amount("0"),
                        usd("invoices"), equalTo(2),
                        usd("open"), amount("0"),
                        usd("settledLate"), equalTo(2),
                        // (3000 * 30 + 1000 * 20) / 4000
                        usd("averageDaysBeyondTerms"), amount("27.5"))
                .body(invoice("INV-A", "settledOn"), equalTo("2026-11-10"),
                        invoice("INV-A", "daysBeyondTerms"), equalTo(10),
                        invoice("INV-A", "payments.paymentReference"), contains("PAY-1"),
                        invoice("INV-A", "payments[0].receivedOn"), equalTo("2026-11-10"),
                        invoice("INV-B", "daysBeyondTerms"), equalTo(0),
                        invoice("INV-C", "open"), amount("300"),
                        invoice("INV-C", "settledOn"), nullValue(),
                        invoice("INV-C", "daysBeyondTerms"), nullValue(),
                        invoice("INV-C", "daysPastDue"), equalTo(21),
                        // settled by the credit note of 20 Oct, though the payment of 5 Oct came in on another topic
                        invoice("INV-D", "settledOn"), equalTo("2026-10-20"),
                        invoice("INV-D", "daysBeyondTerms"), equalTo(19),
                        invoice("INV-F", "settledOn"), equalTo("2026-11-20"),
                        invoice("INV-F", "payments"), empty());
    }

    /**
     * A payment without remittance advice pays the buyer's oldest open invoices in its currency,
     * each up to its undisputed open amount, as collections-service applies it (docs/events/README.md):
     * the invoices it paid are settled on its value date, not counted as unpaid. Redelivered, or
     * resent under a new event id, it changes nothing. Cash beyond everything open stays unapplied,
     * and an invoice issued later is not paid by it (nor is it in collections).
     */
    @Test
    void anUnallocatedPaymentSettlesTheOldestOpenInvoicesFirstAndOnce() {
        String buyer = unique("B");
        TestTopics.publish(INVOICES, buyer,
                invoiceIssued(buyer, "INV-NEW", "2026-09-15", "2026-10-15", "1000.00", "EUR"),
                invoiceIssued(buyer, "INV-MID", "2026-08-20", "2026-09-20", "400.00", "EUR"),
                invoiceIssued(buyer, "INV-OLD", "2026-08-01", "2026-09-01", "500.00", "EUR"),
                invoiceIssued(buyer, "INV-USD", "2026-07-01", "2026-08-01", "600.00", "USD"),
                invoiceDisputed(buyer, "DSP-OLD", "INV-OLD", "2026-09-05", "200.00", "EUR"));
        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/payment-experience")
                .then().statusCode(200).body(eur("invoices"), equalTo(3), eur("disputed"), amount("200"), usd("invoices"), equalTo(1)));

        // the undisputed 300 of the oldest, all of the next, 200 of the newest; then the rest of the newest and 200 over
        String unallocated = paymentReceived(buyer, "PAY-U1", "2026-10-20", "900.00", "EUR");
        TestTopics.publish(PAYMENTS, buyer, unallocated, unallocated,
                paymentReceived(buyer, "PAY-U1", "2026-10-20", "900.00", "EUR"),
                paymentReceived(buyer, "PAY-U2", "2026-10-25", "1000.00", "EUR"));
        await().atMost(PATIENCE).untilAsserted(() -> api().queryParam("buyerId", buyer).get("/api/v1/reconciliation")
                .then().statusCode(200).body("payments[0].count", equalTo(2)));
        TestTopics.publish(INVOICES, buyer, invoiceIssued(buyer, "INV-LATER", "2026-10-28", "2026-11-27", "300.00", "EUR"));

        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/payment-experience")
                .then().statusCode(200).body(eur("invoices"), equalTo(4)));
        api().get("/api/v1/buyers/" + buyer + "/payment-experience").then().statusCode(200)
                .body(eur("paid"), amount("1700"),
                        eur("open"), amount("500"),
                        eur("settledInvoices"), equalTo(2),
                        usd("paid"), amount("0"),
                        invoice("INV-OLD", "open"), amount("200"),
                        invoice("INV-OLD", "settledOn"), nullValue(),
                        invoice("INV-MID", "settledOn"), equalTo("2026-10-20"),
                        invoice("INV-MID", "daysBeyondTerms"), equalTo(30),
                        invoice("INV-MID", "payments.paymentReference"), contains("PAY-U1"),
                        invoice("INV-NEW", "settledOn"), equalTo("2026-10-25"),
                        invoice("INV-NEW", "payments.paymentReference"), contains("PAY-U1", "PAY-U2"),
                        invoice("INV-LATER", "open"), amount("300"));
        api().queryParam("buyerId", buyer).get("/api/v1/reconciliation").then().statusCode(200)
                .body("invoices[0].paid", equalTo("1700.00"),
                        "payments[0].amount", equalTo("1900.00"),
                        "payments[0].unapplied", equalTo("200.00"));
    }

    @Test
    void aRedeliveredPaymentIsNotCountedTwice() {
        String buyer = unique("B");
        TestTopics.publish(INVOICES, buyer, invoiceIssued(buyer, "INV-1", "2026-10-01", "2026-10-31", "1000.00", "EUR"));
        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/payment-experience")
                .then().body(eur("invoices"), equalTo(1)));

        double duplicatesBefore = Metrics.duplicates("payments");
        String payment = paymentReceived(buyer, "PAY-1", "2026-11-02", "400.00", "EUR", "INV-1", "400.00");
        // the same record twice (a producer retry), the same document under a new event id (an ERP
        // re-sending it), then another payment behind them on the same partition
        TestTopics.publish(PAYMENTS, buyer, payment, payment,
                paymentReceived(buyer, "PAY-1", "2026-11-02", "400.00", "EUR", "INV-1", "400.00"),
                paymentReceived(buyer, "PAY-2", "2026-11-03", "100.00", "EUR", "INV-1", "100.00"));

        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/payment-experience")
                .then().body(invoice("INV-1", "payments.paymentReference"), contains("PAY-1", "PAY-2")));
        api().get("/api/v1/buyers/" + buyer + "/payment-experience").then()
                .body(eur("paid"), amount("500"), eur("open"), amount("500"),
                        invoice("INV-1", "payments.amount"), contains(amount("400"), amount("100")));
        assertEquals(1.0, Metrics.duplicates("payments") - duplicatesBefore, "the redelivered record is recognised by its event id");
    }

    @Test
    void aPaymentThatArrivesBeforeItsInvoiceWaitsAndIsAppliedWhenTheInvoiceArrives() {
        String buyer = unique("B");
        TestTopics.publish(PAYMENTS, buyer, paymentReceived(buyer, "PAY-9", "2026-11-02", "400.00", "EUR", "INV-LATE", "400.00"));
        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/payment-experience")
                .then().statusCode(200)
                .body("invoices", empty(), eur("invoices"), equalTo(0), eur("pendingAllocations"), amount("400")));

        TestTopics.publish(INVOICES, buyer, invoiceIssued(buyer, "INV-LATE", "2026-10-01", "2026-10-31", "1000.00", "EUR"));

        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/payment-experience")
                .then().statusCode(200)
                .body(eur("invoices"), equalTo(1), eur("paid"), amount("400"), eur("open"), amount("600"),
                        eur("pendingAllocations"), amount("0"),
                        invoice("INV-LATE", "payments.paymentReference"), contains("PAY-9"),
                        invoice("INV-LATE", "payments[0].amount"), amount("400"),
                        invoice("INV-LATE", "payments[0].receivedOn"), equalTo("2026-11-02")));
    }

    @Test
    void aBuyerNobodyHasHeardOfIsANotFoundProblem() {
        api().get("/api/v1/buyers/NOBODY-" + unique("X") + "/payment-experience")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://creditcontrol.io/problems/not-found"), "status", equalTo(404));
    }
}
