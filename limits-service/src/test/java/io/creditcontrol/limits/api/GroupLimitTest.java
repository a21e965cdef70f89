package io.creditcontrol.limits.api;

import static io.creditcontrol.limits.api.CreditFixtures.check;
import static io.creditcontrol.limits.api.CreditFixtures.knownBuyer;
import static io.creditcontrol.limits.api.CreditFixtures.limit;
import static io.creditcontrol.limits.api.CreditFixtures.reserved;
import static io.creditcontrol.limits.messaging.TestEvents.unique;
import static io.creditcontrol.limits.Auth.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A group limit caps the combined exposure of the buyers sharing a parent, also under concurrent orders. */
@QuarkusTest
class GroupLimitTest {

    /** Requested by one analyst, approved by a different approver (maker-checker). */
    static void groupLimit(String parent, String amount) {
        String id = given().auth().oauth2(io.creditcontrol.limits.Auth.token("analyst.meier", "analyst")).contentType(ContentType.JSON)
                .body("{\"amount\":" + amount + ",\"currency\":\"EUR\",\"reason\":\"Group accounts 2025\"}")
                .post("/api/v1/groups/" + parent + "/limit-requests").then().statusCode(201)
                .body("status", equalTo("PENDING"), "requestedBy", equalTo("analyst.meier")).extract().path("id");
        given().auth().oauth2(io.creditcontrol.limits.Auth.token("head.of.credit", "approver")).contentType(ContentType.JSON)
                .body("{\"comment\":\"ok\"}").post("/api/v1/group-limit-requests/" + id + "/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED"), "decidedBy", equalTo("head.of.credit"));
        given().get("/api/v1/groups/" + parent + "/credit-limit").then().statusCode(200)
                .body("requestedBy", equalTo("analyst.meier"), "setBy", equalTo("head.of.credit"));
    }

    @Test
    void aGroupLimitTakesEffectOnlyWhenADifferentApproverApprovesIt() {
        String parent = knownBuyer(unique("G"));
        String member = knownBuyer(unique("B"), parent);
        limit(member, "10000.00", "EUR");
        String id = given().auth().oauth2(io.creditcontrol.limits.Auth.token("analyst.both", "analyst", "approver"))
                .contentType(ContentType.JSON).body("{\"amount\":100.00,\"currency\":\"EUR\",\"reason\":\"Group accounts\"}")
                .post("/api/v1/groups/" + parent + "/limit-requests").then().statusCode(201).extract().path("id");
        given().get("/api/v1/groups/" + parent + "/credit-limit").then().statusCode(404);
        check(member, "SO-1", "500.00", "EUR").statusCode(200).body("decision", equalTo("APPROVED"));
        // the requester cannot approve, even holding the approver role; an erp or analyst token not at all
        given().auth().oauth2(io.creditcontrol.limits.Auth.token("analyst.both", "analyst", "approver")).contentType(ContentType.JSON)
                .body("{}").post("/api/v1/group-limit-requests/" + id + "/approve").then().statusCode(403)
                .body("type", equalTo("https://creditcontrol.io/problems/four-eyes"));
        given().auth().oauth2(io.creditcontrol.limits.Auth.token("erp.sap", "erp")).contentType(ContentType.JSON)
                .body("{}").post("/api/v1/group-limit-requests/" + id + "/approve").then().statusCode(403);
        given().auth().oauth2(io.creditcontrol.limits.Auth.token("erp.sap", "erp")).contentType(ContentType.JSON)
                .body("{\"amount\":1,\"currency\":\"EUR\",\"reason\":\"x\"}")
                .post("/api/v1/groups/" + parent + "/limit-requests").then().statusCode(403);
        given().auth().oauth2(io.creditcontrol.limits.Auth.token("approver.other", "approver")).contentType(ContentType.JSON)
                .body("{}").post("/api/v1/group-limit-requests/" + id + "/reject").then().statusCode(400)
                .body("violations.field", contains("comment"));
        given().auth().oauth2(io.creditcontrol.limits.Auth.token("approver.other", "approver")).contentType(ContentType.JSON)
                .body("{\"comment\":\"Too low\"}").post("/api/v1/group-limit-requests/" + id + "/reject").then().statusCode(200)
                .body("status", equalTo("REJECTED"), "decidedBy", equalTo("approver.other"));
        given().auth().oauth2(io.creditcontrol.limits.Auth.token("approver.other", "approver")).contentType(ContentType.JSON)
                .body("{}").post("/api/v1/group-limit-requests/" + id + "/approve").then().statusCode(409);
        given().get("/api/v1/groups/" + parent + "/credit-limit").then().statusCode(404);
        check(member, "SO-2", "500.00", "EUR").statusCode(200).body("decision", equalTo("APPROVED"));
    }

    @Test
    void anOrderThatWouldTakeTheGroupOverItsLimitIsReferredThoughTheBuyerHasHeadroom() {
        String parent = knownBuyer(unique("G"));
        String first = knownBuyer(unique("B"), parent);
        String second = knownBuyer(unique("B"), parent);
        limit(first, "10000.00", "EUR");
        limit(second, "10000.00", "EUR");
        groupLimit(parent, "12000.00");

        check(first, "SO-1", "7000.00", "EUR").statusCode(200).body("decision", equalTo("APPROVED"));
        check(second, "SO-2", "5000.01", "EUR").statusCode(200)
                .body("decision", equalTo("REFERRED"), "reasonCodes", contains("GROUP_LIMIT_EXCEEDED"), "headroom", org.hamcrest.Matchers.notNullValue());
        given().contentType(ContentType.JSON).body(CreditFixtures.body(second, "Q-1", "5000.01", "EUR"))
                .post("/api/v1/credit-checks/what-if").then().body("reasonCodes", contains("GROUP_LIMIT_EXCEEDED"));
        check(second, "SO-3", "5000.00", "EUR").statusCode(200).body("decision", equalTo("APPROVED"));
        assertEquals(0, BigDecimal.ZERO.compareTo(reserved(parent, "EUR")));
    }

    @Test
    void parallelOrdersOfGroupMembersNeverReserveMoreThanTheGroupLimit() throws Exception {
        String parent = knownBuyer(unique("G"));
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String member = knownBuyer(unique("B"), parent);
            limit(member, "1000.00", "EUR");
            members.add(member);
        }
        groupLimit(parent, "1500.00");
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<JsonPath> answers = new ArrayList<>();
        try {
            List<Future<JsonPath>> futures = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String member = members.get(i % 3);
                String order = "SO-" + i;
                futures.add(pool.submit(() -> check(member, order, "90.00", "EUR").statusCode(200).extract().jsonPath()));
            }
            for (Future<JsonPath> future : futures) {
                answers.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        BigDecimal approved = answers.stream().filter(a -> a.getString("decision").equals("APPROVED"))
                .map(a -> new BigDecimal(a.getString("amount"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal reserved = members.stream().map(m -> reserved(m, "EUR")).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, approved.compareTo(reserved), "approved " + approved + ", reserved " + reserved);
        assertTrue(reserved.compareTo(new BigDecimal("1500")) <= 0, "group reserved " + reserved);
        assertEquals(0, new BigDecimal("1440").compareTo(reserved), "16 orders of 90 fit into 1500");
    }
}
