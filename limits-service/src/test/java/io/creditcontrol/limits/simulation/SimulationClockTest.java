package io.creditcontrol.limits.simulation;

import static io.creditcontrol.limits.api.CreditFixtures.check;
import static io.creditcontrol.limits.api.CreditFixtures.knownBuyer;
import static io.creditcontrol.limits.api.CreditFixtures.reserved;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.creditcontrol.limits.Auth;
import io.creditcontrol.limits.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The simulation clock of a scenario run (docs/simulator.md), with real tokens: an admin moves the
 * service's date, readers see it, and a forward move runs the reservation expiry of each date
 * passed over, once. The profile runs the service on its production clock wiring (the tests' fixed
 * clock left out); the expiry's real-time schedule is off in tests. Only
 * {@link #aForwardMoveRunsTheReservationExpiryOfTheDatesPassedOverOnce} needs the expiry, so it
 * uses the latest dates: the other tests only move the clock back from them.
 */
@QuarkusTest
@TestProfile(SimulationClockTest.AdjustableClock.class)
class SimulationClockTest {

    public static class AdjustableClock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("credit.simulation.clock-adjustable", "true",
                    "quarkus.arc.exclude-types", "io.creditcontrol.limits.TestClock");
        }
    }

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(Auth.token(role + ".sim", role));
    }

    private static ValidatableResponse moveClock(String role, String body) {
        return as(role).contentType(ContentType.JSON).body(body).put("/api/v1/simulation/clock").then();
    }

    private static void moveClockTo(String now) {
        moveClock(Roles.ADMIN, "{\"now\":\"" + now + "\"}").statusCode(200).body("now", equalTo(now));
    }

    /** A buyer with a limit of 10,000 EUR valid in June 2024, requested and approved by two people. */
    private static String buyerWithLimit() {
        String buyer = knownBuyer("B-SIM-" + UUID.randomUUID().toString().substring(0, 8));
        String request = given().auth().oauth2(Auth.token("analyst.sim")).contentType(ContentType.JSON)
                .body("{\"amount\":10000.00,\"currency\":\"EUR\",\"validFrom\":\"2024-06-01\",\"reviewDate\":\"2024-12-31\","
                        + "\"reason\":\"Annual review\"}")
                .post("/api/v1/buyers/" + buyer + "/limit-requests").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Auth.token("approver.sim")).contentType(ContentType.JSON).body("{\"comment\":\"ok\"}")
                .post("/api/v1/limit-requests/" + request + "/approve").then().statusCode(200);
        return buyer;
    }

    private static ValidatableResponse reservation(String id) {
        return as(Roles.VIEWER).get("/api/v1/reservations/" + id).then().statusCode(200);
    }

    @Test
    void anAdminMovesTheClockAndReadersSeeIt() {
        moveClock(Roles.ADMIN, "{\"now\":\"2024-01-10T00:00:00Z\"}").statusCode(200)
                .body("now", equalTo("2024-01-10T00:00:00Z"), "previous", notNullValue());
        moveClock(Roles.ADMIN, "{\"now\":\"2024-01-05T00:00:00+08:00\"}").statusCode(200)
                .body("now", equalTo("2024-01-04T16:00:00Z"), "previous", startsWith("2024-01-10T00:00:0"));
        for (String reader : List.of(Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN)) {
            as(reader).get("/api/v1/simulation/clock").then().statusCode(200)
                    .body("now", startsWith("2024-01-04T16:0"), "adjustable", equalTo(true));
        }
    }

    @Test
    void onlyAnAdminMovesTheClock() {
        for (String role : List.of(Roles.ERP, Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR)) {
            moveClock(role, "{\"now\":\"2024-01-10T00:00:00Z\"}").statusCode(403).contentType("application/problem+json");
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
    void aForwardMoveRunsTheReservationExpiryOfTheDatesPassedOverOnce() {
        moveClockTo("2024-06-10T12:00:00Z");
        String buyer = buyerWithLimit();
        // the policy holds an unconfirmed reservation for 72 hours
        String held = check(buyer, "SO-SIM-1", "1000.00", "EUR").statusCode(200).body("decision", equalTo("APPROVED"))
                .extract().path("reservation.id");
        reservation(held).body("status", equalTo("ACTIVE"), "createdAt", startsWith("2024-06-10T12:00:"),
                "expiresAt", startsWith("2024-06-13T12:00:"));

        moveClockTo("2024-06-13T06:00:00Z");
        reservation(held).body("status", equalTo("ACTIVE"));
        moveClockTo("2024-06-13T18:00:00Z");
        reservation(held).body("status", equalTo("ACTIVE")); // past its time, but the same date runs no expiry again

        moveClockTo("2024-06-14T00:00:00Z");
        reservation(held).body("status", equalTo("EXPIRED"), "closedBy", equalTo("system"), "closedAt", startsWith("2024-06-14T00:00:"));
        assertEquals(0, BigDecimal.ZERO.compareTo(reserved(buyer, "EUR")));

        // back and forward again: 2024-06-11 to 06-14 have had their expiry run
        moveClockTo("2024-06-10T12:00:00Z");
        String later = check(buyer, "SO-SIM-2", "1000.00", "EUR").statusCode(200).extract().path("reservation.id");
        moveClockTo("2024-06-14T00:00:00Z");
        reservation(later).body("status", equalTo("ACTIVE"));
        moveClockTo("2024-06-15T00:00:00Z");
        reservation(later).body("status", equalTo("EXPIRED"), "closedAt", startsWith("2024-06-15T00:00:"));
    }
}
