package io.creditcontrol.collections.dunning;

import static io.creditcontrol.collections.Api.awaitInvoice;
import static io.creditcontrol.collections.Api.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.creditcontrol.collections.Api;
import io.creditcontrol.collections.TestClock;
import io.creditcontrol.collections.messaging.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** A buyer's grade (credit.scores.v1) and segment (credit.buyers.v1) choose its collection strategy. */
@QuarkusTest
@TestSecurity(user = "collector.li", roles = { "erp", "analyst", "approver", "collector", "admin", "viewer" })
class StrategySelectionTest {

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    static void scoreChanged(String buyer, int grade) {
        TestTopics.publish("credit.scores.v1", buyer, """
                {"specversion":"1.0","id":"%s","source":"/scoring-service","type":"credit.score.changed","subject":"%s",
                 "time":"%s","datacontenttype":"application/json",
                 "data":{"buyerId":"%s","grade":%d,"probabilityOfDefault":"0.21","modelVersion":"m-1",
                         "reasons":[],"assessedAt":"%s"}}""".formatted(UUID.randomUUID(), buyer, Instant.now(), buyer, grade, Instant.now()));
    }

    static void registered(String buyer, String segment) {
        TestTopics.publish("credit.buyers.v1", buyer, """
                {"specversion":"1.0","id":"%s","source":"/erp/test","type":"credit.buyer.registered","subject":"%s",
                 "time":"%s","datacontenttype":"application/json",
                 "data":{"buyerId":"%s","name":"Key Account AG","country":"DE","segment":"%s"}}"""
                .formatted(UUID.randomUUID(), buyer, Instant.now(), buyer, segment));
    }

    static void awaitStrategy(String invoice, String strategy) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/invoices/" + invoice + "/dunning")
                .then().statusCode(200).body("strategy", equalTo(strategy)));
    }

    @Test
    void aGradeEightBuyerEscalatesSooner() {
        String risky = unique("B-RISKY");
        String ordinary = unique("B-ORD");
        String riskyInvoice = unique("INV");
        String ordinaryInvoice = unique("INV");
        clock.setToday(LocalDate.parse("2025-08-01"));
        Api.invoice(risky, riskyInvoice, "2025-08-01", "2025-08-31", "100.00", "EUR");
        Api.invoice(ordinary, ordinaryInvoice, "2025-08-01", "2025-08-31", "100.00", "EUR");
        scoreChanged(risky, 8);
        scoreChanged(ordinary, 3);
        awaitInvoice(riskyInvoice, json -> true);
        awaitInvoice(ordinaryInvoice, json -> true);
        awaitStrategy(riskyInvoice, "high-risk");

        clock.setToday(LocalDate.parse("2025-09-07"));
        given().post("/api/v1/dunning/runs").then().statusCode(200);

        given().get("/api/v1/invoices/" + riskyInvoice + "/dunning").then()
                .body("steps.step", contains("COLLECTOR_CALL"), "steps[0].strategy", equalTo("high-risk"));
        given().get("/api/v1/invoices/" + ordinaryInvoice + "/dunning").then()
                .body("steps.step", contains("FIRST_NOTICE"), "steps[0].strategy", equalTo("standard"));
    }

    @Test
    void aKeyAccountGetsACallBeforeAnyNoticeUnlessItsGradeSaysOtherwise() {
        String keyAccount = unique("B-KEY");
        String invoice = unique("INV");
        clock.setToday(LocalDate.parse("2025-08-01"));
        Api.invoice(keyAccount, invoice, "2025-08-01", "2025-08-31", "100.00", "EUR");
        registered(keyAccount, "KEY_ACCOUNT");
        awaitInvoice(invoice, json -> true);
        awaitStrategy(invoice, "key-account");

        scoreChanged(keyAccount, 9);
        awaitStrategy(invoice, "high-risk");
    }
}
