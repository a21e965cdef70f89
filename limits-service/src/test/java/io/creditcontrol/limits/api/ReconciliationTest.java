package io.creditcontrol.limits.api;

import static io.creditcontrol.limits.Auth.given;
import static io.creditcontrol.limits.messaging.TestEvents.invoiceCredited;
import static io.creditcontrol.limits.messaging.TestEvents.invoiceIssued;
import static io.creditcontrol.limits.messaging.TestEvents.invoiceWrittenOff;
import static io.creditcontrol.limits.messaging.TestEvents.paymentReceived;
import static io.creditcontrol.limits.messaging.TestEvents.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.creditcontrol.limits.Auth;
import io.creditcontrol.limits.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The reconciliation read: counts and totals per currency of what limits received on the invoice
 * and payment topics, fed through the real topics and checked against figures worked out by hand.
 */
@QuarkusTest
class ReconciliationTest {

    static final LocalDate TODAY = TestClock.TODAY;

    @Test
    void aBuyersInvoicesPaymentsAndCreditNotesAddUpPerCurrency() {
        String buyer = unique("B");
        String a = unique("INV-A");
        String b = unique("INV-B");
        String c = unique("INV-C");
        invoiceIssued(buyer, a, "1000.00", "EUR", TODAY.minusDays(40), TODAY.minusDays(10)).publish();
        invoiceIssued(buyer, b, "2500.00", "EUR", TODAY.minusDays(14), TODAY.plusDays(16)).publish();
        invoiceIssued(buyer, c, "700.00", "USD", TODAY.minusDays(31), TODAY.minusDays(1)).publish();
        invoiceCredited(buyer, unique("CN"), b, "500.00", "EUR").publish();
        invoiceCredited(buyer, unique("CN"), c, "50.00", "USD").publish();
        invoiceWrittenOff(buyer, c, "100.00", "USD").publish();
        // a partial payment of A, with 300 the buyer did not allocate: unapplied here
        paymentReceived(buyer, unique("PAY"), "700.00", "EUR", a, "400.00").publish();
        paymentReceived(buyer, unique("PAY"), "250.00", "USD", c, "250.00").publish();

        // EUR: 1000 + 2500 invoiced, 400 paid, 500 credited -> 2600 open; USD: 700 - 250 - 50 - 100 = 300 open
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("buyerId", buyer)
                .get("/api/v1/reconciliation")
                .then().statusCode(200)
                .body("service", equalTo("limits-service"),
                        "asOf", equalTo(TestClock.START.toString()),
                        "invoices.currency", contains("EUR", "USD"),
                        "invoices[0].count", equalTo(2),
                        "invoices[0].amount", equalTo("3500.00"),
                        "invoices[0].paid", equalTo("400.00"),
                        "invoices[0].credited", equalTo("500.00"),
                        "invoices[0].writtenOff", equalTo("0.00"),
                        "invoices[0].open", equalTo("2600.00"),
                        "invoices[1].count", equalTo(1),
                        "invoices[1].amount", equalTo("700.00"),
                        "invoices[1].paid", equalTo("250.00"),
                        "invoices[1].credited", equalTo("50.00"),
                        "invoices[1].writtenOff", equalTo("100.00"),
                        "invoices[1].open", equalTo("300.00"),
                        "payments.currency", contains("EUR", "USD"),
                        "payments[0].count", equalTo(1),
                        "payments[0].amount", equalTo("700.00"),
                        "payments[0].unapplied", equalTo("300.00"),
                        "payments[1].count", equalTo(1),
                        "payments[1].amount", equalTo("250.00"),
                        "payments[1].unapplied", equalTo("0.00"),
                        "creditNotes.currency", contains("EUR", "USD"),
                        "creditNotes[0].count", equalTo(1),
                        "creditNotes[0].amount", equalTo("500.00"),
                        "creditNotes[1].count", equalTo(1),
                        "creditNotes[1].amount", equalTo("50.00")));
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
        invoiceIssued(first, koruna, "1200.50", "CZK", TODAY.minusDays(5), TODAY.plusDays(25)).publish();
        paymentReceived(first, unique("PAY"), "200.25", "CZK", koruna, "200.25").publish();
        invoiceIssued(second, krona, "150000", "ISK", TODAY.minusDays(5), TODAY.plusDays(25)).publish();
        invoiceCredited(second, unique("CN"), krona, "20000", "ISK").publish();
        paymentReceived(second, unique("PAY"), "30000", "ISK", krona, "30000").publish();
        // a payment whose invoice has not arrived: its cash waits, unapplied
        paymentReceived(second, unique("PAY"), "5000", "ISK", unique("INV-LATER"), "5000").publish().awaitApplied();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/reconciliation")
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

        given().queryParam("buyerId", first).get("/api/v1/reconciliation")
                .then().statusCode(200)
                .body("invoices.currency", contains("CZK"), "payments.currency", contains("CZK"), "creditNotes", empty());
    }

    @Test
    void anUnknownBuyerIsANotFoundProblem() {
        given().queryParam("buyerId", "NO-SUCH-BUYER").get("/api/v1/reconciliation")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://creditcontrol.io/problems/not-found"),
                        "detail", containsString("NO-SUCH-BUYER"));
    }

    @Test
    void readersMayReconcileTheErpMayNotAndAnonymousCallersAreRefused() {
        RestAssured.given().get("/api/v1/reconciliation").then().statusCode(401);
        RestAssured.given().auth().oauth2(Auth.token("erp.sap", "erp")).get("/api/v1/reconciliation")
                .then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        for (String role : new String[] { "viewer", "analyst", "approver", "collector", "admin" }) {
            RestAssured.given().auth().oauth2(Auth.token(role + ".r", role)).get("/api/v1/reconciliation")
                    .then().statusCode(200).body("service", equalTo("limits-service"));
        }
    }
}
