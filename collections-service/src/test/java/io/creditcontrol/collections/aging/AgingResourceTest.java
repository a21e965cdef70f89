package io.creditcontrol.collections.aging;

import static io.creditcontrol.collections.Api.awaitInvoice;
import static io.creditcontrol.collections.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.creditcontrol.collections.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * Aging as of any date. Amounts are in SEK, which no other test uses, so the portfolio's SEK
 * figures are this buyer's.
 */
@QuarkusTest
@TestSecurity(user = "collector.li", roles = { "erp", "analyst", "approver", "collector", "admin", "viewer" })
class AgingResourceTest {

    static String buyer;
    static String invA;
    static String invB;
    static String invC;
    static String invD;

    @BeforeEach
    void ledger() {
        if (buyer != null) {
            return;
        }
        buyer = unique("B-AGE");
        invA = unique("INV");
        invB = unique("INV");
        invC = unique("INV");
        invD = unique("INV");
        Api.invoice(buyer, invA, "2026-06-01", "2026-06-30", "1000.00", "SEK");
        Api.invoice(buyer, invB, "2026-04-15", "2026-05-15", "400.00", "SEK");
        Api.invoice(buyer, invC, "2026-02-01", "2026-03-01", "300.00", "SEK");
        Api.invoice(buyer, invD, "2025-12-01", "2026-01-01", "200.00", "SEK");
        awaitInvoice(invD, json -> true);
        Api.payment(buyer, unique("PAY"), "2026-06-20", "100.00", "SEK", invB);
        Api.dispute(buyer, unique("DSP"), invC, "2026-06-10", "50.00", "SEK");
        awaitInvoice(invB, json -> json.getFloat("paid") == 100.0f);
        awaitInvoice(invC, json -> json.getFloat("disputed") == 50.0f);
        // a dispute open from 05-20 to 06-05 only
        String settled = unique("DSP");
        Api.dispute(buyer, settled, invD, "2026-05-20", "20.00", "SEK");
        awaitInvoice(invD, json -> json.getFloat("disputed") == 20.0f);
        Api.resolve(settled, "2026-06-05", "REJECTED");
        awaitInvoice(invD, json -> json.getFloat("disputed") == 0.0f);
    }

    @Test
    void aBuyersOpenItemsFallInTheirBucketsWithTheDisputedPartApart() {
        given().get("/api/v1/buyers/" + buyer + "/aging?asOf=2026-06-30").then().statusCode(200)
                .body("asOf", equalTo("2026-06-30"), "buyerId", equalTo(buyer),
                        "currencies[0].currency", equalTo("SEK"),
                        "currencies[0].buckets.bucket", contains("current", "1-30", "31-60", "61-90", "90+"),
                        "currencies[0].buckets.amount", contains(1000.0f, 0.0f, 300.0f, 0.0f, 450.0f),
                        "currencies[0].buckets.disputed", contains(0.0f, 0.0f, 0.0f, 0.0f, 50.0f),
                        "currencies[0].total", equalTo(1800.0f),
                        "currencies[0].overdue", equalTo(750.0f),
                        "currencies[0].disputed", equalTo(50.0f));
    }

    @Test
    void anEarlierDateShowsWhatWasOpenThenBeforeLaterPaymentsDisputesAndInvoices() {
        given().get("/api/v1/buyers/" + buyer + "/aging?asOf=2026-05-01").then().statusCode(200)
                .body("currencies[0].buckets.amount", contains(400.0f, 0.0f, 0.0f, 300.0f, 200.0f),
                        "currencies[0].buckets.disputed", contains(0.0f, 0.0f, 0.0f, 0.0f, 0.0f),
                        "currencies[0].total", equalTo(900.0f));
        given().get("/api/v1/buyers/" + buyer + "/aging?asOf=2026-06-15").then().statusCode(200)
                .body("currencies[0].buckets.amount", contains(1000.0f, 0.0f, 400.0f, 0.0f, 450.0f),
                        "currencies[0].buckets.disputed", contains(0.0f, 0.0f, 0.0f, 0.0f, 50.0f));
    }

    @Test
    void aDisputeResolvedSinceIsShownAsItWasThen() {
        // on 06-01: invB's payment (06-20) and invC's dispute (06-10) are still to come; invD's dispute is open
        given().get("/api/v1/buyers/" + buyer + "/aging?asOf=2026-06-01").then().statusCode(200)
                .body("currencies[0].buckets.amount", contains(1000.0f, 400.0f, 0.0f, 0.0f, 480.0f),
                        "currencies[0].buckets.disputed", contains(0.0f, 0.0f, 0.0f, 0.0f, 20.0f),
                        "currencies[0].total", equalTo(1900.0f));
    }

    @Test
    void aDateAfterEveryMovementShowsTheBalancesAsTheyAreNow() {
        // nothing is dated after 2100-01-01: the report reads the items' balances alone, nothing taken back
        given().get("/api/v1/buyers/" + buyer + "/aging?asOf=2100-01-01").then().statusCode(200)
                .body("currencies[0].buckets.amount", contains(0.0f, 0.0f, 0.0f, 0.0f, 1750.0f),
                        "currencies[0].buckets.disputed", contains(0.0f, 0.0f, 0.0f, 0.0f, 50.0f),
                        "currencies[0].buckets.items", contains(0, 0, 0, 0, 4),
                        "currencies[0].total", equalTo(1800.0f));
    }

    @Test
    void thePortfolioAddsUpEveryBuyer() {
        given().get("/api/v1/aging?asOf=2026-06-30").then().statusCode(200)
                .body("buyerId", equalTo(null),
                        "currencies.find { it.currency == 'SEK' }.buckets.amount", contains(1000.0f, 0.0f, 300.0f, 0.0f, 450.0f),
                        "currencies.find { it.currency == 'SEK' }.disputed", equalTo(50.0f));
    }

    @Test
    void aDateThatIsNotADateIsA400NamingTheParameter() {
        given().get("/api/v1/aging?asOf=30.06.2026").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("asOf"));
    }

    @Test
    void anUnknownBuyerIsA404() {
        given().get("/api/v1/buyers/NO-SUCH-BUYER/aging").then().statusCode(404).contentType("application/problem+json");
    }
}
