package io.creditcontrol.limits.api;

import static io.creditcontrol.limits.api.CreditFixtures.check;
import static io.creditcontrol.limits.api.CreditFixtures.knownBuyer;
import static io.creditcontrol.limits.api.CreditFixtures.limit;
import static io.creditcontrol.limits.api.CreditFixtures.reserved;
import static io.creditcontrol.limits.messaging.TestEvents.unique;
import static io.creditcontrol.limits.Auth.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.creditcontrol.limits.TestClock;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.persistence.EntityManager;

/** Referred and blocked orders open a case; an analyst releases (the order then reserves) or rejects it, and both are announced. */
@QuarkusTest
class DecisionCaseTest {

    @Test
    void aReferredOrderOpensACaseAndAnAnalystsReleaseReservesItsAmount() throws Exception {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "1000.00", "EUR");
        String caseId = check(buyer, "SO-BIG", "1500.00", "EUR").statusCode(200)
                .body("decision", equalTo("REFERRED"), "caseId", notNullValue()).extract().path("caseId");
        given().queryParam("buyerId", buyer).get("/api/v1/decision-cases").then().statusCode(200).body("id", hasItem(caseId));
        given().get("/api/v1/decision-cases/" + caseId).then().body("status", equalTo("OPEN"), "orderReference", equalTo("SO-BIG"));

        given().auth().oauth2(io.creditcontrol.limits.Auth.token("analyst.meier")).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/decision-cases/" + caseId + "/release").then().statusCode(400).body("violations.field", contains("comment"));
        String reservation = given().auth().oauth2(io.creditcontrol.limits.Auth.token("analyst.meier")).contentType(ContentType.JSON)
                .body("{\"comment\":\"Parent guarantee received\"}")
                .post("/api/v1/decision-cases/" + caseId + "/release").then().statusCode(200)
                .body("status", equalTo("RELEASED"), "decidedBy", equalTo("analyst.meier"),
                        "decisionComment", equalTo("Parent guarantee received"), "decidedAt", equalTo(TestClock.START.toString()))
                .extract().path("reservationId");

        given().get("/api/v1/reservations/" + reservation).then().body("status", equalTo("ACTIVE"), "orderReference", equalTo("SO-BIG"));
        assertEquals(0, new BigDecimal("1500").compareTo(reserved(buyer, "EUR")));
        JsonNode announced = lastDecisionAnnounced(buyer);
        assertEquals("APPROVED", announced.get("decision").asText());
        assertEquals("SO-BIG", announced.get("orderReference").asText());
        assertEquals("RELEASED_BY_ANALYST", announced.get("reasonCodes").get(1).asText());

        // the ERP retrying the order now gets the analyst's answer and its reservation, and nothing more is reserved
        check(buyer, "SO-BIG", "1500.00", "EUR").statusCode(200).header("Idempotent-Replayed", "true")
                .body("decision", equalTo("APPROVED"), "reservation.id", equalTo(reservation), "caseId", equalTo(caseId));
        assertEquals(0, new BigDecimal("1500").compareTo(reserved(buyer, "EUR")));

        given().auth().oauth2(io.creditcontrol.limits.Auth.token("analyst.other")).contentType(ContentType.JSON).body("{\"comment\":\"no\"}")
                .post("/api/v1/decision-cases/" + caseId + "/reject").then().statusCode(409)
                .body("type", equalTo("https://creditcontrol.io/problems/case-decided"));
    }

    @Test
    void aRejectedCaseBlocksTheOrderAndReservesNothing() throws Exception {
        String buyer = knownBuyer(unique("B"));
        String caseId = check(buyer, "SO-1", "10.00", "EUR").statusCode(200)
                .body("decision", equalTo("REFERRED"), "reasonCodes", contains("NO_LIMIT")).extract().path("caseId");

        given().auth().oauth2(io.creditcontrol.limits.Auth.token("analyst.meier")).contentType(ContentType.JSON).body("{\"comment\":\"Unknown customer\"}")
                .post("/api/v1/decision-cases/" + caseId + "/reject").then().statusCode(200).body("status", equalTo("REJECTED"));
        check(buyer, "SO-1", "10.00", "EUR").statusCode(200).header("Idempotent-Replayed", "true")
                .body("decision", equalTo("BLOCKED"), "reasonCodes", contains("NO_LIMIT", "REJECTED_BY_ANALYST"));

        assertEquals(0, BigDecimal.ZERO.compareTo(reserved(buyer, "EUR")));
        JsonNode announced = lastDecisionAnnounced(buyer);
        assertEquals("BLOCKED", announced.get("decision").asText());
        assertEquals(List.of("NO_LIMIT", "REJECTED_BY_ANALYST"),
                List.of(announced.get("reasonCodes").get(0).asText(), announced.get("reasonCodes").get(1).asText()));
    }

    @Test
    void anApprovedOrderOpensNoCase() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "1000.00", "EUR");
        check(buyer, "SO-1", "10.00", "EUR").statusCode(200).body("decision", equalTo("APPROVED"), "caseId", nullValue());
        given().get("/api/v1/decision-cases/nope").then().statusCode(404);
    }

    private static JsonNode lastDecisionAnnounced(String buyer) throws Exception {
        String payload = QuarkusTransaction.requiringNew().call(() -> (String) Arc.container().instance(EntityManager.class).get()
                .createNativeQuery("SELECT payload FROM outbox_event WHERE record_key = ?1 AND event_type = 'credit.order.decided'"
                        + " ORDER BY position DESC").setParameter(1, buyer).setMaxResults(1).getSingleResult());
        return new ObjectMapper().readTree(payload).get("data");
    }
}
