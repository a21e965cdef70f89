package io.creditcontrol.alerts.api;

import static io.creditcontrol.alerts.messaging.TestEvents.invoiceCredited;
import static io.creditcontrol.alerts.messaging.TestEvents.invoiceIssued;
import static io.creditcontrol.alerts.messaging.TestEvents.invoiceWrittenOff;
import static io.creditcontrol.alerts.messaging.TestEvents.paymentReceived;
import static io.creditcontrol.alerts.messaging.TestEvents.publishInvoiceEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.publishPaymentEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

/**
 * The reconciliation read: counts and totals per currency of what alerts received on the invoice
 * and payment topics, fed through the real topics and checked against figures worked out by hand.
 */
@QuarkusTest
class ReconciliationTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    static RequestSpecification as(String role) {
        return given().auth().oauth2(Jwt.upn(role + ".user").groups(Set.of(role)).issuer("https://tests.creditcontrol.invalid")
                .audience("credit-control-suite").expiresIn(300).sign());
    }

    static RequestSpecification buyer(String buyerId) {
        return as("viewer").queryParam("buyerId", buyerId);
    }

    @Test
    void aBuyersInvoicesPaymentsAndCreditNotesAddUpPerCurrency() {
        String buyer = unique("B");
        String a = unique("INV-A");
        String b = unique("INV-B");
        String c = unique("INV-C");
        publishInvoiceEvent(buyer, invoiceIssued(buyer, a, "EUR", "1000.00", "2026-10-01", "2026-10-31"));
        publishInvoiceEvent(buyer, invoiceIssued(buyer, b, "EUR", "2500.00", "2026-10-15", "2026-11-14"));
        publishInvoiceEvent(buyer, invoiceCredited(buyer, unique("CN"), b, "EUR", "500.00", "2026-10-20"));
        publishInvoiceEvent(buyer, invoiceIssued(buyer, c, "USD", "700.00", "2026-09-01", "2026-10-01"));
        publishInvoiceEvent(buyer, invoiceCredited(buyer, unique("CN"), c, "USD", "50.00", "2026-09-20"));
        publishInvoiceEvent(buyer, invoiceWrittenOff(buyer, c, "USD", "100.00", "2026-11-01"));
        // the credit note and write-off first, so that what is open on C when the payment comes is certain
        await().atMost(PATIENCE).untilAsserted(() -> buyer(buyer).get("/api/v1/reconciliation")
                .then().statusCode(200).body("invoices[1].writtenOff", equalTo("100.00")));
        // a partial payment of A; the 300 the buyer did not allocate stays unapplied
        publishPaymentEvent(buyer, paymentReceived(buyer, unique("PAY"), "EUR", "700.00", "2026-11-10", a, "400.00"));
        // 600 allocated to C, on which only 700 - 50 - 100 = 550 was open: 50 unapplied
        publishPaymentEvent(buyer, paymentReceived(buyer, unique("PAY"), "USD", "600.00", "2026-11-12", c, "600.00"));
        await().atMost(PATIENCE).untilAsserted(() -> buyer(buyer).get("/api/v1/reconciliation")
                .then().statusCode(200).body("invoices[1].paid", equalTo("550.00")));
        // C is settled; a further credit note counts as credited, but C's open amount stays at zero here
        publishInvoiceEvent(buyer, invoiceCredited(buyer, unique("CN"), c, "USD", "30.00", "2026-11-20"));

        await().atMost(PATIENCE).untilAsserted(() -> buyer(buyer).get("/api/v1/reconciliation")
                .then().statusCode(200)
                .body("service", equalTo("alerts-service"),
                        "asOf", equalTo("2026-11-24T09:30:00Z"),
                        "invoices.currency", contains("EUR", "USD"),
                        "invoices[0].count", equalTo(2),
                        "invoices[0].amount", equalTo("3500.00"),
                        "invoices[0].paid", equalTo("400.00"),
                        "invoices[0].credited", equalTo("500.00"),
                        "invoices[0].writtenOff", equalTo("0.00"),
                        "invoices[0].open", equalTo("2600.00"),
                        "invoices[1].count", equalTo(1),
                        "invoices[1].amount", equalTo("700.00"),
                        "invoices[1].paid", equalTo("550.00"),
                        "invoices[1].credited", equalTo("80.00"),
                        "invoices[1].writtenOff", equalTo("100.00"),
                        "invoices[1].open", equalTo("0.00"),
                        "payments.currency", contains("EUR", "USD"),
                        "payments[0].count", equalTo(1),
                        "payments[0].amount", equalTo("700.00"),
                        "payments[0].unapplied", equalTo("300.00"),
                        "payments[1].count", equalTo(1),
                        "payments[1].amount", equalTo("600.00"),
                        "payments[1].unapplied", equalTo("50.00"),
                        "creditNotes.currency", contains("EUR", "USD"),
                        "creditNotes[0].count", equalTo(1),
                        "creditNotes[0].amount", equalTo("500.00"),
                        "creditNotes[1].count", equalTo(2),
                        "creditNotes[1].amount", equalTo("80.00")));
    }

    /**
     * Czech korunas and Icelandic krónur are used by no other test of this module, so the
     * service-wide figures in them are exactly this test's documents. The krona has no minor unit.
     */
    @Test
    void theWholeServiceIsReconciledAcrossBuyersAtEachCurrencysScale() {
        String first = unique("B");
        String second = unique("B");
        String koruna = unique("INV");
        String krona = unique("INV");
        publishInvoiceEvent(first, invoiceIssued(first, koruna, "CZK", "1200.50", "2026-11-01", "2026-12-01"));
        publishPaymentEvent(first, paymentReceived(first, unique("PAY"), "CZK", "200.25", "2026-11-10", koruna, "200.25"));
        publishInvoiceEvent(second, invoiceIssued(second, krona, "ISK", "150000", "2026-11-01", "2026-12-01"));
        publishInvoiceEvent(second, invoiceCredited(second, unique("CN"), krona, "ISK", "20000", "2026-11-05"));
        publishPaymentEvent(second, paymentReceived(second, unique("PAY"), "ISK", "30000", "2026-11-10", krona, "30000"));
        // its invoice has not arrived: the cash waits, unapplied
        publishPaymentEvent(second, paymentReceived(second, unique("PAY"), "ISK", "5000", "2026-11-11", unique("INV-LATER"), "5000"));

        await().atMost(PATIENCE).untilAsserted(() -> as("analyst").get("/api/v1/reconciliation")
                .then().statusCode(200)
                .body("invoices.find { it.currency == 'CZK' }.count", equalTo(1),
                        "invoices.find { it.currency == 'CZK' }.amount", equalTo("1200.50"),
                        "invoices.find { it.currency == 'CZK' }.paid", equalTo("200.25"),
                        "invoices.find { it.currency == 'CZK' }.credited", equalTo("0.00"),
                        "invoices.find { it.currency == 'CZK' }.open", equalTo("1000.25"),
                        "invoices.find { it.currency == 'ISK' }.count", equalTo(1),
                        "invoices.find { it.currency == 'ISK' }.amount", equalTo("150000"),
                        "invoices.find { it.currency == 'ISK' }.paid", equalTo("30000"),
                        "invoices.find { it.currency == 'ISK' }.credited", equalTo("20000"),
                        "invoices.find { it.currency == 'ISK' }.writtenOff", equalTo("0"),
                        "invoices.find { it.currency == 'ISK' }.open", equalTo("100000"),
                        "payments.find { it.currency == 'CZK' }.amount", equalTo("200.25"),
                        "payments.find { it.currency == 'CZK' }.unapplied", equalTo("0.00"),
                        "payments.find { it.currency == 'ISK' }.count", equalTo(2),
                        "payments.find { it.currency == 'ISK' }.amount", equalTo("35000"),
                        "payments.find { it.currency == 'ISK' }.unapplied", equalTo("5000"),
                        "creditNotes.find { it.currency == 'ISK' }.count", equalTo(1),
                        "creditNotes.find { it.currency == 'ISK' }.amount", equalTo("20000"),
                        "creditNotes.find { it.currency == 'CZK' }", nullValue()));

        buyer(first).get("/api/v1/reconciliation")
                .then().statusCode(200)
                .body("invoices.currency", contains("CZK"), "payments.currency", contains("CZK"), "creditNotes", empty());
    }

    @Test
    void anUnknownBuyerIsANotFoundProblem() {
        buyer("NO-SUCH-BUYER").get("/api/v1/reconciliation")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://creditcontrol.io/problems/not-found"),
                        "detail", containsString("NO-SUCH-BUYER"));
    }

    @Test
    void readersMayReconcileTheErpMayNotAndAnonymousCallersAreRefused() {
        given().get("/api/v1/reconciliation").then().statusCode(401);
        as("erp").get("/api/v1/reconciliation").then().statusCode(403);
        for (String role : new String[] { "viewer", "analyst", "approver", "collector", "admin" }) {
            as(role).get("/api/v1/reconciliation").then().statusCode(200).body("service", equalTo("alerts-service"));
        }
    }
}
