package io.creditcontrol.limits.api;

import static io.creditcontrol.limits.Auth.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What operators rely on: readiness covers the database and Kafka, and the API is described. */
@QuarkusTest
class OperationsTest {

    @Test
    void theServiceIsReadyWhenItsDatabaseAndKafkaAre() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"),
                        "checks.name", hasItems("Database connections health check", "Kafka connection health check")));
    }

    @Test
    void theOpenApiDocumentDescribesTheExposureEndpoints() {
        given().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths", hasKey("/api/v1/buyers/{buyerId}/exposure"),
                        "paths", hasKey("/api/v1/invoices/{invoiceNumber}"),
                        "info.title", equalTo("limits-service API"))
                .body(containsString("Part of openAmount past its due date"));
    }
}
