package io.creditcontrol.limits.simulation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.creditcontrol.limits.Auth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Without credit.simulation.clock-adjustable (the default, and production) the clock endpoint does not exist. */
@QuarkusTest
class SimulationClockDisabledTest {

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(Auth.token(role + ".sim", role));
    }

    @Test
    void theClockEndpointDoesNotExistForAnyMethod() {
        as("admin").get("/api/v1/simulation/clock").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        as("admin").contentType(ContentType.JSON).body("{\"now\":\"2025-03-14T00:00:00Z\"}").put("/api/v1/simulation/clock")
                .then().statusCode(404).contentType("application/problem+json");
        as("admin").delete("/api/v1/simulation/clock").then().statusCode(404);
        as("admin").post("/api/v1/simulation/clock/anything").then().statusCode(404);
    }

    @Test
    void notEvenAForbiddenAnswerGivesItAway() {
        as("viewer").contentType(ContentType.JSON).body("{\"now\":\"2025-03-14T00:00:00Z\"}").put("/api/v1/simulation/clock")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
