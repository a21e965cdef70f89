package io.creditcontrol.alerts.simulation;

import static io.creditcontrol.alerts.TestAlerts.awaitApplied;
import static io.creditcontrol.alerts.messaging.TestEvents.invoiceIssued;
import static io.creditcontrol.alerts.messaging.TestEvents.paymentReceived;
import static io.creditcontrol.alerts.messaging.TestEvents.publishPaymentEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.publishInvoiceEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.creditcontrol.alerts.api.Roles;
import io.creditcontrol.alerts.rules.ScheduledEvaluation;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

/**
 * The simulation clock of a scenario run (docs/simulator.md), with real tokens: an admin moves the
 * service's date, readers see it, and a forward move runs the date-driven rule sweep of each date
 * passed over, once. The profile runs the service on its production clock wiring (the tests' fixed
 * clock left out); the sweep's real-time schedule is off in tests. Only
 * {@link #aForwardMoveRunsTheRuleSweepOfTheDatesPassedOverOnce} needs the sweep, so it uses the
 * latest dates: the other tests only move the clock back from them (or to earlier dates, and run
 * the sweep themselves).
 */
@QuarkusTest
@TestProfile(SimulationClockTest.AdjustableClock.class)
class SimulationClockTest {

    public static class AdjustableClock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("credit.simulation.clock-adjustable", "true",
                    "quarkus.arc.exclude-types", "io.creditcontrol.alerts.TestClock");
        }
    }

    @Inject
    ScheduledEvaluation evaluation;

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(Jwt.upn(role + ".sim").groups(Set.of(role)).issuer("https://tests.creditcontrol.invalid")
                .audience("credit-control-suite").sign());
    }

    private static ValidatableResponse moveClock(String role, String body) {
        return as(role).contentType(ContentType.JSON).body(body).put("/api/v1/simulation/clock").then();
    }

    private static void moveClockTo(String now) {
        moveClock(Roles.ADMIN, "{\"now\":\"" + now + "\"}").statusCode(200).body("now", equalTo(now));
    }

    private static ValidatableResponse overdueAlerts(String buyer) {
        return as(Roles.VIEWER).queryParam("buyerId", buyer).queryParam("rule", "OVERDUE").get("/api/v1/alerts").then().statusCode(200);
    }

    /** An invoice 30 days past due on 2024-06-10: not yet "more than 30 days overdue", which it is the next day. */
    private static void invoiceDue20240511(String buyer) {
        String issued = invoiceIssued(buyer, unique("INV"), "EUR", "1200.00", "2024-04-11", "2024-05-11");
        publishInvoiceEvent(buyer, issued);
        awaitApplied(issued);
    }

    @Test
    void anAdminMovesTheClockAndReadersSeeIt() {
        moveClock(Roles.ADMIN, "{\"now\":\"2024-01-10T00:00:00Z\"}").statusCode(200)
                .body("now", equalTo("2024-01-10T00:00:00Z"), "previous", notNullValue());
        moveClock(Roles.ADMIN, "{\"now\":\"2024-01-05T00:00:00+08:00\"}").statusCode(200)
                .body("now", equalTo("2024-01-04T16:00:00Z"), "previous", startsWith("2024-01-10T00:00:0"));
        for (String reader : Roles.READERS) {
            as(reader).get("/api/v1/simulation/clock").then().statusCode(200)
                    .body("now", startsWith("2024-01-04T16:0"), "adjustable", equalTo(true));
        }
    }

    @Test
    void onlyAnAdminMovesTheClock() {
        for (String role : List.of(Roles.ERP, Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR)) {
            moveClock(role, "{\"now\":\"2024-01-10T00:00:00Z\"}").statusCode(403);
        }
        as(Roles.ERP).get("/api/v1/simulation/clock").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"now\":\"2024-01-10T00:00:00Z\"}").put("/api/v1/simulation/clock")
                .then().statusCode(401);
        given().get("/api/v1/simulation/clock").then().statusCode(401);
    }

    @Test
    void aMissingOrMalformedNowIsABadRequestNamingIt() {
        for (String body : List.of("{}", "{\"now\":null}", "{\"now\":\"2024-01-10\"}", "{\"now\":\"2024-01-10T00:00:00\"}",
                "{\"now\":\"2024-01-10T00:00Z\"}", "{\"now\":\"yesterday\"}", "{\"now\":{}}")) {
            moveClock(Roles.ADMIN, body).statusCode(400).contentType("application/problem+json")
                    .body("violations.field", contains("now"));
        }
        moveClock(Roles.ADMIN, "").statusCode(400).body("violations.field", contains("now"));
        moveClock(Roles.ADMIN, "{\"now\":\"2024-01-10T00:00:00Z\",\"offset\":\"P1D\"}").statusCode(400)
                .body("violations.field", contains("offset"));
    }

    @Test
    void aForwardMoveRunsTheRuleSweepOfTheDatesPassedOverOnce() {
        String buyer = unique("B-SIM");
        moveClockTo("2024-06-10T00:00:00Z");
        invoiceDue20240511(buyer);
        overdueAlerts(buyer).body("items", empty());

        moveClockTo("2024-06-10T06:00:00Z");
        overdueAlerts(buyer).body("items", empty()); // the same date again sweeps nothing (nor would it find anything)

        moveClockTo("2024-06-11T00:00:00Z");
        overdueAlerts(buyer).body("items.state", contains("OPEN"), "items[0].raisedAt", startsWith("2024-06-11T00:00:"));

        // back a day and forward again: 2024-06-11 has had its sweep
        String late = unique("B-SIM");
        moveClockTo("2024-06-10T00:00:00Z");
        invoiceDue20240511(late);
        moveClockTo("2024-06-11T00:00:00Z");
        overdueAlerts(late).body("items", empty());

        // two dates at once: each is swept, in order
        moveClockTo("2024-06-13T00:00:00Z");
        overdueAlerts(late).body("items.state", contains("OPEN"), "items[0].raisedAt", startsWith("2024-06-12T00:00:"));
    }

    /**
     * The acceptance scenario's false alert: a prompt payer pays without remittance advice. The
     * cash settles its oldest invoice (and part of the next), as in collections-service, so no
     * OVERDUE alert follows when the paid invoice would be more than 30 days past due; only the
     * rest of the next one is chased when its turn comes. Dates before the sweep test's: this
     * test runs the sweep itself after each move.
     */
    @Test
    void anInvoicePaidByUnallocatedCashRaisesNoOverdueAlertAsTheDaysPass() {
        String buyer = unique("B-SIM");
        moveClockTo("2024-03-01T00:00:00Z");
        String older = invoiceIssued(buyer, unique("INV"), "EUR", "1200.00", "2024-01-10", "2024-02-10");
        String newer = invoiceIssued(buyer, unique("INV"), "EUR", "1000.00", "2024-01-20", "2024-02-20");
        publishInvoiceEvent(buyer, older);
        publishInvoiceEvent(buyer, newer);
        awaitApplied(older);
        awaitApplied(newer);
        String payment = paymentReceived(buyer, unique("PAY"), "EUR", "1500.00", "2024-03-01");
        publishPaymentEvent(buyer, payment);
        awaitApplied(payment);

        // the older invoice, paid, would be 35 days past due; the newer one is 25
        moveClockTo("2024-03-16T00:00:00Z");
        evaluation.evaluateAll();
        overdueAlerts(buyer).body("items", empty());

        // the 700 left open on the newer one is 31 days past due
        moveClockTo("2024-03-22T00:00:00Z");
        evaluation.evaluateAll();
        overdueAlerts(buyer).body("items.state", contains("OPEN"),
                "items[0].summary", allOf(startsWith("1 invoice(s) more than 30 days overdue (700"),
                        endsWith(" EUR), the oldest 31 days")));
    }
}
