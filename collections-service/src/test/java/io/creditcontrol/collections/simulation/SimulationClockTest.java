package io.creditcontrol.collections.simulation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.creditcontrol.collections.Api;
import io.creditcontrol.collections.security.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The simulation clock of a scenario run (docs/simulator.md), with real tokens: an admin moves the
 * service's date, readers see it, and a forward move runs the dunning of each date passed over,
 * once. The profile runs the service on its production clock wiring (the tests' own clock left
 * out). Only {@link #aForwardMoveRunsTheDunningOfTheDatesPassedOverOnce} needs the dunning to run,
 * so it uses the latest dates: the other tests only move the clock back from them.
 */
@QuarkusTest
@TestProfile(SimulationClockTest.AdjustableClock.class)
class SimulationClockTest {

    public static class AdjustableClock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("credit.simulation.clock-adjustable", "true",
                    "quarkus.arc.exclude-types", "io.creditcontrol.collections.TestClock");
        }
    }

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(Tokens.of(role + ".sim", role));
    }

    private static ValidatableResponse moveClock(String role, String body) {
        return as(role).contentType(ContentType.JSON).body(body).put("/api/v1/simulation/clock").then();
    }

    private static void moveClockTo(String now) {
        moveClock("admin", "{\"now\":\"" + now + "\"}").statusCode(200).body("now", equalTo(now));
    }

    private static List<String> stepsOf(String invoice) {
        return as("viewer").get("/api/v1/invoices/" + invoice + "/dunning").then().statusCode(200).extract().jsonPath()
                .getList("steps.step");
    }

    private static String overdueInvoice(String buyer, String due) {
        String invoice = Api.unique("INV-SIM");
        as("erp").contentType(ContentType.JSON).body("""
                {"buyerId":"%s","invoiceNumber":"%s","issueDate":"2024-05-10","dueDate":"%s","amount":"1000.00","currency":"EUR"}"""
                .formatted(buyer, invoice, due)).post("/api/v1/invoices").then().statusCode(201);
        Api.awaitInvoice(invoice, json -> true, () -> as("viewer"));
        return invoice;
    }

    @Test
    void anAdminMovesTheClockAndReadersSeeIt() {
        moveClock("admin", "{\"now\":\"2024-01-10T00:00:00Z\"}").statusCode(200)
                .body("now", equalTo("2024-01-10T00:00:00Z"), "previous", notNullValue());
        moveClock("admin", "{\"now\":\"2024-01-05T00:00:00+08:00\"}").statusCode(200)
                .body("now", equalTo("2024-01-04T16:00:00Z"), "previous", startsWith("2024-01-10T00:00:0"));
        for (String reader : List.of("viewer", "analyst", "approver", "collector", "admin")) {
            as(reader).get("/api/v1/simulation/clock").then().statusCode(200)
                    .body("now", startsWith("2024-01-04T16:0"), "adjustable", equalTo(true));
        }
        // the aging report is reckoned as of the simulated date
        as("viewer").get("/api/v1/aging").then().statusCode(200).body("asOf", equalTo("2024-01-04"));
    }

    @Test
    void onlyAnAdminMovesTheClock() {
        for (String role : List.of("erp", "viewer", "analyst", "approver", "collector")) {
            moveClock(role, "{\"now\":\"2024-01-10T00:00:00Z\"}").statusCode(403).contentType("application/problem+json");
        }
        as("erp").get("/api/v1/simulation/clock").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"now\":\"2024-01-10T00:00:00Z\"}").put("/api/v1/simulation/clock")
                .then().statusCode(401);
        given().get("/api/v1/simulation/clock").then().statusCode(401);
    }

    @Test
    void aMissingOrMalformedNowIsABadRequestNamingIt() {
        for (String body : List.of("{}", "{\"now\":null}", "{\"now\":\"2024-01-10\"}", "{\"now\":\"2024-01-10T00:00:00\"}",
                "{\"now\":\"2024-01-10T00:00Z\"}", "{\"now\":\"yesterday\"}", "{\"now\":{}}")) {
            moveClock("admin", body).statusCode(400).contentType("application/problem+json")
                    .body("violations.field", contains("now"));
        }
        moveClock("admin", "").statusCode(400).body("violations.field", contains("now"));
        moveClock("admin", "{\"now\":\"2024-01-10T00:00:00Z\",\"offset\":\"P1D\"}").statusCode(400)
                .body("violations.field", contains("offset"));
    }

    @Test
    void aForwardMoveRunsTheDunningOfTheDatesPassedOverOnce() {
        String buyer = Api.unique("B-SIM");
        moveClockTo("2024-06-10T00:00:00Z");
        String invoice = overdueInvoice(buyer, "2024-06-09");

        moveClockTo("2024-06-10T00:00:00Z");
        assertEquals(List.of(), stepsOf(invoice), "the same date again runs nothing");

        moveClockTo("2024-06-11T00:00:00Z");
        as("viewer").get("/api/v1/invoices/" + invoice + "/dunning").then().statusCode(200)
                .body("steps.step", contains("DUE_DATE_REMINDER"), "steps[0].executedOn", equalTo("2024-06-11"),
                        "steps[0].daysPastDue", equalTo(2), "steps[0].executedAt", startsWith("2024-06-11T00:00:"));

        // back a day and forward again: 2024-06-11 has had its dunning run
        moveClockTo("2024-06-10T00:00:00Z");
        String late = overdueInvoice(buyer, "2024-06-09");
        moveClockTo("2024-06-11T00:00:00Z");
        assertEquals(List.of(), stepsOf(late), "a date's dunning runs once");

        // two dates at once: each runs, in order
        moveClockTo("2024-06-13T00:00:00Z");
        as("viewer").get("/api/v1/invoices/" + late + "/dunning").then().statusCode(200)
                .body("steps.step", contains("DUE_DATE_REMINDER"), "steps[0].executedOn", equalTo("2024-06-12"));
        assertEquals(List.of("DUE_DATE_REMINDER"), stepsOf(invoice), "nothing more for the first invoice before its first notice");
    }
}
