package io.creditcontrol.collections.dunning;

import static io.creditcontrol.collections.Api.awaitInvoice;
import static io.creditcontrol.collections.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.creditcontrol.collections.Api;
import io.creditcontrol.collections.TestClock;
import io.creditcontrol.collections.contract.EventContractTest;
import io.creditcontrol.collections.messaging.OutboxEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/** Payment plans: instalment reminders while on track, a missed instalment breaks the plan and escalates. */
@QuarkusTest
@TestSecurity(user = "collector.li", roles = { "erp", "analyst", "approver", "collector", "admin", "viewer" })
class PaymentPlanTest {

    @Inject
    TestClock clock;
    @Inject
    ObjectMapper mapper;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    void runOn(String day) {
        clock.setToday(LocalDate.parse(day));
        given().post("/api/v1/dunning/runs").then().statusCode(200);
    }

    static String plan(String planId, String invoice, String... instalments) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < instalments.length; i += 2) {
            list.append(i == 0 ? "" : ",").append("{\"dueDate\":\"%s\",\"amount\":\"%s\"}".formatted(instalments[i], instalments[i + 1]));
        }
        return """
                {"planId":"%s","invoiceNumber":"%s","currency":"EUR","instalments":[%s]}"""
                .formatted(planId, invoice, list);
    }

    @Test
    void instalmentsAreRemindedAndAMissedOneBreaksThePlanAndEscalates() throws Exception {
        String buyer = unique("B-PLAN");
        String invoice = unique("INV");
        String planId = unique("PLAN");
        clock.setToday(LocalDate.parse("2025-07-10"));
        Api.invoice(buyer, invoice, "2025-06-01", "2025-06-30", "900.00", "EUR");
        awaitInvoice(invoice, json -> true);
        given().contentType(ContentType.JSON).body(plan(planId, invoice, "2025-07-20", "300.00", "2025-08-20", "300.00", "2025-09-20", "300.00"))
                .post("/api/v1/payment-plans").then().statusCode(201)
                .body("status", equalTo("OPEN"), "instalments.amount", contains(300.0f, 300.0f, 300.0f));

        runOn("2025-07-16");
        runOn("2025-07-17");
        clock.setToday(LocalDate.parse("2025-07-19"));
        Api.payment(buyer, unique("PAY"), "2025-07-19", "300.00", "EUR", invoice);
        awaitInvoice(invoice, json -> json.getFloat("open") == 600.0f);
        runOn("2025-07-21");
        given().get("/api/v1/invoices/" + invoice + "/dunning").then()
                .body("steps.step", contains("INSTALMENT_1_REMINDER"), "steps[0].dueBy", equalTo("2025-07-20"),
                        "paymentPlan.status", equalTo("OPEN"));

        runOn("2025-08-17");
        runOn("2025-08-21"); // the second instalment was not paid

        given().get("/api/v1/invoices/" + invoice + "/dunning").then()
                .body("steps.step", contains("INSTALMENT_1_REMINDER", "INSTALMENT_2_REMINDER", "FORMAL_DEMAND"),
                        "steps[2].cause", equalTo("BROKEN_PROMISE"),
                        "paymentPlan.status", equalTo("BROKEN"), "paymentPlan.settledOn", equalTo("2025-08-21"));
        List<OutboxEvent> broken = QuarkusTransaction.requiringNew().call(
                () -> OutboxEvent.<OutboxEvent>list("recordKey = ?1 and eventType = ?2", buyer, "credit.promise.broken"));
        assertEquals(1, broken.size());
        var event = mapper.readTree(broken.get(0).payload);
        assertEquals(planId, event.path("data").path("promiseId").asText());
        assertEquals("300.00", event.path("data").path("amount").asText());
        assertEquals("2025-08-20", event.path("data").path("promisedDate").asText());
        assertEquals(0, EventContractTest.schemaFor("credit.promise.broken").validate(event).size());
    }

    @Test
    void aPlanMustCoverTheOpenAmountWithFutureAscendingDates() {
        String buyer = unique("B-PLANV");
        String invoice = unique("INV");
        clock.setToday(LocalDate.parse("2025-07-10"));
        Api.invoice(buyer, invoice, "2025-06-01", "2025-06-30", "900.00", "EUR");
        awaitInvoice(invoice, json -> true);

        given().contentType(ContentType.JSON).body(plan(unique("PLAN"), invoice, "2025-07-20", "300.00", "2025-08-20", "300.00"))
                .post("/api/v1/payment-plans").then().statusCode(422).body("violations[0].field", equalTo("instalments"));
        given().contentType(ContentType.JSON).body(plan(unique("PLAN"), invoice, "2025-07-01", "450.00", "2025-08-20", "450.00"))
                .post("/api/v1/payment-plans").then().statusCode(400).body("violations[0].field", equalTo("instalments[0].dueDate"));
        given().contentType(ContentType.JSON).body(plan(unique("PLAN"), "NO-SUCH-INVOICE", "2025-07-20", "900.00"))
                .post("/api/v1/payment-plans").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"planId\":\"P-1\",\"invoiceNumber\":\"x\",\"currency\":\"EUR\",\"instalments\":[]}")
                .post("/api/v1/payment-plans").then().statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.hasItems("instalments"));

        given().get("/api/v1/invoices/" + invoice + "/dunning").then().body("paymentPlan", equalTo(null));
    }
}
