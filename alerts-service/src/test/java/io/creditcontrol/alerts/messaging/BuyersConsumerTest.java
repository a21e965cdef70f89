package io.creditcontrol.alerts.messaging;

import static io.creditcontrol.alerts.TestApi.api;
import static io.creditcontrol.alerts.messaging.TestEvents.buyerMasterData;
import static io.creditcontrol.alerts.messaging.TestEvents.event;
import static io.creditcontrol.alerts.messaging.TestEvents.publishBuyerEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.riskSignalData;
import static io.creditcontrol.alerts.messaging.TestEvents.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.creditcontrol.alerts.messaging.events.BuyerEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

@QuarkusTest
@TestSecurity(user = "test-viewer", roles = "viewer")
class BuyersConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void aRedeliveredRiskSignalIsRecordedOnceAndASecondReportOfTheSameSignalIsKept() {
        String buyer = unique("B");
        String report = event(BuyerEvents.RISK_SIGNAL_REPORTED, buyer, riskSignalData(buyer, "NEGATIVE_NEWS", "2026-11-03", "LOW"));
        publishBuyerEvent(buyer, report);
        publishBuyerEvent(buyer, report);
        publishBuyerEvent(buyer, event(BuyerEvents.RISK_SIGNAL_REPORTED, buyer, riskSignalData(buyer, "NEGATIVE_NEWS", "2026-11-09", "MEDIUM")));

        // a buyer known only from its signals: no master data yet, no receivables
        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/receivables")
                .then().statusCode(200)
                .body("riskSignals.observedOn", contains("2026-11-03", "2026-11-09"),
                        "riskSignals.severity", contains("LOW", "MEDIUM"),
                        "name", nullValue(),
                        "balances", empty()));
    }

    @Test
    void theLatestMasterRecordReplacesTheEarlierOne() {
        String buyer = unique("B");
        publishBuyerEvent(buyer, buyerMasterData(BuyerEvents.BUYER_REGISTERED, buyer, "Shenzhen Bright Components Ltd", "CN", "C26.1", "G-7"));
        publishBuyerEvent(buyer, event(BuyerEvents.BUYER_UPDATED, buyer,
                "{\"buyerId\":\"" + buyer + "\",\"name\":\"Bright Components (Shenzhen) Ltd\",\"country\":\"HK\"}"));

        // the update is a full record: what it leaves out (industry, parent) is no longer set
        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/receivables")
                .then().statusCode(200)
                .body("name", equalTo("Bright Components (Shenzhen) Ltd"),
                        "country", equalTo("HK"),
                        "industry", nullValue(),
                        "parentId", nullValue()));
    }

    @Test
    void aRiskSignalCarryingAFieldThisServiceDoesNotKnowIsApplied() {
        // data objects are open: scoring-service adds submittedBy to what an analyst reports through its API
        String buyer = unique("B");
        String data = riskSignalData(buyer, "LEGAL_DISPUTE", "2026-11-04", "HIGH");
        data = data.substring(0, data.length() - 1) + ",\"submittedBy\":\"suite-analyst\",\"futureField\":{\"x\":1}}";
        publishBuyerEvent(buyer, event(BuyerEvents.RISK_SIGNAL_REPORTED, buyer, data));

        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/receivables")
                .then().statusCode(200)
                .body("riskSignals.observedOn", contains("2026-11-04"),
                        "riskSignals.severity", contains("HIGH")));
    }

    @Test
    void aRiskSignalOfAnUnknownKindIsDeadLettered() {
        String buyer = unique("B");
        publishBuyerEvent(buyer, event(BuyerEvents.RISK_SIGNAL_REPORTED, buyer, riskSignalData(buyer, "ALIEN_INVASION", "2026-11-03", "HIGH")));

        ConsumerRecord<String, String> dead = TestTopics.awaitRecord("credit.dlq.alerts.v1", buyer);
        String reason = TestTopics.header(dead, "dead-letter-reason");
        assertTrue(reason.contains("unreadable data") && reason.contains("ALIEN_INVASION"), reason);
    }
}
