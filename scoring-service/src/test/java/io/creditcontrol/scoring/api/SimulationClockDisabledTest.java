package io.creditcontrol.scoring.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/** Without credit.simulation.clock-adjustable (the default, and production) the clock endpoint does not exist. */
@QuarkusTest
class SimulationClockDisabledTest {

    @Test
    @TestSecurity(user = "ops", roles = "admin")
    void theClockEndpointDoesNotExistForAnyMethod() {
        given().get("/api/v1/simulation/clock").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().contentType(ContentType.JSON).body("{\"now\":\"2025-03-14T00:00:00Z\"}").put("/api/v1/simulation/clock")
                .then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/v1/simulation/clock").then().statusCode(404);
        given().post("/api/v1/simulation/clock/anything").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "auditor", roles = "viewer")
    void notEvenAForbiddenAnswerGivesItAway() {
        given().contentType(ContentType.JSON).body("{\"now\":\"2025-03-14T00:00:00Z\"}").put("/api/v1/simulation/clock")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
