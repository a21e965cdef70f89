package io.creditcontrol.scoring.api;

import static io.creditcontrol.scoring.messaging.TestEvents.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Issue 7 for scoring-service, with real signed tokens (test key in src/test/resources/test-auth):
 * who may call what (docs/security.md), that audit fields name the authenticated principal, and
 * that tokens which must not be trusted are refused.
 */
@QuarkusTest
class SecurityTest {

    static final String ISSUER = "https://tests.creditcontrol.invalid";
    static final String AUDIENCE = "credit-control-suite";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    static JwtClaimsBuilder claims(String user, String... roles) {
        return Jwt.upn(user).groups(Set.of(roles)).issuer(ISSUER).audience(AUDIENCE).expiresIn(300);
    }

    static RequestSpecification as(String user, String... roles) {
        return given().auth().oauth2(claims(user, roles).sign());
    }

    static RequestSpecification withToken(String token) {
        return given().auth().oauth2(token);
    }

    static Map<String, Object> registration(String buyer) {
        return Map.of("buyerId", buyer, "name", "Sicher GmbH", "country", "DE");
    }

    static Map<String, Object> signal() {
        return Map.of("signal", "NEGATIVE_NEWS", "observedOn", "2026-11-01");
    }

    static Map<String, Object> statement() {
        return Map.ofEntries(Map.entry("periodEnd", "2025-12-31"), Map.entry("currency", "EUR"), Map.entry("totalAssets", "1000"),
                Map.entry("currentAssets", "500"), Map.entry("currentLiabilities", "300"), Map.entry("totalLiabilities", "600"),
                Map.entry("retainedEarnings", "100"), Map.entry("ebit", "50"), Map.entry("revenue", "2000"), Map.entry("bookEquity", "400"));
    }

    /** A buyer registered by the ERP and consumed back, so reads and writes about it can succeed. */
    static String registeredBuyer() {
        String buyer = unique("SEC");
        as("erp-client", "erp").contentType(ContentType.JSON).body(registration(buyer)).post("/api/v1/buyers").then().statusCode(202);
        await().atMost(PATIENCE).untilAsserted(() -> as("vera.viewer", "viewer").get("/api/v1/buyers/" + buyer)
                .then().statusCode(200).body("profile.name", equalTo("Sicher GmbH")));
        return buyer;
    }

