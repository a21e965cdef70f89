package io.creditcontrol.collections.ledger;

import static io.creditcontrol.collections.Api.awaitInvoice;
import static io.creditcontrol.collections.Api.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.LocalDate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.creditcontrol.collections.Api;
import io.creditcontrol.collections.TestClock;
import io.creditcontrol.collections.api.Problem;
import io.creditcontrol.collections.security.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * The reconciliation read of the ledger of record: counts and totals per currency of the
 * invoices, payments and credit notes taken in through the intake API and applied from the
 * topics, checked against figures worked out by hand.
 */
@QuarkusTest
class ReconciliationTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    TestClock clock;

    @Test
    @TestSecurity(user = "erp.sap", roles = { "erp", "approver", "viewer" })
    void aBuyersInvoicesPaymentsAndCreditNotesAddUpPerCurrency() {
        String buyer = unique("B-REC");
        String a = unique("INV-A");
        String b = unique("INV-B");
        String c = unique("INV-C");
        Api.invoice(buyer, a, "2026-10-01", "2026-10-31", "1000.00", "EUR");
        Api.invoice(buyer, b, "2026-10-15", "2026-11-14", "2500.00", "EUR");
        Api.creditNote(buyer, unique("CN"), b, "2026-10-20", "500.00", "EUR");
        Api.invoice(buyer, c, "2026-09-01", "2026-10-01", "700.00", "USD");
        Api.creditNote(buyer, unique("CN"), c, "2026-09-20", "50.00", "USD");
        awaitInvoice(c, json -> json.getFloat("credited") == 50.0f);
        Api.writeOff(buyer, unique("WO"), c, "2026-11-01", "100.00", "USD");
        // the write-off first, so that what is open on C when the payment comes is certain
        awaitInvoice(c, json -> json.getFloat("writtenOff") == 100.0f);
        // a partial payment of A
        Api.payment(buyer, unique("PAY"), "2026-11-10", "400.00", "EUR", a);
        // 600 allocated to C, on which only 700 - 50 - 100 = 550 was open: 50 unapplied
        Api.payment(buyer, unique("PAY"), "2026-11-12", "600.00", "USD", c);
        // not allocated: pays the oldest open item, A (due 2026-10-31, before B)
        Api.payment(buyer, unique("PAY"), "2026-11-15", "300.00", "EUR", null);

        clock.setToday(LocalDate.of(2026, 11, 24));
        try {
            await().atMost(PATIENCE).untilAsserted(() -> given().queryParam("buyerId", buyer).get("/api/v1/reconciliation")
                    .then().statusCode(200)
                    .body("service", equalTo("collections-service"),
                            "asOf", equalTo("2026-11-24T06:00:00Z"),
                            "invoices.currency", contains("EUR", "USD"),
                            "invoices[0].count", equalTo(2),
                            "invoices[0].amount", equalTo("3500.00"),
                            "invoices[0].paid", equalTo("700.00"),
                            "invoices[0].credited", equalTo("500.00"),
                            "invoices[0].writtenOff", equalTo("0.00"),
                            "invoices[0].open", equalTo("2300.00"),
                            "invoices[1].count", equalTo(1),
                            "invoices[1].amount", equalTo("700.00"),
                            "invoices[1].paid", equalTo("550.00"),
                            "invoices[1].credited", equalTo("50.00"),
                            "invoices[1].writtenOff", equalTo("100.00"),
                            "invoices[1].open", equalTo("0.00"),
                            "payments.currency", contains("EUR", "USD"),
                            "payments[0].count", equalTo(2),
                            "payments[0].amount", equalTo("700.00"),
                            "payments[0].unapplied", equalTo("0.00"),
                            "payments[1].count", equalTo(1),
                            "payments[1].amount", equalTo("600.00"),
                            "payments[1].unapplied", equalTo("50.00"),
                            "creditNotes.currency", contains("EUR", "USD"),
                            "creditNotes[0].count", equalTo(1),
                            "creditNotes[0].amount", equalTo("500.00"),
                            "creditNotes[1].count", equalTo(1),
                            "creditNotes[1].amount", equalTo("50.00")));
        } finally {
            clock.reset();
        }
        given().get("/api/v1/invoices/" + a).then().body("paid", equalTo(700.0f));
    }

    /**
     * Czech korunas and Icelandic krónur are used by no other test of this module, so the
     * ledger-wide figures in them are exactly this test's documents. The krona has no minor unit.
     */
    @Test
    @TestSecurity(user = "erp.sap", roles = { "erp", "viewer" })
    void theWholeLedgerIsReconciledAcrossBuyersAtEachCurrencysScale() {
        String first = unique("B-REC");
        String second = unique("B-REC");
        String third = unique("B-REC");
        String koruna = unique("INV");
        String krona = unique("INV");
        Api.invoice(first, koruna, "2026-11-01", "2026-12-01", "1200.50", "CZK");
        Api.payment(first, unique("PAY"), "2026-11-10", "200.25", "CZK", koruna);
        Api.invoice(second, krona, "2026-11-01", "2026-12-01", "150000", "ISK");
        Api.creditNote(second, unique("CN"), krona, "2026-11-05", "20000", "ISK");
        Api.payment(second, unique("PAY"), "2026-11-10", "30000", "ISK", krona);
        // nothing of this buyer is open: the cash stays unapplied
        Api.payment(third, unique("PAY"), "2026-11-11", "5000", "ISK", null);

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/api/v1/reconciliation")
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
        given().queryParam("buyerId", third).get("/api/v1/reconciliation")
                .then().statusCode(200)
                .body("invoices", empty(), "payments.currency", contains("ISK"), "payments[0].unapplied", equalTo("5000"));
    }

    @Test
    @TestSecurity(user = "viewer.v", roles = "viewer")
    void anUnknownBuyerIsANotFoundProblem() {
        given().queryParam("buyerId", "NO-SUCH-BUYER").get("/api/v1/reconciliation")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://creditcontrol.io/problems/not-found"),
                        "detail", containsString("NO-SUCH-BUYER"));
    }

    @Test
    void readersMayReconcileTheErpMayNotAndAnonymousCallersAreRefused() {
        given().get("/api/v1/reconciliation").then().statusCode(401);
        given().auth().oauth2(Tokens.of("erp.sap", "erp")).get("/api/v1/reconciliation").then().statusCode(403);
        for (String role : new String[] { "viewer", "analyst", "approver", "collector", "admin" }) {
            given().auth().oauth2(Tokens.of(role + ".user", role)).get("/api/v1/reconciliation")
                    .then().statusCode(200).body("service", equalTo("collections-service"));
        }
    }
}
