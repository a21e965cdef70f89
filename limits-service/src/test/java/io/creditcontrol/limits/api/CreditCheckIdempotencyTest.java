package io.creditcontrol.limits.api;

import static io.creditcontrol.limits.Amounts.amount;
import static io.creditcontrol.limits.api.CreditFixtures.body;
import static io.creditcontrol.limits.api.CreditFixtures.knownBuyer;
import static io.creditcontrol.limits.api.CreditFixtures.limit;
import static io.creditcontrol.limits.api.CreditFixtures.reserved;
import static io.creditcontrol.limits.messaging.TestEvents.unique;
import static io.creditcontrol.limits.Auth.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Retries are safe: the same request again returns the first answer and reserves nothing more. */
@QuarkusTest
class CreditCheckIdempotencyTest {

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstAnswerAndReservesNothingMore() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "10000.00", "EUR");
        String key = unique("key");

        String first = given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body(buyer, "SO-1", "6000.00", "EUR"))
                .post("/api/v1/credit-checks").then().statusCode(200).header("Idempotent-Replayed", "false")
                .body("decision", equalTo("APPROVED"), "exposure", amount("0")).extract().path("decisionId");
        given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body(buyer, "SO-1", "6000.00", "EUR"))
                .post("/api/v1/credit-checks").then().statusCode(200).header("Idempotent-Replayed", "true")
                .body("decisionId", equalTo(first), "decision", equalTo("APPROVED"), "exposure", amount("0"),
                        "reservation.amount", amount("6000.00"));

        assertEquals(0, new BigDecimal("6000").compareTo(reserved(buyer, "EUR")));
        assertEquals(1, CreditFixtures.decisions(buyer));
    }

    @Test
    void withoutAKeyTheOrderReferenceMakesTheRetrySafe() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "10000.00", "EUR");
        String first = CreditFixtures.check(buyer, "SO-9", "6000.00", "EUR").statusCode(200).extract().path("decisionId");

        CreditFixtures.check(buyer, "SO-9", "6000.00", "EUR").statusCode(200)
                .header("Idempotent-Replayed", "true").body("decisionId", equalTo(first), "decision", equalTo("APPROVED"));
        assertEquals(0, new BigDecimal("6000").compareTo(reserved(buyer, "EUR")));
    }

    @Test
    void aKeyReusedForADifferentOrderIsAConflictAndReservesNothing() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "10000.00", "EUR");
        String key = unique("key");
        given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body(buyer, "SO-1", "100.00", "EUR"))
                .post("/api/v1/credit-checks").then().statusCode(200);

        given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body(buyer, "SO-1", "200.00", "EUR"))
                .post("/api/v1/credit-checks").then().statusCode(409).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://creditcontrol.io/problems/idempotency-key-reused"));
        assertEquals(0, new BigDecimal("100").compareTo(reserved(buyer, "EUR")));
    }

    @Test
    void theSameRequestSentManyTimesAtOnceIsDecidedAndReservedOnce() throws Exception {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "10000.00", "EUR");
        String key = unique("key");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> given().header("Idempotency-Key", key).contentType(ContentType.JSON)
                        .body(body(buyer, "SO-1", "3000.00", "EUR")).post("/api/v1/credit-checks")
                        .then().statusCode(200).body("decision", equalTo("APPROVED")).extract().<String>path("decisionId")));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> answer : answers) {
                ids.add(answer.get());
            }
            assertEquals(1, ids.size(), "every repeat answers with the one decision");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, new BigDecimal("3000").compareTo(reserved(buyer, "EUR")));
        assertEquals(1, CreditFixtures.reservations(buyer));
    }
}