    @Test
    void withoutATokenOnlyHealthAnswers() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/api/v1/buyers/B-1/score").then().statusCode(401);
        given().get("/api/v1/buyers/B-1/score/history").then().statusCode(401);
        given().get("/api/v1/buyers/B-1").then().statusCode(401);
        given().get("/api/v1/buyers/B-1/payment-experience").then().statusCode(401);
        given().get("/api/v1/portfolio").then().statusCode(401);
        given().contentType(ContentType.JSON).body(registration("B-1")).post("/api/v1/buyers").then().statusCode(401);
        given().contentType(ContentType.JSON).body(signal()).post("/api/v1/buyers/B-1/risk-signals").then().statusCode(401);
        given().get("/q/metrics").then().statusCode(401);
        given().get("/q/openapi").then().statusCode(401);
    }

    @Test
    void anyRoleMayReadMetricsAndTheApiDescription() {
        as("vera.viewer", "viewer").get("/q/metrics").then().statusCode(200);
        as("erp-client", "erp").get("/q/openapi").then().statusCode(200);
    }

    @Test
    void everyReadingRoleReadsTheFileAndTheScoreButTheErpDoesNot() {
        String buyer = registeredBuyer();
        for (String role : Roles.READERS) {
            as("someone", role).get("/api/v1/buyers/" + buyer).then().statusCode(200);
            as("someone", role).get("/api/v1/buyers/" + buyer + "/payment-experience").then().statusCode(200);
            as("someone", role).get("/api/v1/buyers/" + buyer + "/score/history").then().statusCode(200);
            as("someone", role).get("/api/v1/portfolio").then().statusCode(200);
        }
        await().atMost(PATIENCE).untilAsserted(() -> as("vera.viewer", "viewer").get("/api/v1/buyers/" + buyer + "/score")
                .then().statusCode(200));
        as("erp-client", "erp").get("/api/v1/buyers/" + buyer + "/score").then().statusCode(403);
        as("erp-client", "erp").get("/api/v1/portfolio").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://creditcontrol.io/problems/forbidden"));
        as("erp-client", "erp").get("/api/v1/buyers/" + buyer).then().statusCode(403);
    }

    @Test
    void onlyTheErpAndAnalystsMaintainMasterData() {
        String buyer = unique("SEC");
        for (String role : new String[] {Roles.VIEWER, Roles.COLLECTOR, Roles.APPROVER, Roles.ADMIN}) {
            as("someone", role).contentType(ContentType.JSON).body(registration(buyer)).post("/api/v1/buyers").then().statusCode(403);
        }
        String registered = registeredBuyer();
        Map<String, Object> details = Map.of("name", "Sicher AG", "country", "AT");
        as("vera.viewer", "viewer").contentType(ContentType.JSON).body(details).put("/api/v1/buyers/" + registered).then().statusCode(403);
        as("carl.collector", "collector").contentType(ContentType.JSON).body(details).put("/api/v1/buyers/" + registered)
                .then().statusCode(403);
        as("ana.lyst", "analyst").contentType(ContentType.JSON).body(details).put("/api/v1/buyers/" + registered).then().statusCode(202);
        // who changed the master data is the token's principal
        await().atMost(PATIENCE).untilAsserted(() -> as("vera.viewer", "viewer").get("/api/v1/buyers/" + registered)
                .then().statusCode(200).body("profile.name", equalTo("Sicher AG"), "profile.updatedBy", equalTo("ana.lyst")));
    }

    @Test
    void onlyAnalystsSubmitStatementsAndSignalsAndTheFileSaysWhichAnalyst() {
        String buyer = registeredBuyer();
        for (String role : new String[] {Roles.ERP, Roles.VIEWER, Roles.COLLECTOR, Roles.APPROVER, Roles.ADMIN}) {
            as("someone", role).contentType(ContentType.JSON).body(signal()).post("/api/v1/buyers/" + buyer + "/risk-signals")
                    .then().statusCode(403);
            as("someone", role).contentType(ContentType.JSON).body(statement()).post("/api/v1/buyers/" + buyer + "/financial-statements")
                    .then().statusCode(403);
        }
        as("ana.lyst", "analyst").contentType(ContentType.JSON).body(signal()).post("/api/v1/buyers/" + buyer + "/risk-signals")
                .then().statusCode(202);
        as("ana.lyst", "analyst").contentType(ContentType.JSON).body(statement())
                .post("/api/v1/buyers/" + buyer + "/financial-statements").then().statusCode(202);
        await().atMost(PATIENCE).untilAsserted(() -> as("vera.viewer", "viewer").get("/api/v1/buyers/" + buyer).then().statusCode(200)
                .body("riskSignals.submittedBy", contains("ana.lyst"), "latestFinancialStatement.submittedBy", equalTo("ana.lyst")));
    }

    @Test
    void aClientCannotSetFieldsItDoesNotOwn() {
        String buyer = registeredBuyer();
        Map<String, Object> forged = new java.util.HashMap<>(signal());
        forged.put("submittedBy", "someone.else");
        as("ana.lyst", "analyst").contentType(ContentType.JSON).body(forged).post("/api/v1/buyers/" + buyer + "/risk-signals")
                .then().statusCode(400).body("violations.field", hasItem("submittedBy"));
        Map<String, Object> graded = new java.util.HashMap<>(registration(unique("SEC")));
        graded.put("grade", 1);
        as("erp-client", "erp").contentType(ContentType.JSON).body(graded).post("/api/v1/buyers")
                .then().statusCode(400).body("violations.field", hasItem("grade"));
    }

    @Test
    void pagesAndBodiesAreCapped() {
        as("vera.viewer", "viewer").get("/api/v1/portfolio?size=201").then().statusCode(400).body("violations.field", hasItem("size"));
        String buyer = registeredBuyer();
        as("vera.viewer", "viewer").get("/api/v1/buyers/" + buyer + "/score/history?size=501").then().statusCode(400)
                .body("violations.field", hasItem("size"));
        as("vera.viewer", "viewer").get("/api/v1/buyers/" + buyer + "/score/history?size=500").then().statusCode(200);
        Map<String, Object> huge = new java.util.HashMap<>(signal());
        huge.put("description", "x".repeat(100_000));
        as("ana.lyst", "analyst").contentType(ContentType.JSON).body(huge).post("/api/v1/buyers/" + buyer + "/risk-signals")
                .then().statusCode(413);
    }

    @Test
    void aValidSignedTokenIsAccepted() {
        withToken(claims("vera.viewer", "viewer").sign()).get("/api/v1/portfolio").then().statusCode(200);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey stranger = generator.generateKeyPair().getPrivate();
        withToken(claims("vera.viewer", "viewer").sign(stranger)).get("/api/v1/portfolio").then().statusCode(401);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        withToken(claims("vera.viewer", "viewer").issuer("https://someone-else.invalid").sign()).get("/api/v1/portfolio")
                .then().statusCode(401);
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant anHourAgo = Instant.now().minusSeconds(3600);
        withToken(claims("vera.viewer", "viewer").issuedAt(anHourAgo.minusSeconds(600)).expiresAt(anHourAgo).sign())
                .get("/api/v1/portfolio").then().statusCode(401);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        withToken(claims("vera.viewer", "viewer").audience("another-suite").sign()).get("/api/v1/portfolio").then().statusCode(401);
    }
}
