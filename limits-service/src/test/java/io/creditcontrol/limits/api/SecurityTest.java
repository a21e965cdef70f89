package io.creditcontrol.limits.api;

import static io.creditcontrol.limits.api.CreditFixtures.knownBuyer;
import static io.creditcontrol.limits.messaging.TestEvents.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.creditcontrol.limits.Auth;
import io.creditcontrol.limits.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

/**
 * Issue 7 for limits-service: bearer tokens are verified (signature, issuer, expiry, audience),
 * every endpoint names its roles, audit fields come from the token's user, and request bodies,
 * list sizes and request rates are bounded.
 */
@QuarkusTest
class SecurityTest {

    static RequestSpecification as(String user, String... roles) {
        return RestAssured.given().auth().oauth2(Auth.token(user, roles));
    }

    static RequestSpecification anonymous() {
        return RestAssured.given();
    }

    static String limitRequestBody() {
        return "{\"amount\":5000.00,\"currency\":\"EUR\",\"validFrom\":\"" + TestClock.TODAY.minusDays(1) + "\",\"reviewDate\":\""
                + TestClock.TODAY.plusMonths(6) + "\",\"reason\":\"Accounts reviewed\"}";
    }

    @Test
    void withoutATokenOnlyHealthAnswers() {
        anonymous().get("/q/health/live").then().statusCode(200);
        anonymous().get("/q/health/ready").then().statusCode(200);
        String buyer = knownBuyer(unique("B"));
        // no token at all: the HTTP layer's bearer challenge (an invalid token gets a problem body, see below)
        anonymous().get("/api/v1/buyers/" + buyer + "/exposure").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"));
        anonymous().get("/api/v1/buyers/" + buyer + "/credit-limit").then().statusCode(401);
        anonymous().contentType(ContentType.JSON).body(CreditFixtures.body(buyer, "SO-1", "10.00", "EUR"))
                .post("/api/v1/credit-checks").then().statusCode(401);
        anonymous().contentType(ContentType.JSON).body(limitRequestBody())
                .post("/api/v1/buyers/" + buyer + "/limit-requests").then().statusCode(401);
        anonymous().get("/q/metrics").then().statusCode(401);
        anonymous().get("/q/openapi").then().statusCode(401);
        as("viewer.v", "viewer").get("/q/metrics").then().statusCode(200);
    }

    @Test
    void anErpTokenChecksOrdersButCannotChangeALimitPolicyOrRate() {
        String buyer = knownBuyer(unique("B"));
        as("erp.sap", "erp").contentType(ContentType.JSON).body(CreditFixtures.body(buyer, "SO-1", "10.00", "EUR"))
                .post("/api/v1/credit-checks").then().statusCode(200).body("reasonCodes", hasItem("NO_LIMIT"));
        as("erp.sap", "erp").contentType(ContentType.JSON).body(limitRequestBody())
                .post("/api/v1/buyers/" + buyer + "/limit-requests").then().statusCode(403);
        String request = CreditFixtures.requestLimit(buyer, "5000.00", "EUR", TestClock.TODAY.plusMonths(6), "analyst.a")
                .statusCode(201).extract().path("id");
        as("erp.sap", "erp").contentType(ContentType.JSON).body("{\"comment\":\"ok\"}")
                .post("/api/v1/limit-requests/" + request + "/approve").then().statusCode(403);
        as("erp.sap", "erp").contentType(ContentType.JSON).body("{\"rate\":0.5}")
                .put("/api/v1/fx-rates/USD/EUR").then().statusCode(403);
        as("erp.sap", "erp").contentType(ContentType.JSON).body("{\"amount\":1,\"currency\":\"EUR\",\"reason\":\"x\"}")
                .post("/api/v1/groups/" + buyer + "/limit-requests").then().statusCode(403);
        as("erp.sap", "erp").contentType(ContentType.JSON).body("{}").post("/api/v1/credit-policy").then().statusCode(403);
        // the limit is unchanged
        as("viewer.v", "viewer").get("/api/v1/buyers/" + buyer + "/credit-limit").then().statusCode(200)
                .body("limit", equalTo(null));
    }

