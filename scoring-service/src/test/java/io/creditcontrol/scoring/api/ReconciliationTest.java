package io.creditcontrol.scoring.api;

import static io.creditcontrol.scoring.messaging.TestEvents.invoiceCredited;
import static io.creditcontrol.scoring.messaging.TestEvents.invoiceIssued;
import static io.creditcontrol.scoring.messaging.TestEvents.invoiceWrittenOff;
import static io.creditcontrol.scoring.messaging.TestEvents.paymentReceived;
import static io.creditcontrol.scoring.messaging.TestEvents.unique;
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

import io.creditcontrol.scoring.messaging.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

/**
 * The reconciliation read: counts and totals per currency of what scoring received on the
 * invoice and payment topics, fed through the real topics and checked against figures worked out by hand.
 */
@QuarkusTest
class ReconciliationTest {

    static final String INVOICES = "credit.invoices.v1";
    static final String PAYMENTS = "credit.payments.v1";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    static RequestSpecification as(String role) {
        return given().auth().oauth2(Jwt.upn(role + ".user").groups(Set.of(role)).issuer("https://tests.creditcontrol.invalid")
                .audience("credit-control-suite").expiresIn(300).sign());
    }

    @Test
    void aBuyersInvoicesPaymentsAndCreditNotesAddUpPerCurrency() {
        String buyer = unique("B");
        TestTopics.publish(INVOICES, buyer,
                invoiceIssued(buyer, "INV-A", "2026-10-01", "2026-10-31", "1000.00", "EUR"),
                invoiceIssued(buyer, "INV-B", "2026-10-15", "2026-11-14", "2500.00", "EUR"),
                invoiceCredited(buyer, "CN-B", "INV-B", "2026-10-20", "500.00", "EUR"),
                invoiceIssued(buyer, "INV-C", "2026-09-01", "2026-10-01", "700.00", "USD"),
                invoiceCredited(buyer, "CN-C", "INV-C", "2026-09-20", "50.00", "USD"),
                invoiceWrittenOff(buyer, "INV-C", "2026-11-01", "100.00", "USD"));
        // the credit note and write-off first, so that what is open on INV-C when the payment comes is certain
        await().atMost(PATIENCE).untilAsserted(() -> as("viewer").queryParam("buyerId", buyer).get("/api/v1/reconciliation")
                .then().statusCode(200).body("invoices[1].writtenOff", equalTo("100.00")));
        TestTopics.publish(PAYMENTS, buyer,
                // a partial payment of INV-A; the 300 the buyer did not allocate stays unapplied
                paymentReceived(buyer, "PAY-1", "2026-11-10", "700.00", "EUR", "INV-A", "400.00"),
                // 600 allocated to INV-C, on which only 700 - 50 - 100 = 550 was open: 50 unapplied
                paymentReceived(buyer, "PAY-2", "2026-11-12", "600.00", "USD", "INV-C", "600.00"));

        await().atMost(PATIENCE).untilAsserted(() -> as("viewer").queryParam("buyerId", buyer).get("/api/v1/reconciliation")
                .then().statusCode(200)
                .body("service", equalTo("scoring-service"),
                        "asOf", equalTo("2026-11-23T12:00:00Z"),
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
                        "invoices[1].credited", equalTo("50.00"),
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
        TestTopics.publish(INVOICES, first, invoiceIssued(first, "INV-K", "2026-11-01", "2026-12-01", "1200.50", "CZK"));
        TestTopics.publish(PAYMENTS, first, paymentReceived(first, "PAY-K", "2026-11-10", "200.25", "CZK", "INV-K", "200.25"));
        TestTopics.publish(INVOICES, second,
                invoiceIssued(second, "INV-I", "2026-11-01", "2026-12-01", "150000", "ISK"),
                invoiceCredited(second, "CN-I", "INV-I", "2026-11-05", "20000", "ISK"));
        TestTopics.publish(PAYMENTS, second,
                paymentReceived(second, "PAY-I", "2026-11-10", "30000", "ISK", "INV-I", "30000"),
                // its invoice has not arrived: the cash waits, unapplied
                paymentReceived(second, "PAY-L", "2026-11-11", "5000", "ISK", "INV-LATER", "5000"));

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

        as("analyst").queryParam("buyerId", first).get("/api/v1/reconciliation")
                .then().statusCode(200)
                .body("invoices.currency", contains("CZK"), "payments.currency", contains("CZK"), "creditNotes", empty());
    }

    @Test
    void anUnknownBuyerIsANotFoundProblem() {
        as("viewer").queryParam("buyerId", "NO-SUCH-BUYER").get("/api/v1/reconciliation")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://creditcontrol.io/problems/not-found"),
                        "detail", containsString("NO-SUCH-BUYER"));
    }

    @Test
    void readersMayReconcileTheErpMayNotAndAnonymousCallersAreRefused() {
        given().get("/api/v1/reconciliation").then().statusCode(401);
        as("erp").get("/api/v1/reconciliation").then().statusCode(403);
        for (String role : new String[] { "viewer", "analyst", "approver", "collector", "admin" }) {
            as(role).get("/api/v1/reconciliation").then().statusCode(200).body("service", equalTo("scoring-service"));
        }
    }
}
