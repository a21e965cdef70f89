package io.creditcontrol.collections.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.creditcontrol.collections.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 7 for collections-service, with real signed JWTs: who may call what, refused tokens,
 * audit from the principal, unknown fields, body size and the intake rate limit. The profile
 * tightens the intake limit (burst 3, one every 5 seconds) so that it can be met; every test uses
 * principals of its own so the buckets do not interfere.
 */
@QuarkusTest
@TestProfile(SecurityTest.TightIntakeLimit.class)
class SecurityTest {

    public static class TightIntakeLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("credit.rate-limit.intake.requests-per-second", "0.2", "credit.rate-limit.intake.burst", "3");
        }
    }

    private static RequestSpecification as(String user, String... roles) {
        return given().auth().oauth2(Tokens.of(user, roles));
    }

    private static String invoice(String buyer, String number) {
        return """
                {"buyerId":"%s","invoiceNumber":"%s","issueDate":"2026-01-02","dueDate":"2026-02-01","amount":"100.00","currency":"EUR"}"""
                .formatted(buyer, number);
    }

    @Test
    void withoutATokenOnlyHealthAnswers() {
        given().get("/api/v1/aging").then().statusCode(401);
        given().get("/api/v1/buyers/B-1/ledger").then().statusCode(401);
        given().contentType(ContentType.JSON).body(invoice("B-1", "INV-1")).post("/api/v1/invoices").then().statusCode(401);
        given().post("/api/v1/dunning/runs").then().statusCode(401);
        given().get("/q/metrics").then().statusCode(401);
        given().get("/q/openapi").then().statusCode(401);
        given().get("/q/health/live").then().statusCode(200);
        as("viewer.1", "viewer").get("/q/metrics").then().statusCode(200);
    }

    @Test
    void aValidTokenIsAcceptedAndBadOnesAreRefused() {
        as("viewer.2", "viewer").get("/api/v1/aging").then().statusCode(200);
        given().auth().oauth2(Tokens.withForeignKey("viewer.3", "viewer")).get("/api/v1/aging").then().statusCode(401);
        given().auth().oauth2(Tokens.claims("viewer.4", "viewer").issuer("https://someone-else.invalid").sign())
                .get("/api/v1/aging").then().statusCode(401);
        given().auth().oauth2(Tokens.claims("viewer.5", "viewer").issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)).sign()).get("/api/v1/aging").then().statusCode(401);
        given().auth().oauth2(Tokens.claims("viewer.6", "viewer").audience("another-suite").sign())
                .get("/api/v1/aging").then().statusCode(401);
        given().auth().oauth2("not-a-jwt").get("/api/v1/aging").then().statusCode(401);
    }

    @Test
    void intakeIsForTheErp() {
        String buyer = Api.unique("SEC");
        String number = Api.unique("INV");
        as("erp.intake", "erp").contentType(ContentType.JSON).body(invoice(buyer, number)).post("/api/v1/invoices")
                .then().statusCode(201);
        for (String role : new String[] { "viewer", "analyst", "approver", "collector", "admin" }) {
            as(role + ".intake", role).contentType(ContentType.JSON).body(invoice(buyer, Api.unique("INV"))).post("/api/v1/invoices")
                    .then().statusCode(403).contentType("application/problem+json");
        }
        as("viewer.import", "viewer").contentType("application/x-ndjson").body(new byte[0]).post("/api/v1/ledger-imports").then().statusCode(403);
        as("collector.pay", "collector").contentType(ContentType.JSON).body("{}").post("/api/v1/payments").then().statusCode(403);
        // the ERP reads its ledger back (once the ledger has it from the topic); not the portfolio's aging or the worklist
        Api.awaitInvoice(number, json -> true, () -> as("erp.read", "erp"));
        as("erp.read", "erp").get("/api/v1/buyers/" + buyer + "/ledger").then().statusCode(200);
        as("erp.read", "erp").get("/api/v1/aging").then().statusCode(403);
        as("erp.read", "erp").get("/api/v1/worklist").then().statusCode(403);
    }

    @Test
    void aWriteOffIsForAnApproverAndRecordsWhoDecided() {
        String buyer = Api.unique("SEC");
        String number = Api.unique("INV");
        as("erp.wo", "erp").contentType(ContentType.JSON).body(invoice(buyer, number)).post("/api/v1/invoices").then().statusCode(201);
        Api.awaitInvoice(number, json -> json.getString("invoiceNumber") != null, () -> as("viewer.wo", "viewer"));
        String writeOff = """
                {"writeOffId":"%s","buyerId":"%s","invoiceNumber":"%s","amount":"30.00","currency":"EUR","writtenOffOn":"2026-03-01",
                 "reason":"uncollectable"}""".formatted(Api.unique("WO"), buyer, number);
        for (String role : new String[] { "collector", "analyst", "erp", "viewer", "admin" }) {
            as(role + ".wo", role).contentType(ContentType.JSON).body(writeOff).post("/api/v1/write-offs").then().statusCode(403);
        }
        as("approver.kim", "approver").contentType(ContentType.JSON).body(writeOff).post("/api/v1/write-offs").then().statusCode(201);
        // who decided comes from the token: a body naming someone else is refused, not believed
        as("approver.kim", "approver").contentType(ContentType.JSON)
                .body(writeOff.replace("\"reason\"", "\"decidedBy\":\"someone.else\",\"reason\"")).post("/api/v1/write-offs")
                .then().statusCode(400).body("violations.field", hasItem("decidedBy"));
    }

    @Test
    void promisesAndContactsAreTheCollectorsAndRecordThePrincipal() {
        String buyer = Api.unique("SEC");
        String number = Api.unique("INV");
        as("erp.ptp", "erp").contentType(ContentType.JSON).body(invoice(buyer, number).replace("2026-02-01", "2099-02-01"))
                .post("/api/v1/invoices").then().statusCode(201);
        Api.awaitInvoice(number, json -> json.getString("invoiceNumber") != null, () -> as("viewer.ptp", "viewer"));
        String promise = """
                {"promiseId":"%s","invoiceNumber":"%s","amount":"50.00","currency":"EUR","promisedDate":"2099-01-15"}"""
                .formatted(Api.unique("PTP"), number);
        as("erp.ptp", "erp").contentType(ContentType.JSON).body(promise).post("/api/v1/promises").then().statusCode(403);
        as("viewer.ptp", "viewer").contentType(ContentType.JSON).body(promise).post("/api/v1/promises").then().statusCode(403);
        as("collector.wang", "collector").contentType(ContentType.JSON).body(promise).post("/api/v1/promises")
                .then().statusCode(201).body("takenBy", equalTo("collector.wang"));

        String contact = """
                {"channel":"PHONE","outcome":"REACHED","note":"will pay"}""";
        as("analyst.c", "analyst").contentType(ContentType.JSON).body(contact).post("/api/v1/buyers/" + buyer + "/contacts")
                .then().statusCode(403);
        as("collector.wang", "collector").contentType(ContentType.JSON).body(contact).post("/api/v1/buyers/" + buyer + "/contacts")
                .then().statusCode(201).body("collector", equalTo("collector.wang"));
        as("collector.wang", "collector").contentType(ContentType.JSON)
                .body(contact.replace("\"channel\"", "\"collector\":\"someone.else\",\"channel\""))
                .post("/api/v1/buyers/" + buyer + "/contacts").then().statusCode(400).body("violations.field", hasItem("collector"));
        as("viewer.c", "viewer").get("/api/v1/buyers/" + buyer + "/contacts?limit=1001").then().statusCode(400)
                .body("violations.field", hasItem("limit"));
        as("viewer.c", "viewer").get("/api/v1/buyers/" + buyer + "/contacts").then().statusCode(200).body("[0].collector",
                equalTo("collector.wang"));
    }

    @Test
    void strategiesRunsAndAssignmentsAreForAdmins() {
        for (String role : new String[] { "erp", "collector", "analyst", "approver", "viewer" }) {
            as(role + ".run", role).post("/api/v1/dunning/runs").then().statusCode(403);
        }
        String buyer = Api.unique("SEC");
        as("collector.assign", "collector").contentType(ContentType.JSON).body("{\"collector\":\"collector.li\"}")
                .put("/api/v1/buyers/" + buyer + "/collector").then().statusCode(403);
        as("admin.assign", "admin").contentType(ContentType.JSON).body("{\"collector\":\"collector.li\"}")
                .put("/api/v1/buyers/" + buyer + "/collector").then().statusCode(200);
        as("viewer.wl", "viewer").get("/api/v1/worklist?limit=5000").then().statusCode(400).body("violations.field", hasItem("limit"));
    }

    @Test
    void aBodyCarryingAFieldTheClientDoesNotOwnIsRefused() {
        String body = invoice(Api.unique("SEC"), Api.unique("INV")).replace("\"currency\"", "\"status\":\"PAID\",\"currency\"");
        as("erp.fields", "erp").contentType(ContentType.JSON).body(body).post("/api/v1/invoices").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("status"));
    }

    @Test
    void aLargeBodyIsRefusedWith413ButTheImportTakesIt() {
        String padding = "x".repeat(1_100_000);
        String body = invoice(Api.unique("SEC"), Api.unique("INV")).replace("\"currency\"", "\"orderReference\":\"" + padding + "\",\"currency\"");
        as("erp.size", "erp").contentType(ContentType.JSON).body(body).post("/api/v1/invoices").then().statusCode(413)
                .contentType("application/problem+json").body("status", equalTo(413));
        // the same size as an NDJSON import is read (its row is rejected for the long reference, not the request)
        String row = "{\"type\":\"invoice\"," + body.substring(1) + "\n";
        as("erp.size.import", "erp").contentType("application/x-ndjson").body(row.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/ledger-imports").then()
                .statusCode(200).body("rejected", equalTo(1));
    }

    @Test
    void intakeAboveTheRateLimitIsAnswered429WithRetryAfter() {
        String buyer = Api.unique("SEC");
        int accepted = 0;
        io.restassured.response.Response refused = null;
        while (refused == null && accepted < 8) {
            var response = as("erp.busy", "erp").contentType(ContentType.JSON).body(invoice(buyer, Api.unique("INV")))
                    .post("/api/v1/invoices");
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                response.then().statusCode(201);
                accepted++;
            }
        }
        // the burst of 3 is served (plus what trickled back meanwhile), then the caller is told to wait
        org.junit.jupiter.api.Assertions.assertTrue(accepted >= 3 && refused != null, accepted + " accepted, then " + refused);
        refused.then().contentType("application/problem+json").body("status", equalTo(429))
                .body("detail", containsString("credit.rate-limit.intake"));
        int retryAfter = Integer.parseInt(refused.getHeader("Retry-After"));
        org.junit.jupiter.api.Assertions.assertTrue(retryAfter >= 1 && retryAfter <= 5, "Retry-After " + retryAfter);
        // another principal has its own bucket; reads are not limited
        as("erp.quiet", "erp").contentType(ContentType.JSON).body(invoice(buyer, Api.unique("INV"))).post("/api/v1/invoices")
                .then().statusCode(201);
        as("erp.busy", "erp").get("/api/v1/buyers/" + buyer + "/ledger").then().statusCode(not(429));
    }
}