    @Test
    void anAnalystCannotApproveItsOwnRequestNorAnyRequestWithoutTheApproverRole() {
        String buyer = knownBuyer(unique("B"));
        String request = as("analyst.own", "analyst").contentType(ContentType.JSON).body(limitRequestBody())
                .post("/api/v1/buyers/" + buyer + "/limit-requests").then().statusCode(201)
                .body("requestedBy", equalTo("analyst.own")).extract().path("id");
        // the requester without the approver role
        as("analyst.own", "analyst").contentType(ContentType.JSON).body("{\"comment\":\"mine\"}")
                .post("/api/v1/limit-requests/" + request + "/approve").then().statusCode(403);
        // another analyst, still no approver
        as("analyst.other", "analyst").contentType(ContentType.JSON).body("{\"comment\":\"ok\"}")
                .post("/api/v1/limit-requests/" + request + "/approve").then().statusCode(403);
        // the same principal holding both roles: four eyes
        as("analyst.own", "analyst", "approver").contentType(ContentType.JSON).body("{\"comment\":\"mine\"}")
                .post("/api/v1/limit-requests/" + request + "/approve").then().statusCode(403)
                .body("type", equalTo("https://creditcontrol.io/problems/four-eyes"));
        as("analyst.own", "analyst", "approver").contentType(ContentType.JSON).body("{\"comment\":\"mine\"}")
                .post("/api/v1/limit-requests/" + request + "/reject").then().statusCode(403)
                .body("type", equalTo("https://creditcontrol.io/problems/four-eyes"));
        // an approver may not request
        as("approver.b", "approver").contentType(ContentType.JSON).body(limitRequestBody())
                .post("/api/v1/buyers/" + buyer + "/limit-requests").then().statusCode(403);
        // a different approver: the audit names both principals
        as("approver.b", "approver").contentType(ContentType.JSON).body("{\"comment\":\"Accounts checked\"}")
                .post("/api/v1/limit-requests/" + request + "/approve").then().statusCode(200)
                .body("requestedBy", equalTo("analyst.own"), "decidedBy", equalTo("approver.b"));
        as("viewer.v", "viewer").get("/api/v1/buyers/" + buyer + "/credit-limit").then().statusCode(200)
                .body("history[0].requestedBy", equalTo("analyst.own"), "history[0].changedBy", equalTo("approver.b"));
    }

