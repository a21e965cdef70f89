package io.creditcontrol.alerts.alert;

import static io.creditcontrol.alerts.TestAlerts.alertsOf;
import static io.creditcontrol.alerts.TestAlerts.awaitAlert;
import static io.creditcontrol.alerts.TestAlerts.awaitApplied;
import static io.creditcontrol.alerts.TestApi.api;
import static io.creditcontrol.alerts.messaging.TestEvents.event;
import static io.creditcontrol.alerts.messaging.TestEvents.invoiceIssued;
import static io.creditcontrol.alerts.messaging.TestEvents.paymentReceived;
import static io.creditcontrol.alerts.messaging.TestEvents.publishBuyerEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.publishInvoiceEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.publishPaymentEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.riskSignalData;
import static io.creditcontrol.alerts.messaging.TestEvents.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.creditcontrol.alerts.messaging.events.BuyerEvents;
import io.creditcontrol.alerts.rules.ScheduledEvaluation;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/** Deduplication, the lifecycle with its history, automatic resolution and the query API. */
@QuarkusTest
class AlertLifecycleTest {

    @Inject
    ScheduledEvaluation evaluation;

    @Test
    @TestSecurity(user = "test-viewer", roles = "viewer")
    void theSameCauseFiringAgainIsFoldedIntoOneAlertWithACount() {
        String buyer = unique("B");
        publishBuyerEvent(buyer, event(BuyerEvents.RISK_SIGNAL_REPORTED, buyer, riskSignalData(buyer, "NEGATIVE_NEWS", "2026-11-10", "LOW")));
        String second = event(BuyerEvents.RISK_SIGNAL_REPORTED, buyer, riskSignalData(buyer, "NEGATIVE_NEWS", "2026-11-18", "LOW"));
        publishBuyerEvent(buyer, second);
        // the same event delivered again is not a new occurrence
        publishBuyerEvent(buyer, second);

        Map<String, Object> alert = awaitAlert(buyer, "RISK_SIGNAL", a -> Integer.valueOf(2).equals(a.get("count")));
        awaitApplied(second);
        evaluation.evaluateAll();
        assertEquals(1, alertsOf(buyer, "RISK_SIGNAL").size());
        // every recorded firing is counted by rule and severity
        String metrics = api().get("/q/metrics").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("credit_alerts_raised_total{rule=\"RISK_SIGNAL\",severity=\"INFO\"}"), "metric");
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("credit_outbox_pending"), "outbox gauge");
        api().get("/api/v1/alerts/" + alert.get("alertId")).then().statusCode(200)
                .body("alert.count", equalTo(2),
                        "history.action", contains("RAISED", "FIRED_AGAIN"),
                        "history.count", contains(1, 2),
                        "history.actor", contains("system", "system"));
    }

    @Test
    @TestSecurity(user = "ana.analyst", roles = "analyst")
    void anAlertIsAcknowledgedThenResolvedWithANoteAndEveryStepIsInItsHistory() {
        String buyer = unique("B");
        publishBuyerEvent(buyer, event(BuyerEvents.RISK_SIGNAL_REPORTED, buyer, riskSignalData(buyer, "BANK_ACCOUNT_CHANGE", "2026-11-20", "MEDIUM")));
        String alertId = (String) awaitAlert(buyer, "RISK_SIGNAL").get("alertId");

        api().contentType(ContentType.JSON).body("{\"note\":\"calling the buyer\"}")
                .post("/api/v1/alerts/" + alertId + "/acknowledge").then().statusCode(200)
                .body("alert.state", equalTo("ACKNOWLEDGED"), "alert.acknowledgedBy", equalTo("ana.analyst"));
        // only an open alert can be acknowledged
        api().contentType(ContentType.JSON).body("{}").post("/api/v1/alerts/" + alertId + "/acknowledge").then().statusCode(409)
                .contentType("application/problem+json");
        // a resolution needs a note; a body carrying a field the client does not own is refused
        api().contentType(ContentType.JSON).body("{}").post("/api/v1/alerts/" + alertId + "/resolve").then().statusCode(400)
                .body("violations.field", contains("note"));
        api().contentType(ContentType.JSON).body("{\"note\":\"x\",\"state\":\"OPEN\"}").post("/api/v1/alerts/" + alertId + "/resolve")
                .then().statusCode(400).body("violations.field", contains("state"));

        api().contentType(ContentType.JSON).body("{\"note\":\"bank change confirmed by phone with the CFO\"}")
                .post("/api/v1/alerts/" + alertId + "/resolve").then().statusCode(200)
                .body("alert.state", equalTo("RESOLVED"), "alert.resolvedBy", equalTo("ana.analyst"),
                        "history.action", contains("RAISED", "ACKNOWLEDGED", "RESOLVED"),
                        "history.fromState", contains(null, "OPEN", "ACKNOWLEDGED"),
                        "history.toState", contains("OPEN", "ACKNOWLEDGED", "RESOLVED"),
                        "history.actor", contains("system", "ana.analyst", "ana.analyst"),
                        "history.note", contains(null, "calling the buyer", "bank change confirmed by phone with the CFO"));
        api().contentType(ContentType.JSON).body("{\"note\":\"again\"}").post("/api/v1/alerts/" + alertId + "/resolve").then().statusCode(409);
        api().contentType(ContentType.JSON).body("{}").post("/api/v1/alerts/ALR-unknown/acknowledge").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "test-viewer", roles = "viewer")
    void anOverdueAlertIsResolvedByTheRulesWhenTheInvoiceIsPaidAndALaterOverdueOpensANewOne() {
        String buyer = unique("B");
        String invoice = unique("INV");
        publishInvoiceEvent(buyer, invoiceIssued(buyer, invoice, "EUR", "700.00", "2026-09-01", "2026-10-01"));
        String alertId = (String) awaitAlert(buyer, "OVERDUE").get("alertId");

        publishPaymentEvent(buyer, paymentReceived(buyer, unique("PAY"), "EUR", "700.00", "2026-11-23", invoice, "700.00"));
        awaitAlert(buyer, "OVERDUE", a -> "RESOLVED".equals(a.get("state")));
        api().get("/api/v1/alerts/" + alertId).then().statusCode(200)
                .body("alert.resolvedBy", equalTo("system"),
                        "history.action", contains("RAISED", "RESOLVED"),
                        "history[1].note", equalTo("nothing is overdue more than 30 days any more"));

        // a resolved alert never reopens: the cause firing again opens a new alert
        publishInvoiceEvent(buyer, invoiceIssued(buyer, unique("INV"), "EUR", "300.00", "2026-09-05", "2026-10-05"));
        List<Map<String, Object>> both = org.awaitility.Awaitility.await().atMost(io.creditcontrol.alerts.TestAlerts.PATIENCE)
                .until(() -> alertsOf(buyer, "OVERDUE"), list -> list.size() == 2);
        assertNotEquals(both.get(0).get("alertId"), both.get(1).get("alertId"));
    }

    @Test
    @TestSecurity(user = "test-viewer", roles = "viewer")
    void alertsAreFilteredByBuyerSeverityStateRuleAndTimeAndPaged() {
        String buyer = unique("B");
        String last = null;
        for (String signal : List.of("INSOLVENCY_FILING", "BANK_ACCOUNT_CHANGE", "NEGATIVE_NEWS")) {
            last = event(BuyerEvents.RISK_SIGNAL_REPORTED, buyer, riskSignalData(buyer, signal, "2026-11-20", "HIGH"));
            publishBuyerEvent(buyer, last);
        }
        awaitApplied(last);

        api().queryParam("buyerId", buyer).get("/api/v1/alerts").then().statusCode(200).body("total", equalTo(3), "items", hasSize(3));
        api().queryParam("buyerId", buyer).queryParam("severity", "CRITICAL").get("/api/v1/alerts").then().statusCode(200)
                .body("items.cause", contains("INSOLVENCY_FILING"));
        api().queryParam("buyerId", buyer).queryParam("state", "OPEN").queryParam("rule", "RISK_SIGNAL").get("/api/v1/alerts")
                .then().statusCode(200).body("total", equalTo(3));
        api().queryParam("buyerId", buyer).queryParam("state", "RESOLVED").get("/api/v1/alerts").then().statusCode(200).body("total", equalTo(0));
        api().queryParam("buyerId", buyer).queryParam("rule", "OVERDUE").get("/api/v1/alerts").then().statusCode(200).body("total", equalTo(0));
        // raised at the test clock's 2026-11-24T09:30:00Z: "from" is inclusive, "to" exclusive
        api().queryParam("buyerId", buyer).queryParam("from", "2026-11-24T09:30:00Z").get("/api/v1/alerts").then().body("total", equalTo(3));
        api().queryParam("buyerId", buyer).queryParam("to", "2026-11-24T09:30:00Z").get("/api/v1/alerts").then().body("total", equalTo(0));
        api().queryParam("buyerId", buyer).queryParam("from", "2026-11-24T10:30:00+01:00").queryParam("to", "2026-11-25T00:00:00Z")
                .get("/api/v1/alerts").then().body("total", equalTo(3));

        List<Object> firstPage = api().queryParam("buyerId", buyer).queryParam("size", 2).get("/api/v1/alerts").then().statusCode(200)
                .body("items", hasSize(2), "page", equalTo(0), "size", equalTo(2), "total", equalTo(3)).extract().jsonPath().getList("items.alertId");
        List<Object> secondPage = api().queryParam("buyerId", buyer).queryParam("size", 2).queryParam("page", 1).get("/api/v1/alerts").then()
                .statusCode(200).body("items", hasSize(1)).extract().jsonPath().getList("items.alertId");
        assertEquals(3, new java.util.HashSet<>(List.of(firstPage.get(0), firstPage.get(1), secondPage.get(0))).size());

        api().queryParam("size", 201).get("/api/v1/alerts").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", contains("size"));
        api().queryParam("severity", "HIGH").queryParam("state", "CLOSED").queryParam("from", "yesterday").get("/api/v1/alerts")
                .then().statusCode(400).body("violations.field", contains("severity", "state", "from"));
        api().get("/api/v1/alerts/ALR-does-not-exist").then().statusCode(404).contentType("application/problem+json");
    }
}
