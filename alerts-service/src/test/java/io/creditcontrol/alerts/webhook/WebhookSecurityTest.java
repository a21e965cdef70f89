package io.creditcontrol.alerts.webhook;

import static io.restassured.RestAssured.given;

import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;

/**
 * Who may do what with webhooks, with real signed tokens: subscriptions, rotation and replay are
 * the administrator's; the delivery log is readable by administrators and viewers.
 */
@QuarkusTest
class WebhookSecurityTest {

    private static final String ISSUER = "https://tests.creditcontrol.invalid";
    private static final String AUDIENCE = "credit-control-suite";

    @Inject
    TestAlerts alerts;

    @BeforeEach
    void noSubscriptionsYet() {
        alerts.forgetAllWebhooks();
    }

    static String token(String role) {
        return Jwt.upn("someone-" + role).groups(Set.of(role)).issuer(ISSUER).audience(AUDIENCE).sign();
    }

    private static Map<String, Object> subscription() {
        return Map.of("url", "http://127.0.0.1:9/hooks/x", "eventTypes", List.of("credit.alert.raised"));
    }

    private static String create() {
        return given().auth().oauth2(token("admin")).contentType(ContentType.JSON).body(subscription())
                .post("/api/v1/webhook-subscriptions").then().statusCode(201).extract().path("id");
    }

    @Test
    void withoutATokenNothingButHealthAnswers() {
        given().get("/api/v1/webhook-subscriptions").then().statusCode(401);
        given().contentType(ContentType.JSON).body(subscription()).post("/api/v1/webhook-subscriptions").then().statusCode(401);
        given().get("/api/v1/webhook-subscriptions/x/deliveries").then().statusCode(401);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void onlyAnAdministratorManagesSubscriptions() {
        String id = create();
        for (String role : List.of("viewer", "analyst", "approver", "collector", "erp")) {
            given().auth().oauth2(token(role)).contentType(ContentType.JSON).body(subscription())
                    .post("/api/v1/webhook-subscriptions").then().statusCode(403);
            given().auth().oauth2(token(role)).get("/api/v1/webhook-subscriptions/{id}", id).then().statusCode(403);
            given().auth().oauth2(token(role)).post("/api/v1/webhook-subscriptions/{id}/rotate-secret", id).then().statusCode(403);
            given().auth().oauth2(token(role)).post("/api/v1/webhook-subscriptions/{id}/deliveries/msg_x/replay", id).then().statusCode(403);
            given().auth().oauth2(token(role)).delete("/api/v1/webhook-subscriptions/{id}", id).then().statusCode(403);
        }
        given().auth().oauth2(token("admin")).get("/api/v1/webhook-subscriptions/{id}", id).then().statusCode(200);
    }

    @Test
    void theDeliveryLogIsReadableByAdministratorsAndViewersOnly() {
        String id = create();
        given().auth().oauth2(token("admin")).get("/api/v1/webhook-subscriptions/{id}/deliveries", id).then().statusCode(200);
        given().auth().oauth2(token("viewer")).get("/api/v1/webhook-subscriptions/{id}/deliveries", id).then().statusCode(200);
        for (String role : List.of("analyst", "approver", "collector", "erp")) {
            given().auth().oauth2(token(role)).get("/api/v1/webhook-subscriptions/{id}/deliveries", id).then().statusCode(403);
        }
    }

    @Test
    void tokensThatAreNotGenuineAreRefused() throws Exception {
        var otherKey = KeyPairGenerator.getInstance("RSA");
        otherKey.initialize(2048);
        String badSignature = Jwt.upn("mallory").groups(Set.of("admin")).issuer(ISSUER).audience(AUDIENCE).sign(otherKey.generateKeyPair().getPrivate());
        String wrongIssuer = Jwt.upn("mallory").groups(Set.of("admin")).issuer("https://elsewhere.invalid").audience(AUDIENCE).sign();
        String wrongAudience = Jwt.upn("mallory").groups(Set.of("admin")).issuer(ISSUER).audience("another-suite").sign();
        String expired = Jwt.upn("mallory").groups(Set.of("admin")).issuer(ISSUER).audience(AUDIENCE)
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign();

        for (String token : List.of(badSignature, wrongIssuer, wrongAudience, expired)) {
            given().auth().oauth2(token).get("/api/v1/webhook-subscriptions").then().statusCode(401);
        }
        given().auth().oauth2(token("admin")).get("/api/v1/webhook-subscriptions").then().statusCode(200);
    }
}
