package io.creditcontrol.limits.api;

import static io.creditcontrol.limits.Amounts.amount;
import static io.creditcontrol.limits.api.CreditFixtures.check;
import static io.creditcontrol.limits.api.CreditFixtures.knownBuyer;
import static io.creditcontrol.limits.api.CreditFixtures.limit;
import static io.creditcontrol.limits.messaging.TestEvents.invoiceDisputed;
import static io.creditcontrol.limits.messaging.TestEvents.invoiceIssued;
import static io.creditcontrol.limits.messaging.TestEvents.unique;
import static io.creditcontrol.limits.Auth.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.creditcontrol.limits.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** While an insurer's cover is valid, the limit used is capped at cover + 10 % uninsured tolerance, and disputes count as uninsured. */
@QuarkusTest
class InsuranceCoverTest {

    static ValidatableResponse cover(String buyer, String amount, LocalDate from, LocalDate to) {
        return given().auth().oauth2(io.creditcontrol.limits.Auth.token("analyst.meier")).contentType(ContentType.JSON)
                .body("{\"amount\":" + amount + ",\"currency\":\"EUR\",\"validFrom\":\"" + from + "\",\"validTo\":\"" + to
                        + "\",\"insurer\":\"Allianz Trade\",\"policyNumber\":\"POL-4711\"}")
                .put("/api/v1/buyers/" + buyer + "/insurance-cover").then();
    }

    @Test
    void aValidCoverCapsTheLimitAtCoverPlusTheUninsuredTolerance() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "100000.00", "EUR");
        cover(buyer, "50000.00", TestClock.TODAY.minusDays(1), TestClock.TODAY.plusDays(90)).statusCode(200)
                .body("insurer", equalTo("Allianz Trade"), "recordedBy", equalTo("analyst.meier"));

        check(buyer, "SO-1", "55000.00", "EUR").statusCode(200).body("decision", equalTo("APPROVED"), "limit", amount("55000"));
        check(buyer, "SO-2", "0.01", "EUR").statusCode(200)
                .body("decision", equalTo("REFERRED"), "reasonCodes", contains("LIMIT_EXCEEDED"), "headroom", amount("0"));
    }

    @Test
    void anExpiredCoverNoLongerCapsTheLimit() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "100000.00", "EUR");
        cover(buyer, "50000.00", TestClock.TODAY.minusDays(400), TestClock.TODAY.minusDays(1)).statusCode(200);

        check(buyer, "SO-1", "60000.00", "EUR").statusCode(200).body("decision", equalTo("APPROVED"), "limit", amount("100000.00"));
    }

    @Test
    void disputedInvoicesBeyondTheUninsuredToleranceReferOrders() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "100000.00", "EUR");
        cover(buyer, "10000.00", TestClock.TODAY.minusDays(1), TestClock.TODAY.plusDays(90)).statusCode(200);
        String invoice = unique("INV");
        invoiceIssued(buyer, invoice, "5000.00", "EUR", TestClock.TODAY.minusDays(5), TestClock.TODAY.plusDays(25)).publish().awaitApplied();
        invoiceDisputed(buyer, unique("DSP"), invoice, "1000.00", "EUR").publish().awaitApplied();
        check(buyer, "SO-1", "100.00", "EUR").statusCode(200).body("decision", equalTo("APPROVED"));

        invoiceDisputed(buyer, unique("DSP"), invoice, "0.01", "EUR").publish().awaitApplied();
        check(buyer, "SO-2", "100.00", "EUR").statusCode(200)
                .body("decision", equalTo("REFERRED"), "reasonCodes", contains("UNINSURED_EXPOSURE_EXCEEDED"));
    }

    @Test
    void everyCoverChangeIsKeptWithWhoWhenAndWhatChanged() {
        String buyer = knownBuyer(unique("B"));
        given().get("/api/v1/buyers/" + buyer + "/insurance-cover/history").then().statusCode(200).body("size()", equalTo(0));
        cover(buyer, "50000.00", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)).statusCode(200);
        // the insurer raises the cover and extends it; another analyst records it (the token's user, whatever the body says)
        given().auth().oauth2(io.creditcontrol.limits.Auth.token("analyst.huber")).contentType(ContentType.JSON)
                .body("{\"amount\":80000.00,\"currency\":\"EUR\",\"validFrom\":\"2026-01-01\",\"validTo\":\"2027-06-30\","
                        + "\"insurer\":\"Allianz Trade\",\"policyNumber\":\"POL-4711\"}")
                .put("/api/v1/buyers/" + buyer + "/insurance-cover").then().statusCode(200).body("recordedBy", equalTo("analyst.huber"));
        // the same cover again is no change
        given().auth().oauth2(io.creditcontrol.limits.Auth.token("analyst.huber")).contentType(ContentType.JSON)
                .body("{\"amount\":80000,\"currency\":\"EUR\",\"validFrom\":\"2026-01-01\",\"validTo\":\"2027-06-30\","
                        + "\"insurer\":\"Allianz Trade\",\"policyNumber\":\"POL-4711\"}")
                .put("/api/v1/buyers/" + buyer + "/insurance-cover").then().statusCode(200);

        given().auth().oauth2(io.creditcontrol.limits.Auth.token("viewer.v", "viewer"))
                .get("/api/v1/buyers/" + buyer + "/insurance-cover/history").then().statusCode(200)
                .body("size()", equalTo(2),
                        "[0].recordedBy", equalTo("analyst.meier"), "[0].amount", amount("50000"),
                        "[0].changes.field", contains("amount", "currency", "validFrom", "validTo", "insurer", "policyNumber"),
                        "[0].changes[0].from", org.hamcrest.Matchers.nullValue(), "[0].changes[0].to", equalTo("50000"),
                        "[1].recordedBy", equalTo("analyst.huber"), "[1].amount", amount("80000"), "[1].validTo", equalTo("2027-06-30"),
                        "[1].recordedAt", org.hamcrest.Matchers.notNullValue(),
                        "[1].changes.field", contains("amount", "validTo"),
                        "[1].changes[0].from", equalTo("50000"), "[1].changes[0].to", equalTo("80000"),
                        "[1].changes[1].from", equalTo("2026-12-31"), "[1].changes[1].to", equalTo("2027-06-30"));
        // the cover itself holds the latest values
        given().get("/api/v1/buyers/" + buyer + "/insurance-cover").then().body("amount", amount("80000"), "recordedBy", equalTo("analyst.huber"));
        // same roles as GET of the cover: not the ERP
        given().auth().oauth2(io.creditcontrol.limits.Auth.token("erp.sap", "erp"))
                .get("/api/v1/buyers/" + buyer + "/insurance-cover/history").then().statusCode(403);
        given().get("/api/v1/buyers/no-such-buyer/insurance-cover/history").then().statusCode(404);
    }

    @Test
    void aCoverWithBadFieldsIsRejectedNamingEachField() {
        String buyer = knownBuyer(unique("B"));
        given().auth().oauth2(io.creditcontrol.limits.Auth.token("analyst.meier")).contentType(ContentType.JSON)
                .body("{\"amount\":-1,\"currency\":\"EUR\",\"validFrom\":\"2026-12-01\",\"validTo\":\"2026-01-01\",\"insurer\":\"X\"}")
                .put("/api/v1/buyers/" + buyer + "/insurance-cover").then().statusCode(400)
                .body("violations.field", containsInAnyOrder("amount", "validTo", "policyNumber"));
        given().get("/api/v1/buyers/" + buyer + "/insurance-cover").then().statusCode(404);
    }
}
