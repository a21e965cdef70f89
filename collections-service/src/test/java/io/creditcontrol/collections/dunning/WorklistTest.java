package io.creditcontrol.collections.dunning;

import static io.creditcontrol.collections.Api.awaitInvoice;
import static io.creditcontrol.collections.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.creditcontrol.collections.Api;
import io.creditcontrol.collections.TestClock;
import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The collectors' worklist, in NOK (no other test uses it) on 2025-09-30. */
@QuarkusTest
@TestSecurity(user = "collector.li", roles = { "erp", "analyst", "approver", "collector", "admin", "viewer" })
class WorklistTest {

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void theBuyersToChaseComeInOrderOfAmountTimesDaysOverdueWithWhatWasDone() {
        String large = unique("B-WL-LARGE");
        String old = unique("B-WL-OLD");
        String recent = unique("B-WL-RECENT");
        String paid = unique("B-WL-PAID");
        clock.setToday(LocalDate.parse("2025-09-30"));
        String largeInvoice = unique("INV");
        Api.invoice(large, largeInvoice, "2025-07-01", "2025-08-01", "1000.00", "NOK");  // 60 days: 60,000
        Api.invoice(old, unique("INV"), "2025-05-23", "2025-06-22", "100.00", "NOK");     // 100 days: 10,000
        Api.invoice(recent, unique("INV"), "2025-08-25", "2025-09-25", "5000.00", "NOK"); // 5 days: 25,000
        String paidInvoice = unique("INV");
        Api.invoice(paid, paidInvoice, "2025-07-01", "2025-08-01", "900.00", "NOK");
        Api.payment(paid, unique("PAY"), "2025-09-01", "900.00", "NOK", paidInvoice);
        awaitInvoice(paidInvoice, json -> json.getFloat("open") == 0.0f);
        awaitInvoice(largeInvoice, json -> true);
        given().post("/api/v1/dunning/runs").then().statusCode(200);

        given().get("/api/v1/worklist?currency=NOK").then().statusCode(200)
                .body("buyerId", contains(large, recent, old),
                        "overdueAmount", contains(1000.0f, 5000.0f, 100.0f),
                        "maxDaysPastDue", contains(60, 5, 100),
                        "bucket", contains("31-60", "1-30", "90+"),
                        "priority", contains(60000.0f, 25000.0f, 10000.0f),
                        "[0].lastStep.step", equalTo("STOP_SUPPLY"),
                        "[0].lastStep.executedOn", equalTo("2025-09-30"));

        given().get("/api/v1/worklist?currency=NOK&bucket=31-60").then().statusCode(200)
                .body("buyerId", contains(large));
        given().get("/api/v1/worklist?bucket=7-12").then().statusCode(400).body("violations[0].field", equalTo("bucket"));
    }

    @Test
    void aCollectorSeesTheirBuyersWithTheLastContactAndItsOutcome() {
        String mine = unique("B-WL-MINE");
        String theirs = unique("B-WL-THEIRS");
        clock.setToday(LocalDate.parse("2025-10-15"));
        String invoice = unique("INV");
        Api.invoice(mine, invoice, "2025-09-01", "2025-10-01", "300.00", "NOK");
        Api.invoice(theirs, unique("INV"), "2025-09-01", "2025-10-01", "900.00", "NOK");
        awaitInvoice(invoice, json -> true);
        given().contentType(ContentType.JSON).body("{\"collector\":\"collector.li\"}")
                .put("/api/v1/buyers/" + mine + "/collector").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"collector\":\"collector.ng\"}")
                .put("/api/v1/buyers/" + theirs + "/collector").then().statusCode(200);
        given().contentType(ContentType.JSON).body("""
                {"channel":"PHONE","outcome":"NO_ANSWER","note":"voicemail left"}""")
                .post("/api/v1/buyers/" + mine + "/contacts").then().statusCode(201).body("contactedOn", equalTo("2025-10-15"));

        given().get("/api/v1/worklist?currency=NOK&collector=collector.li").then().statusCode(200)
                .body("buyerId", contains(mine),
                        "[0].collector", equalTo("collector.li"),
                        "[0].lastContact.outcome", equalTo("NO_ANSWER"),
                        "[0].lastContact.note", equalTo("voicemail left"));
        given().get("/api/v1/buyers/" + mine + "/contacts").then().body("outcome", contains("NO_ANSWER"));
        given().contentType(ContentType.JSON).body("{\"collector\":\"\",\"channel\":\"FAX\"}")
                .post("/api/v1/buyers/" + mine + "/contacts").then().statusCode(400);
    }

    @Test
    void aCollectorCallStepIsAnOpenTaskUntilTheCollectorRecordsAContact() {
        String buyer = unique("B-WL-CALL");
        String collector = unique("collector");
        String invoice = unique("INV");
        clock.setToday(LocalDate.parse("2025-11-01"));
        Api.invoice(buyer, invoice, "2025-10-01", "2025-11-01", "640.00", "NOK");
        awaitInvoice(invoice, json -> true);
        given().contentType(ContentType.JSON).body("{\"collector\":\"" + collector + "\"}")
                .put("/api/v1/buyers/" + buyer + "/collector").then().statusCode(200);
        clock.setToday(LocalDate.parse("2025-12-01")); // 30 days past due: the standard strategy's collector call
        given().post("/api/v1/dunning/runs").then().statusCode(200);
        given().get("/api/v1/worklist?currency=NOK&collector=" + collector).then().statusCode(200)
                .body("[0].buyerId", equalTo(buyer), "[0].openCallTasks.step", contains("COLLECTOR_CALL"),
                        "[0].openCallTasks[0].since", equalTo("2025-12-01"), "[0].openCallTasks[0].chasedAmount", equalTo(640.0f));

        clock.setToday(LocalDate.parse("2025-12-02"));
        given().contentType(ContentType.JSON).body("""
                {"channel":"PHONE","outcome":"PROMISE_TAKEN","note":"pays Friday"}""")
                .post("/api/v1/buyers/" + buyer + "/contacts").then().statusCode(201);
        given().get("/api/v1/worklist?currency=NOK&collector=" + collector).then().statusCode(200)
                .body("[0].buyerId", equalTo(buyer), "[0].openCallTasks.size()", equalTo(0), "[0].lastContact.outcome", equalTo("PROMISE_TAKEN"));
    }
}
