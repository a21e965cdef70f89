package io.creditcontrol.alerts.messaging;

import static io.creditcontrol.alerts.TestAlerts.alertsOf;
import static io.creditcontrol.alerts.TestAlerts.awaitAlert;
import static io.creditcontrol.alerts.TestAlerts.awaitApplied;
import static io.creditcontrol.alerts.messaging.TestEvents.event;
import static io.creditcontrol.alerts.messaging.TestEvents.limitChanged;
import static io.creditcontrol.alerts.messaging.TestEvents.orderDecided;
import static io.creditcontrol.alerts.messaging.TestEvents.promiseBroken;
import static io.creditcontrol.alerts.messaging.TestEvents.publishCollectionsEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.publishLimitEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.publishScoreEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * The three channels the rules added (scores, limits, collections) follow the inbox rules: an
 * event is applied once however often it is delivered, a malformed one goes to the dead-letter
 * topic with its reason, and a type the service does not read is skipped.
 */
@QuarkusTest
@TestSecurity(user = "test-viewer", roles = "viewer")
class RuleEventsConsumerTest {

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        String buyer = unique("B");
        String cut = limitChanged(buyer, "10000.00", "50000.00", "EUR");
        publishLimitEvent(buyer, cut);
        publishLimitEvent(buyer, cut);
        String blocked = orderDecided(buyer, "SO-9", "BLOCKED");
        publishLimitEvent(buyer, blocked);
        publishLimitEvent(buyer, blocked);

        awaitApplied(blocked);
        assertEquals(1, awaitAlert(buyer, "LIMIT_CUT").get("count"));
        assertEquals(1, awaitAlert(buyer, "ORDER_BLOCKED").get("count"));
    }

    @Test
    void aGradeOutsideTheScaleIsDeadLettered() {
        String buyer = unique("B");
        publishScoreEvent(buyer, TestEvents.scoreChanged(buyer, 11, 4));

        ConsumerRecord<String, String> dead = TestTopics.awaitRecord("credit.dlq.alerts.v1", buyer);
        String reason = TestTopics.header(dead, "dead-letter-reason");
        assertTrue(reason.contains("invalid data") && reason.contains("grade"), reason);
        assertEquals(0, alertsOf(buyer, "GRADE_DOWNGRADE").size());
    }

    @Test
    void aBrokenPromiseWithoutItsAmountIsDeadLettered() {
        String buyer = unique("B");
        publishCollectionsEvent(buyer, promiseBroken(buyer, "PTP-1", null).replace("\"amount\":\"9800.00\",", ""));

        ConsumerRecord<String, String> dead = TestTopics.awaitRecord("credit.dlq.alerts.v1", buyer);
        String reason = TestTopics.header(dead, "dead-letter-reason");
        assertTrue(reason.contains("amount"), reason);
    }

    @Test
    void aTypeTheServiceDoesNotReadIsSkipped() {
        String buyer = unique("B");
        String stop = event("credit.supply.stop-recommended", buyer, """
                {"buyerId":"%s","reason":"Invoices over 60 days","recommendedOn":"2026-11-20","overdueAmount":"100.00","currency":"EUR"}"""
                .formatted(buyer));
        publishCollectionsEvent(buyer, stop);
        awaitApplied(stop);
        assertEquals(0, io.creditcontrol.alerts.TestApi.api().queryParam("buyerId", buyer).get("/api/v1/alerts")
                .then().statusCode(200).extract().jsonPath().getInt("total"));
    }
}
