package io.creditcontrol.alerts.security;

import static io.creditcontrol.alerts.messaging.TestEvents.event;
import static io.creditcontrol.alerts.messaging.TestEvents.publishBuyerEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.riskSignalData;
import static io.creditcontrol.alerts.messaging.TestEvents.unique;
import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.creditcontrol.alerts.messaging.events.BuyerEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

/**
 * Issue 7 for alerts-service, with real signed tokens: only /q/health answers without one; reads
 * are open to every person's role, acknowledging and resolving to analysts and collectors; tokens
 * with a bad signature, another issuer or audience, or past expiry are refused.
 */
@QuarkusTest
class SecurityTest {

    private static final String ISSUER = "https://tests.creditcontrol.invalid";
    private static final String[] READ_PATHS = {"/api/v1/alerts", "/api/v1/portfolio", "/api/v1/buyers/B-1/receivables"};

    private static String token(String role) {
        return Jwt.upn("user-" + role).groups(Set.of(role)).issuer(ISSUER).audience("credit-control-suite").sign();
    }

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(token(role));
    }

    @Test
    void withoutATokenOnlyHealthAnswers() {
        for (String path : READ_PATHS) {
            given().get(path).then().statusCode(401).header("WWW-Authenticate", "Bearer");
        }
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/alerts/ALR-x/acknowledge").then().statusCode(401);
        given().get("/q/metrics").then().statusCode(401);
        given().get("/q/openapi").then().statusCode(401);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"viewer", "analyst", "approver", "collector", "admin"})
    void everyPersonsRoleReadsAlertsAndReceivables(String role) {
        as(role).get("/api/v1/alerts").then().statusCode(200);
        as(role).get("/api/v1/portfolio").then().statusCode(200);
        // 404: allowed in, the buyer is simply unknown
        as(role).get("/api/v1/buyers/B-unknown-" + role + "/receivables").then().statusCode(404);
    }

    @Test
    void theErpReadsNothingHere() {
        for (String path : READ_PATHS) {
            as("erp").get(path).then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.equalTo("https://creditcontrol.io/problems/forbidden"))
                    .body("status", org.hamcrest.Matchers.equalTo(403));
        }
    }

    @Test
    void anyAuthenticatedRoleSeesMetricsAndOpenApi() {
        as("viewer").get("/q/metrics").then().statusCode(200);
        as("erp").get("/q/openapi").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"viewer", "approver", "admin", "erp"})
    void onlyAnalystsAndCollectorsAcknowledgeOrResolve(String role) {
        String alertId = anAlert();
        as(role).contentType(ContentType.JSON).body("{}").post("/api/v1/alerts/" + alertId + "/acknowledge").then().statusCode(403);
        as(role).contentType(ContentType.JSON).body("{\"note\":\"n\"}").post("/api/v1/alerts/" + alertId + "/resolve").then().statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"analyst", "collector"})
    void analystsAndCollectorsAcknowledgeAndResolveInTheirOwnName(String role) {
        String alertId = anAlert();
        as(role).contentType(ContentType.JSON).body("{}").post("/api/v1/alerts/" + alertId + "/acknowledge").then().statusCode(200)
                .body("alert.acknowledgedBy", org.hamcrest.Matchers.equalTo("user-" + role));
        as(role).contentType(ContentType.JSON).body("{\"note\":\"paid\"}").post("/api/v1/alerts/" + alertId + "/resolve").then().statusCode(200)
                .body("alert.resolvedBy", org.hamcrest.Matchers.equalTo("user-" + role));
    }

    @Test
    void badTokensAreRefused() {
        String otherKey = Jwt.upn("mallory").groups(Set.of("admin")).issuer(ISSUER).audience("credit-control-suite")
                .sign(otherPrivateKey());
        given().auth().oauth2(otherKey).get("/api/v1/alerts").then().statusCode(401);
        given().auth().oauth2(Jwt.upn("u").groups(Set.of("viewer")).issuer("https://evil.example").audience("credit-control-suite").sign())
                .get("/api/v1/alerts").then().statusCode(401);
        given().auth().oauth2(Jwt.upn("u").groups(Set.of("viewer")).issuer(ISSUER).audience("another-suite").sign())
                .get("/api/v1/alerts").then().statusCode(401);
        given().auth().oauth2(Jwt.upn("u").groups(Set.of("viewer")).issuer(ISSUER).audience("credit-control-suite")
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign())
                .get("/api/v1/alerts").then().statusCode(401);
        given().auth().oauth2("not-a-jwt").get("/api/v1/alerts").then().statusCode(401);
        given().auth().oauth2(token("viewer")).get("/api/v1/alerts").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void anOversizedBodyIsRefused() {
        given().contentType(ContentType.JSON).body("{\"note\":\"" + "x".repeat(70_000) + "\"}")
                .post("/api/v1/alerts/ALR-x/resolve").then().statusCode(413);
    }

    private static String anAlert() {
        String buyer = unique("B");
        publishBuyerEvent(buyer, event(BuyerEvents.RISK_SIGNAL_REPORTED, buyer, riskSignalData(buyer, "INSOLVENCY_FILING", "2026-11-20", "HIGH")));
        return readAlertId(buyer);
    }

    private static String readAlertId(String buyer) {
        return org.awaitility.Awaitility.await().atMost(io.creditcontrol.alerts.TestAlerts.PATIENCE)
                .until(() -> given().auth().oauth2(token("viewer")).queryParam("buyerId", buyer).get("/api/v1/alerts")
                        .then().statusCode(200).extract().jsonPath().getString("items[0].alertId"), id -> id != null);
    }

    private static java.security.PrivateKey otherPrivateKey() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