    @Test
    void eachRoleDoesWhatTheTableSaysAndNothingMore() {
        String buyer = knownBuyer(unique("B"));
        String order = CreditFixtures.body(buyer, "SO-1", "10.00", "EUR");
        for (String role : new String[] { "analyst", "approver", "collector", "admin", "viewer" }) {
            as("u." + role, role).contentType(ContentType.JSON).body(order).post("/api/v1/credit-checks").then().statusCode(403);
            as("u." + role, role).contentType(ContentType.JSON).body(order).post("/api/v1/credit-checks/what-if").then().statusCode(403);
            as("u." + role, role).get("/api/v1/buyers/" + buyer + "/exposure").then().statusCode(200);
        }
        // reads: erp its own answers, readers all
        String decision = as("erp.sap", "erp").contentType(ContentType.JSON).body(order).post("/api/v1/credit-checks").then()
                .statusCode(200).extract().path("decisionId");
        as("erp.sap", "erp").get("/api/v1/credit-checks/" + decision).then().statusCode(200);
        as("viewer.v", "viewer").get("/api/v1/credit-checks/" + decision).then().statusCode(200);
        as("erp.sap", "erp").get("/api/v1/decision-cases").then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://creditcontrol.io/problems/forbidden"));
        as("erp.sap", "erp").get("/api/v1/credit-policy").then().statusCode(403);
        // cases: analysts decide, erp and viewers do not
        String caseId = as("viewer.v", "viewer").get("/api/v1/credit-checks/" + decision).then().extract().path("caseId");
        as("viewer.v", "viewer").contentType(ContentType.JSON).body("{\"comment\":\"no\"}")
                .post("/api/v1/decision-cases/" + caseId + "/reject").then().statusCode(403);
        as("erp.sap", "erp").contentType(ContentType.JSON).body("{\"comment\":\"no\"}")
                .post("/api/v1/decision-cases/" + caseId + "/reject").then().statusCode(403);
        as("analyst.c", "analyst").contentType(ContentType.JSON).body("{\"comment\":\"Unknown customer\"}")
                .post("/api/v1/decision-cases/" + caseId + "/reject").then().statusCode(200).body("decidedBy", equalTo("analyst.c"));
        // cover: analysts; FX rates and policy: admins
        String cover = "{\"amount\":1000.00,\"currency\":\"EUR\",\"validFrom\":\"2026-01-01\",\"validTo\":\"2027-01-01\","
                + "\"insurer\":\"Allianz Trade\",\"policyNumber\":\"P-1\"}";
        as("admin.a", "admin").contentType(ContentType.JSON).body(cover).put("/api/v1/buyers/" + buyer + "/insurance-cover")
                .then().statusCode(403);
        as("analyst.c", "analyst").contentType(ContentType.JSON).body(cover).put("/api/v1/buyers/" + buyer + "/insurance-cover")
                .then().statusCode(200).body("recordedBy", equalTo("analyst.c"));
        as("analyst.c", "analyst").contentType(ContentType.JSON).body("{\"rate\":1.1}").put("/api/v1/fx-rates/CHF/DKK")
                .then().statusCode(403);
        as("admin.a", "admin").contentType(ContentType.JSON).body("{\"rate\":1.1}").put("/api/v1/fx-rates/CHF/DKK")
                .then().statusCode(200).body("setBy", equalTo("admin.a"));
        // reservations: only the erp confirms and releases
        String approved = CreditFixtures.body(buyer, "SO-2", "10.00", "EUR");
        String limited = knownBuyer(unique("B"));
        CreditFixtures.limit(limited, "1000.00", "EUR");
        String reservation = as("erp.sap", "erp").contentType(ContentType.JSON)
                .body(CreditFixtures.body(limited, "SO-3", "10.00", "EUR")).post("/api/v1/credit-checks").then().statusCode(200)
                .body("decision", equalTo("APPROVED")).extract().path("reservation.id");
        as("analyst.c", "analyst").post("/api/v1/reservations/" + reservation + "/release").then().statusCode(403);
        as("erp.sap", "erp").post("/api/v1/reservations/" + reservation + "/confirm").then().statusCode(200)
                .body("status", equalTo("CONFIRMED"));
        as("erp.sap", "erp").post("/api/v1/reservations/" + reservation + "/release").then().statusCode(200)
                .body("closedBy", equalTo("erp.sap"));
        // the X-User header names nobody any more
        String request = CreditFixtures.requestLimit(limited, "2000.00", "EUR", TestClock.TODAY.plusMonths(6), "analyst.x")
                .statusCode(201).extract().path("id");
        as("analyst.x", "analyst", "approver").header("X-User", "someone.else").contentType(ContentType.JSON)
                .body("{\"comment\":\"ok\"}").post("/api/v1/limit-requests/" + request + "/approve").then().statusCode(403)
                .body("type", equalTo("https://creditcontrol.io/problems/four-eyes"));
        as("viewer.v", "viewer").contentType(ContentType.JSON).body(approved).post("/api/v1/credit-checks").then().statusCode(403);
    }

    @Test
    void tokensWithABadSignatureWrongIssuerWrongAudienceOrPastExpiryAreRefused() throws Exception {
        String buyer = knownBuyer(unique("B"));
        String path = "/api/v1/buyers/" + buyer + "/exposure";
        String valid = Jwt.upn("viewer.v").groups(Set.of("viewer")).issuer(Auth.ISSUER).audience(Auth.AUDIENCE).sign();
        RestAssured.given().auth().oauth2(valid).get(path).then().statusCode(200);

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey otherKey = generator.generateKeyPair().getPrivate();
        String badSignature = Jwt.upn("viewer.v").groups(Set.of("viewer")).issuer(Auth.ISSUER).audience(Auth.AUDIENCE).sign(otherKey);
        String wrongIssuer = Jwt.upn("viewer.v").groups(Set.of("viewer")).issuer("https://evil.example").audience(Auth.AUDIENCE).sign();
        String wrongAudience = Jwt.upn("viewer.v").groups(Set.of("viewer")).issuer(Auth.ISSUER).audience("another-suite").sign();
        String expired = Jwt.upn("viewer.v").groups(Set.of("viewer")).issuer(Auth.ISSUER).audience(Auth.AUDIENCE)
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign();
        String tampered = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA" + valid.substring(valid.lastIndexOf('.') + 5);
        for (String token : new String[] { badSignature, wrongIssuer, wrongAudience, expired, tampered, "not-a-jwt" }) {
            RestAssured.given().auth().oauth2(token).get(path).then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        }
    }

