package io.creditcontrol.alerts.api;

import static io.creditcontrol.alerts.TestApi.amount;
import static io.creditcontrol.alerts.TestApi.api;
import static io.creditcontrol.alerts.messaging.TestEvents.buyerMasterData;
import static io.creditcontrol.alerts.messaging.TestEvents.disputeResolved;
import static io.creditcontrol.alerts.messaging.TestEvents.event;
import static io.creditcontrol.alerts.messaging.TestEvents.invoiceCredited;
import static io.creditcontrol.alerts.messaging.TestEvents.invoiceDisputed;
import static io.creditcontrol.alerts.messaging.TestEvents.invoiceIssued;
import static io.creditcontrol.alerts.messaging.TestEvents.paymentReceived;
import static io.creditcontrol.alerts.messaging.TestEvents.publishBuyerEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.publishInvoiceEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.publishPaymentEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.riskSignalData;
import static io.creditcontrol.alerts.messaging.TestEvents.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.creditcontrol.alerts.messaging.events.BuyerEvents;
import io.creditcontrol.alerts.receivables.Receivable;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** Today is {@link io.creditcontrol.alerts.TestClock#TODAY}, 2026-11-24. */
@QuarkusTest
@TestSecurity(user = "test-viewer", roles = "viewer")
class BuyerReceivablesResourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void showsWhatABuyerOwesPerCurrencyHowLateAndTheSignalsReported() {
        String buyer = unique("B");
        String longOverdue = unique("INV");
        String overdue = unique("INV");
        String notDue = unique("INV");
        String dueToday = unique("INV");
        publishBuyerEvent(buyer, buyerMasterData(BuyerEvents.BUYER_REGISTERED, buyer, "Nordwind Maschinenbau GmbH", "DE", "C28.4", "G-1"));
        publishBuyerEvent(buyer, event(BuyerEvents.RISK_SIGNAL_REPORTED, buyer, riskSignalData(buyer, "MANAGEMENT_CHANGE", "2026-11-01", "MEDIUM")));
        publishBuyerEvent(buyer, buyerMasterData(BuyerEvents.BUYER_UPDATED, buyer, "Nordwind Maschinenbau GmbH & Co. KG", "AT", "C28.9", "G-2"));
        publishBuyerEvent(buyer, event(BuyerEvents.RISK_SIGNAL_REPORTED, buyer, riskSignalData(buyer, "BANK_ACCOUNT_CHANGE", "2026-11-20", "HIGH")));
        publishInvoiceEvent(buyer, invoiceIssued(buyer, longOverdue, "EUR", "1000.00", "2026-09-01", "2026-10-01"));
        publishInvoiceEvent(buyer, invoiceIssued(buyer, overdue, "EUR", "500.00", "2026-10-11", "2026-11-10"));
        publishInvoiceEvent(buyer, invoiceIssued(buyer, notDue, "EUR", "300.00", "2026-11-15", "2026-12-15"));
        publishInvoiceEvent(buyer, invoiceIssued(buyer, dueToday, "USD", "200.00", "2026-10-25", "2026-11-24"));
        publishInvoiceEvent(buyer, invoiceCredited(buyer, unique("CN"), overdue, "EUR", "100.00", "2026-11-12"));
        publishPaymentEvent(buyer, paymentReceived(buyer, unique("PAY"), "EUR", "400.00", "2026-11-05", longOverdue, "400.00"));

        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/receivables")
                .then().statusCode(200)
                .body("buyerId", equalTo(buyer),
                        "name", equalTo("Nordwind Maschinenbau GmbH & Co. KG"),
                        "country", equalTo("AT"),
                        "industry", equalTo("C28.9"),
                        "parentId", equalTo("G-2"),
                        "balances.currency", contains("EUR", "USD"),
                        // 600 + 400 + 300 open; 600 (54 days late) and 400 (14 days late) overdue
                        "balances[0].open", amount("1300"),
                        "balances[0].overdue", amount("1000"),
                        "balances[0].oldestOverdueDays", equalTo(54),
                        // due today is not overdue yet
                        "balances[1].open", amount("200"),
                        "balances[1].overdue", amount("0"),
                        "balances[1].oldestOverdueDays", equalTo(0),
                        "riskSignals.signal", contains("MANAGEMENT_CHANGE", "BANK_ACCOUNT_CHANGE"),
                        "riskSignals.observedOn", contains("2026-11-01", "2026-11-20"),
                        "riskSignals.severity", contains("MEDIUM", "HIGH"),
                        "riskSignals[1].source", equalTo("test monitor"),
                        "riskSignals[1].reportedAt", equalTo("2026-11-20T08:00:00Z")));
    }

    @Test
    void anInvoiceClosedByPaymentOrCreditNoteIsSettledOnThatDateAndNoLongerOverdue() {
        String buyer = unique("B");
        String paid = unique("INV");
        String credited = unique("INV");
        publishInvoiceEvent(buyer, invoiceIssued(buyer, paid, "EUR", "1000.00", "2026-09-01", "2026-10-01"));
        publishInvoiceEvent(buyer, invoiceIssued(buyer, credited, "EUR", "500.00", "2026-10-11", "2026-11-10"));
        publishPaymentEvent(buyer, paymentReceived(buyer, unique("PAY"), "EUR", "1000.00", "2026-11-05", paid, "1000.00"));

        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/receivables")
                .then().statusCode(200)
                .body("balances[0].open", amount("500"),
                        "balances[0].overdue", amount("500"),
                        "balances[0].oldestOverdueDays", equalTo(14)));
        Receivable paidInvoice = receivable(buyer, paid);
        assertEquals(0, paidInvoice.paidAmount.compareTo(new BigDecimal("1000")));
        assertEquals(0, paidInvoice.openAmount.signum());
        assertEquals(LocalDate.of(2026, 11, 5), paidInvoice.settledOn);

        publishInvoiceEvent(buyer, invoiceCredited(buyer, unique("CN"), credited, "EUR", "500.00", "2026-11-12"));

        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/receivables")
                .then().statusCode(200)
                .body("balances[0].open", amount("0"),
                        "balances[0].overdue", amount("0"),
                        "balances[0].oldestOverdueDays", equalTo(0)));
        Receivable creditedInvoice = receivable(buyer, credited);
        assertEquals(0, creditedInvoice.creditedAmount.compareTo(new BigDecimal("500")));
        assertEquals(LocalDate.of(2026, 11, 12), creditedInvoice.settledOn);
    }

    @Test
    void aDisputedAmountIsKeptOnItsInvoiceUntilTheDisputeIsResolved() {
        String buyer = unique("B");
        String invoice = unique("INV");
        String dispute = unique("DSP");
        publishInvoiceEvent(buyer, invoiceIssued(buyer, invoice, "EUR", "800.00", "2026-11-01", "2026-12-01"));
        publishInvoiceEvent(buyer, invoiceDisputed(buyer, dispute, invoice, "EUR", "250.00", "2026-11-10"));

        await().atMost(PATIENCE).untilAsserted(() ->
                assertEquals(0, receivable(buyer, invoice).disputedAmount.compareTo(new BigDecimal("250"))));
        api().get("/api/v1/buyers/" + buyer + "/receivables").then().statusCode(200)
                .body("balances[0].open", amount("800"));

        publishInvoiceEvent(buyer, disputeResolved(buyer, dispute, invoice, "REJECTED", "2026-11-20"));

        await().atMost(PATIENCE).untilAsserted(() -> assertEquals(0, receivable(buyer, invoice).disputedAmount.signum()));
        Receivable item = receivable(buyer, invoice);
        assertEquals(0, item.openAmount.compareTo(new BigDecimal("800")));
        assertNull(item.settledOn);
    }

    @Test
    void anUnknownBuyerIsANotFoundProblem() {
        api().get("/api/v1/buyers/NO-SUCH-BUYER/receivables")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://creditcontrol.io/problems/not-found"),
                        "status", equalTo(404),
                        "detail", containsString("NO-SUCH-BUYER"),
                        "instance", equalTo("/api/v1/buyers/NO-SUCH-BUYER/receivables"));
    }

    static Receivable receivable(String buyerId, String invoiceNumber) {
        Receivable item = QuarkusTransaction.requiringNew().call(() -> Receivable.of(buyerId, invoiceNumber));
        if (item == null) {
            throw new AssertionError("invoice " + invoiceNumber + " has not arrived yet");
        }
        return item;
    }
}
