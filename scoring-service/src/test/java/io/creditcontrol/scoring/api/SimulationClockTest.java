package io.creditcontrol.scoring.api;

import static io.creditcontrol.scoring.api.SecurityTest.PATIENCE;
import static io.creditcontrol.scoring.api.SecurityTest.as;
import static io.creditcontrol.scoring.messaging.TestEvents.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The simulation clock of a scenario run (docs/simulator.md), with real tokens: an admin moves the
 * service's date, readers see it, and a forward move runs the re-scoring worker (periodic reviews,
 * then the queue) for each date passed over, once. The profile runs the service on its production
 * clock wiring (the tests' fixed clock left out) and stops the worker's real-time schedule, so a
 * buyer is scored only when a clock move runs the worker. Only
 * {@link #aForwardMoveRunsTheReviewsOfTheDatesPassedOverOnce} needs the worker to run, so it uses
 * the latest dates: the other tests only move the clock back from them.
 */
@QuarkusTest
@TestProfile(SimulationClockTest.AdjustableClock.class)
class SimulationClockTest {

    public static class AdjustableClock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("credit.simulation.clock-adjustable", "true",
                    "quarkus.arc.exclude-types", "io.creditcontrol.scoring.config.FixedClock",
                    "credit.rescore.interval", "off");
        }
    }

    private static ValidatableResponse moveClock(String role, String body) {
        return as(role + ".sim", role).contentType(ContentType.JSON).body(body).put("/api/v1/simulation/clock").then();
    }

    private static void moveClockTo(String now) {
        moveClock("admin", "{\"now\":\"" + now + "\"}").statusCode(200).body("now", equalTo(now));
    }

    private static ValidatableResponse score(String buyer) {
        return as("vera.viewer", "viewer").get("/api/v1/buyers/" + buyer + "/score").then();
    }

    @Test
    void anAdminMovesTheClockAndReadersSeeIt() {
        moveClock("admin", "{\"now\":\"2024-01-10T00:00:00Z\"}").statusCode(200)
                .body("now", equalTo("2024-01-10T00:00:00Z"), "previous", notNullValue());
        moveClock("admin", "{\"now\":\"2024-01-05T00:00:00+08:00\"}").statusCode(200)
                .body("now", equalTo("2024-01-04T16:00:00Z"), "previous", startsWith("2024-01-10T00:00:0"));
        for (String reader : Roles.READERS) {
            as(reader + ".sim", reader).get("/api/v1/simulation/clock").then().statusCode(200)
                    .body("now", startsWith("2024-01-04T16:0"), "adjustable", equalTo(true));
        }
    }

    @Test
    void onlyAnAdminMovesTheClock() {
        for (String role : List.of(Roles.ERP, Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR)) {
            moveClock(role, "{\"now\":\"2024-01-10T00:00:00Z\"}").statusCode(403);
        }
        as("erp.sim", Roles.ERP).get("/api/v1/simulation/clock").then().statusCode(403);
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
    void aForwardMoveRunsTheReviewsOfTheDatesPassedOverOnce() {
        moveClockTo("2024-03-01T00:00:00Z");
        String buyer = unique("SIM");
        as("erp-client", "erp").contentType(ContentType.JSON).body(Map.of("buyerId", buyer, "name", "Zeit GmbH", "country", "DE"))
                .post("/api/v1/buyers").then().statusCode(202);
        await().atMost(PATIENCE).untilAsserted(() -> as("vera.viewer", "viewer").get("/api/v1/buyers/" + buyer).then().statusCode(200));

        moveClockTo("2024-03-01T06:00:00Z");
        score(buyer).statusCode(404); // queued: the same date again runs nothing

        moveClockTo("2024-03-02T12:00:00Z");
        score(buyer).statusCode(200).body("assessedAt", startsWith("2024-03-02T12:00:"), "reviewedAt", startsWith("2024-03-02T12:00:"));

        // the review cycle is 30 days: not due on 04-01 (cut-off 03-02T00:00), due on 04-02 (cut-off 03-03T00:00)
        moveClockTo("2024-04-01T00:00:00Z");
        score(buyer).statusCode(200).body("reviewedAt", startsWith("2024-03-02T12:00:"));
        moveClockTo("2024-04-03T00:00:00Z");
        score(buyer).statusCode(200).body("reviewedAt", startsWith("2024-04-02T00:00:"),
                "reviewedBecause", startsWith("periodic review"));

        // back a day and forward again: 2024-04-03 has had its run, so the signal's re-score waits for 04-04
        moveClockTo("2024-04-02T00:00:00Z");
        as("ana.lyst", "analyst").contentType(ContentType.JSON).body(Map.of("signal", "NEGATIVE_NEWS", "observedOn", "2024-04-01"))
                .post("/api/v1/buyers/" + buyer + "/risk-signals").then().statusCode(202);
        await().atMost(PATIENCE).untilAsserted(() -> as("vera.viewer", "viewer").get("/api/v1/buyers/" + buyer).then()
                .statusCode(200).body("riskSignals", hasSize(1)));
        moveClockTo("2024-04-03T00:00:00Z");
        score(buyer).statusCode(200).body("reviewedAt", startsWith("2024-04-02T00:00:"));
        moveClockTo("2024-04-04T00:00:00Z");
        score(buyer).statusCode(200).body("reviewedAt", startsWith("2024-04-04T00:00:"),
                "reviewedBecause", startsWith("credit.buyer.risk-signal-reported"));
    }
}