    @Test
    void aBodyCarryingFieldsTheClientDoesNotOwnIsRefusedNamingTheField() {
        String buyer = knownBuyer(unique("B"));
        as("erp.sap", "erp").contentType(ContentType.JSON)
                .body("{\"buyerId\":\"" + buyer + "\",\"orderReference\":\"SO-X\",\"amount\":10.00,\"currency\":\"EUR\",\"exposure\":0}")
                .post("/api/v1/credit-checks").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("violations[0].field", equalTo("exposure"));
        as("analyst.own", "analyst").contentType(ContentType.JSON)
                .body(limitRequestBody().replace("{", "{\"status\":\"APPROVED\","))
                .post("/api/v1/buyers/" + buyer + "/limit-requests").then().statusCode(400)
                .body("violations[0].field", equalTo("status"));
        as("approver.b", "approver").contentType(ContentType.JSON).body("{\"comment\":\"x\",\"limit\":999999}")
                .post("/api/v1/limit-requests/any/approve").then().statusCode(400)
                .body("violations[0].field", equalTo("limit"));
        // nothing was reserved or decided
        as("viewer.v", "viewer").get("/api/v1/decision-cases?buyerId=" + buyer).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void bodiesAndPagesAreBounded() {
        String buyer = knownBuyer(unique("B"));
        String big = "{\"comment\":\"" + "x".repeat(70_000) + "\"}";
        as("approver.b", "approver").contentType(ContentType.JSON).body(big).post("/api/v1/limit-requests/any/approve").then()
                .statusCode(413).contentType(Problem.MEDIA_TYPE);
        as("viewer.v", "viewer").get("/api/v1/decision-cases?pageSize=201").then().statusCode(400)
                .body("violations[0].field", equalTo("pageSize"));
        as("viewer.v", "viewer").get("/api/v1/decision-cases?pageSize=200&buyerId=" + buyer).then().statusCode(200);
        as("viewer.v", "viewer").get("/api/v1/credit-policy/versions?pageSize=500").then().statusCode(400)
                .body("violations[0].field", equalTo("pageSize"));
    }

    /** The test profile allows 5 what-if checks at once per user, then 1 per second (application.properties). */
    @Test
    void tooManyWhatIfChecksOfOneUserAreAnswered429WithRetryAfter() {
        String buyer = knownBuyer(unique("B"));
        String order = CreditFixtures.body(buyer, "Q-1", "10.00", "EUR");
        int refused = 0;
        String retryAfter = null;
        for (int i = 0; i < 12; i++) {
            var response = as("erp.busy", "erp").contentType(ContentType.JSON).body(order).post("/api/v1/credit-checks/what-if");
            if (response.statusCode() == 429) {
                refused++;
                retryAfter = response.header("Retry-After");
                response.then().contentType(Problem.MEDIA_TYPE).body("type", containsString("rate-limited"));
            } else {
                response.then().statusCode(200);
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(refused > 0, "some of 12 immediate what-if checks must be refused");
        org.junit.jupiter.api.Assertions.assertTrue(Integer.parseInt(retryAfter) >= 1);
        // another user has its own bucket
        as("erp.other", "erp").contentType(ContentType.JSON).body(order).post("/api/v1/credit-checks/what-if").then().statusCode(200);
    }

    @Test
    void creditChecksAreTimedPerDecision() {
        String buyer = knownBuyer(unique("B"));
        CreditFixtures.limit(buyer, "1000.00", "EUR");
        as("erp.sap", "erp").contentType(ContentType.JSON).body(CreditFixtures.body(buyer, "SO-T", "10.00", "EUR"))
                .post("/api/v1/credit-checks").then().statusCode(200);
        as("viewer.v", "viewer").get("/q/metrics").then().statusCode(200)
                .body(containsString("credit_checks_seconds_count{decision=\"APPROVED\""))
                .body(containsString("credit_checks_seconds_bucket{decision=\"APPROVED\""))
                .body(containsString("credit_outbox_pending"));
    }
}
