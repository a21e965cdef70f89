package io.creditcontrol.limits.api;

import static io.creditcontrol.limits.Amounts.amount;
import static io.creditcontrol.limits.api.CreditFixtures.knownBuyer;
import static io.creditcontrol.limits.api.CreditFixtures.requestLimit;
import static io.creditcontrol.limits.messaging.TestEvents.unique;
import static io.creditcontrol.limits.Auth.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.creditcontrol.limits.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Manual limits follow maker-checker: one analyst requests, a different person approves or rejects, and all of it is kept. */
@QuarkusTest
class LimitRequestTest {

    @Test
    void aRequestedLimitTakesEffectOnlyWhenADifferentPersonApprovesIt() {
        String buyer = knownBuyer(unique("B"));
        String id = requestLimit(buyer, "150000.00", "EUR", TestClock.TODAY.plusMonths(6), "analyst.meier").statusCode(201)
                .body("status", equalTo("PENDING"), "requestedBy", equalTo("analyst.meier")).extract().path("id");
        given().get("/api/v1/buyers/" + buyer + "/credit-limit").then().statusCode(200)
                .body("limit", nullValue(), "history", hasSize(0));
        CreditFixtures.check(buyer, "SO-1", "10.00", "EUR").body("reasonCodes", contains("NO_LIMIT"));

        given().auth().oauth2(io.creditcontrol.limits.Auth.token("analyst.meier")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/limit-requests/" + id + "/approve").then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://creditcontrol.io/problems/four-eyes"));

        given().auth().oauth2(io.creditcontrol.limits.Auth.token("approver.schulz")).contentType(ContentType.JSON).body("{\"comment\":\"Accounts checked\"}")
                .post("/api/v1/limit-requests/" + id + "/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED"), "decidedBy", equalTo("approver.schulz"), "decisionComment", equalTo("Accounts checked"),
                        "decidedAt", equalTo(TestClock.START.toString()));

        given().get("/api/v1/buyers/" + buyer + "/credit-limit").then().statusCode(200)
                .body("limit.amount", amount("150000.00"), "limit.currency", equalTo("EUR"), "limit.source", equalTo("MANUAL"),
                        "limit.changedBy", equalTo("approver.schulz"), "limit.reason", equalTo("Annual review"),
                        "limit.validFrom", equalTo(TestClock.TODAY.minusDays(10).toString()),
                        "limit.reviewDate", equalTo(TestClock.TODAY.plusMonths(6).toString()),
                        "history", hasSize(1), "history[0].requestedBy", equalTo("analyst.meier"),
                        "history[0].changedBy", equalTo("approver.schulz"));
        CreditFixtures.check(buyer, "SO-2", "10.00", "EUR").body("decision", equalTo("APPROVED"), "limit", amount("150000.00"));

        given().auth().oauth2(io.creditcontrol.limits.Auth.token("approver.other")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/limit-requests/" + id + "/approve").then().statusCode(409)
                .body("type", equalTo("https://creditcontrol.io/problems/limit-request-decided"));
    }

    @Test
    void aRejectedRequestChangesNothingAndKeepsWhoRejectedItAndWhy() {
        String buyer = knownBuyer(unique("B"));
        CreditFixtures.limit(buyer, "5000.00", "EUR");
        String id = requestLimit(buyer, "90000.00", "EUR", TestClock.TODAY.plusMonths(6), "analyst.meier").statusCode(201).extract().path("id");

        given().auth().oauth2(io.creditcontrol.limits.Auth.token("approver.schulz")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/limit-requests/" + id + "/reject").then().statusCode(400).body("violations.field", contains("comment"));
        given().auth().oauth2(io.creditcontrol.limits.Auth.token("approver.schulz")).contentType(ContentType.JSON).body("{\"comment\":\"Insurer cover is 20k\"}")
                .post("/api/v1/limit-requests/" + id + "/reject").then().statusCode(200)
                .body("status", equalTo("REJECTED"), "decidedBy", equalTo("approver.schulz"), "decisionComment", equalTo("Insurer cover is 20k"));

        given().get("/api/v1/buyers/" + buyer + "/credit-limit").then()
                .body("limit.amount", amount("5000.00"), "history", hasSize(1));
        given().get("/api/v1/limit-requests/" + id).then().statusCode(200).body("status", equalTo("REJECTED"));
    }

    @Test
    void aLimitChangeKeepsThePreviousLimitInTheHistory() {
        String buyer = knownBuyer(unique("B"));
        CreditFixtures.limit(buyer, "5000.00", "EUR");
        CreditFixtures.limit(buyer, "8000.00", "EUR");

        given().get("/api/v1/buyers/" + buyer + "/credit-limit").then()
                .body("limit.amount", amount("8000.00"), "history", hasSize(2),
                        "history[1].previousAmount", amount("5000.00"), "history[1].amount", amount("8000.00"));
    }

    @Test
    void aRequestWithBadFieldsIsRejectedNamingEachField() {
        String buyer = knownBuyer(unique("B"));
        given().contentType(ContentType.JSON)
                .body("{\"amount\":-1,\"currency\":\"EURO\",\"reviewDate\":\"2027-01-01\"}")
                .post("/api/v1/buyers/" + buyer + "/limit-requests").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("violations.field", containsInAnyOrder("currency", "amount", "reason"));
        requestLimit("NO-SUCH-BUYER-2", "10.00", "EUR", TestClock.TODAY.plusMonths(1), "analyst.meier").statusCode(404)
                .body("violations.field", contains("buyerId"));
        given().auth().oauth2(io.creditcontrol.limits.Auth.token("x")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/limit-requests/no-such-request/approve").then().statusCode(404);
    }
}
