package io.creditcontrol.collections.dunning;

import static io.creditcontrol.collections.Api.awaitInvoice;
import static io.creditcontrol.collections.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.creditcontrol.collections.Api;
import io.creditcontrol.collections.TestClock;
import io.creditcontrol.collections.contract.EventContractTest;
import io.creditcontrol.collections.messaging.OutboxEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/**
 * Insured buyers: protracted default 90 days after the due date, to be reported within 15 days,
 * raised 5 days before the deadline (credit.insurer.* defaults). Dates in 2021, amounts in DKK.
 */
@QuarkusTest
@TestSecurity(user = "collector.li", roles = { "erp", "analyst", "approver", "collector", "admin", "viewer" })
class InsurerDeadlineTest {

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

    @Test
    void theInsurerDeadlineOfAnInsuredBuyerIsRaisedFiveDaysBeforeItPassesAndOnlyOnce() throws Exception {
        String insured = unique("B-INS");
        String uninsured = unique("B-UNINS");
        String invoice = unique("INV");
        String other = unique("INV");
        clock.setToday(LocalDate.parse("2021-01-01"));
        given().contentType(ContentType.JSON).body("{\"insurer\":\"Allianz Trade\",\"policyNumber\":\"POL-1\"}")
                .put("/api/v1/buyers/" + insured + "/credit-insurance").then().statusCode(200).body("insurer", equalTo("Allianz Trade"));
        Api.invoice(insured, invoice, "2021-01-01", "2021-01-31", "800.00", "DKK");
        Api.invoice(uninsured, other, "2021-01-01", "2021-01-31", "800.00", "DKK");
        awaitInvoice(invoice, json -> true);
        awaitInvoice(other, json -> true);

        runOn("2021-05-10");
        given().get("/api/v1/invoices/" + invoice + "/dunning").then()
                .body("steps.step", contains("LEGAL_HANDOVER"), "nextReviewOn", equalTo("2021-05-11"));

        runOn("2021-05-11");
        runOn("2021-05-12");
        given().get("/api/v1/invoices/" + invoice + "/dunning").then()
                .body("steps.step", contains("LEGAL_HANDOVER", "INSURER_DEADLINE"),
                        "steps[1].dueBy", equalTo("2021-05-16"), "steps[1].action", equalTo("INSURER_REPORT_DUE"));
        given().get("/api/v1/invoices/" + other + "/dunning").then().body("steps.step", contains("LEGAL_HANDOVER"));
        given().get("/api/v1/worklist?currency=DKK").then()
                .body("find { it.buyerId == '%s' }.insurerDeadline".formatted(insured), equalTo("2021-05-16"),
                        "find { it.buyerId == '%s' }.insurerDeadline".formatted(uninsured), equalTo(null));

        List<OutboxEvent> raised = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>list(
                "recordKey = ?1 and eventType = ?2 and payload like ?3", insured, "credit.dunning.step-executed", "%INSURER_DEADLINE%"));
        assertEquals(1, raised.size());
        JsonNode event = mapper.readTree(raised.get(0).payload);
        assertEquals("2021-05-16", event.path("data").path("dueBy").asText());
        assertTrue(EventContractTest.schemaFor("credit.dunning.step-executed").validate(event).isEmpty());
    }

    @Test
    void insuranceNeedsAnInsurerAndAPolicy() {
        given().contentType(ContentType.JSON).body("{\"insurer\":\"\"}")
                .put("/api/v1/buyers/B-X/credit-insurance").then().statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder("insurer", "policyNumber"));
    }
}
