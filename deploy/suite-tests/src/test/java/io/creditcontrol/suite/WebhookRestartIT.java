package io.creditcontrol.suite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.creditcontrol.suite.RunningSuite.Service;
import io.creditcontrol.suite.WebhookReceiver.Received;

/**
 * Webhook deliveries survive a crash of alerts-service. Risk signals reported by an analyst to
 * scoring-service reach alerts-service over Kafka and raise alerts; a customer's receiver
 * (verifying every request with the Standard Webhooks reference library) answers 503 until the
 * delivery log shows failed attempts; alerts-service is then killed with SIGKILL, the receiver
 * recovers, and alerts-service is started again. Every alert's webhook must arrive, validly
 * signed, under the webhook-id it had before the kill, and be accepted exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookRestartIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(90);
    private static final int BUYERS = 3;
    private final ObjectMapper json = new ObjectMapper();
    private RunningSuite suite;
    private WebhookReceiver receiver;

    @BeforeAll
    void startSuite() throws Exception {
        receiver = new WebhookReceiver(false);
        suite = new RunningSuite().withSystemProperties(Service.ALERTS,
                "credit.webhooks.allowed-hosts=127.0.0.1,localhost",
                "credit.webhooks.retry.initial-delay=PT1S",
                "credit.webhooks.retry.max-delay=PT5S",
                // many short retries: the endpoint must not run out of attempts while alerts-service is down
                "credit.webhooks.retry.max-attempts=100");
        suite.startAll();
    }

    @AfterAll
    void stopSuite() {
        if (suite != null) {
            suite.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void webhooksFailingWhenAlertsServiceIsKilledArriveAfterTheRestartUnderTheSameWebhookId() throws Exception {
        HttpResponse<String> subscribed = suite.postJsonAs("admin", Service.ALERTS, "/api/v1/webhook-subscriptions", """
                {"url":"%s","eventTypes":["credit.alert.raised"],"description":"suite test receiver"}""".formatted(receiver.url()));
        assertEquals(201, subscribed.statusCode(), subscribed.body());
        JsonNode subscription = json.readTree(subscribed.body());
        String subscriptionId = subscription.get("id").asText();
        receiver.secret = subscription.get("secret").asText();

        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            String buyer = "B-WH-" + UUID.randomUUID().toString().substring(0, 8);
            buyers.add(buyer);
            HttpResponse<String> registered = suite.postJsonAs("analyst", Service.SCORING, "/api/v1/buyers", """
                    {"buyerId":"%s","name":"Webhook Restart %d GmbH","country":"DE","industry":"C28.4"}""".formatted(buyer, i));
            assertEquals(202, registered.statusCode(), registered.body());
        }
        for (String buyer : buyers) {
            // the buyer's file exists once scoring-service has consumed its own registration event
            java.util.concurrent.atomic.AtomicReference<String> last = new java.util.concurrent.atomic.AtomicReference<>();
            try {
                await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(500)).until(() -> {
                    HttpResponse<String> reported = reportInsolvency(buyer);
                    last.set(reported.statusCode() + " " + reported.body());
                    return reported.statusCode() == 202;
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("risk signal for " + buyer + " not accepted, last answer " + last.get()
                        + "\n" + suite.tail(Service.SCORING), e);
            }
        }

        // every alert raised so far has a delivery that the receiver refused at least once
        awaitThat("every risk-signal alert raised and each delivery refused at least once", () -> {
            Set<String> raised = raisedAlerts(buyers, "RISK_SIGNAL");
            List<JsonNode> deliveries = deliveries(subscriptionId);
            return raised.size() == BUYERS && deliveries.size() >= raised.size()
                    && deliveries.stream().allMatch(d -> failedAttempts(d) >= 1);
        }, () -> "alerts " + raisedAlerts(buyers, null) + ", deliveries " + deliveries(subscriptionId) + ", requests " + receiver.received);
        Map<String, String> webhookIdByEventBeforeKill = new LinkedHashMap<>();
        for (JsonNode delivery : deliveries(subscriptionId)) {
            if (failedAttempts(delivery) >= 1) {
                assertEquals("PENDING", delivery.get("status").asText(), delivery.toString());
                webhookIdByEventBeforeKill.put(delivery.get("eventId").asText(), delivery.get("id").asText());
            }
        }
        assertTrue(webhookIdByEventBeforeKill.size() >= BUYERS, "failing deliveries before the kill: " + webhookIdByEventBeforeKill);
        Set<String> refusedIds = new TreeSet<>();
        for (Received r : receiver.received) {
            assertTrue(r.verified(), "every request is validly signed: " + r);
            assertEquals(503, r.answered());
            refusedIds.add(r.webhookId());
        }
        assertTrue(refusedIds.containsAll(webhookIdByEventBeforeKill.values()),
                "the receiver refused " + refusedIds + ", the log has " + webhookIdByEventBeforeKill);

        suite.kill(Service.ALERTS);
        receiver.healthy.set(true);
        suite.start(Service.ALERTS);

        // every alert of these buyers (including any raised after the kill, e.g. a grade downgrade) arrives
        awaitThat("every delivery delivered and every alert accepted after the restart", () ->
                deliveries(subscriptionId).stream().allMatch(d -> "DELIVERED".equals(d.get("status").asText()))
                        && raisedAlerts(buyers, null).equals(acceptedAlertIds()),
                () -> "alerts " + raisedAlerts(buyers, null) + ", accepted " + acceptedAlertIds() + ", deliveries " + deliveries(subscriptionId));

        Map<String, Received> acceptedByAlert = new HashMap<>();
        for (Received accepted : receiver.accepted.values()) {
            JsonNode event = json.readTree(accepted.body());
            assertEquals("credit.alert.raised", event.get("type").asText());
            Received earlier = acceptedByAlert.put(event.get("data").get("alertId").asText(), accepted);
            assertEquals(null, earlier, "one alert delivered under two webhook ids: " + earlier + " and " + accepted);
            String idBeforeKill = webhookIdByEventBeforeKill.get(event.get("id").asText());
            if (idBeforeKill != null) {
                assertEquals(idBeforeKill, accepted.webhookId(), "webhook-id changed by the restart for event " + event.get("id"));
            }
        }
        for (Map.Entry<String, String> before : webhookIdByEventBeforeKill.entrySet()) {
            assertTrue(receiver.accepted.containsKey(before.getValue()), "never accepted after the restart: " + before);
        }
        // read after the fact: alerts raised later (a grade downgrade following the signal) may only add to these
        Set<String> riskSignalAlerts = raisedAlerts(buyers, "RISK_SIGNAL");
        assertEquals(BUYERS, riskSignalAlerts.size());
        assertTrue(acceptedByAlert.keySet().containsAll(riskSignalAlerts), "risk-signal alerts " + riskSignalAlerts
                + " vs. accepted " + acceptedByAlert.keySet());
        Set<String> alertIds = raisedAlerts(buyers, null);
        assertTrue(alertIds.containsAll(acceptedByAlert.keySet()), "accepted " + acceptedByAlert.keySet() + " vs. alerts " + alertIds);
        Set<String> logIds = new TreeSet<>();
        deliveries(subscriptionId).forEach(d -> logIds.add(d.get("id").asText()));
        assertTrue(logIds.containsAll(receiver.accepted.keySet()), "delivery log " + logIds + " vs. accepted " + receiver.accepted.keySet());
        assertTrue(receiver.received.stream().allMatch(Received::verified), "every request is validly signed");
        System.out.printf("WebhookRestartIT: %d alerts, %d webhook ids refused before the kill, %d requests in all, "
                + "%d accepted, %d repeats of an accepted id%n", acceptedByAlert.size(), webhookIdByEventBeforeKill.size(),
                receiver.received.size(), receiver.accepted.size(), receiver.repeats());
    }

    /** Waits for a condition; when it never holds, fails with what was seen and the end of alerts-service's log. */
    private void awaitThat(String what, java.util.concurrent.Callable<Boolean> condition, java.util.concurrent.Callable<String> seen)
            throws Exception {
        try {
            await().atMost(PROPAGATION).pollInterval(Duration.ofSeconds(1)).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(what + ": not within " + PROPAGATION + "; seen: " + seen.call() + "\n" + suite.tail(Service.ALERTS), e);
        }
    }

    private Set<String> acceptedAlertIds() throws IOException {
        Set<String> ids = new TreeSet<>();
        for (Received accepted : receiver.accepted.values()) {
            ids.add(json.readTree(accepted.body()).get("data").get("alertId").asText());
        }
        return ids;
    }

    private HttpResponse<String> reportInsolvency(String buyer) {
        return suite.postJsonAs("analyst", Service.SCORING, "/api/v1/buyers/" + buyer + "/risk-signals", """
                {"signal":"INSOLVENCY_FILING","observedOn":"2026-11-20","severity":"HIGH",
                 "description":"Insolvency petition filed","source":"suite test"}""");
    }

    /** Alert ids of these buyers (of one rule, or all rules when {@code rule} is null). */
    private Set<String> raisedAlerts(List<String> buyers, String rule) throws IOException {
        Set<String> ids = new TreeSet<>();
        for (String buyer : buyers) {
            HttpResponse<String> page = suite.get(Service.ALERTS, "/api/v1/alerts?size=100&buyerId=" + buyer + (rule == null ? "" : "&rule=" + rule));
            assertEquals(200, page.statusCode(), page.body());
            json.readTree(page.body()).get("items").forEach(a -> ids.add(a.get("alertId").asText()));
        }
        return ids;
    }

    private List<JsonNode> deliveries(String subscriptionId) throws IOException {
        HttpResponse<String> log = suite.getAs("admin", Service.ALERTS, "/api/v1/webhook-subscriptions/" + subscriptionId + "/deliveries?size=100");
        assertEquals(200, log.statusCode(), log.body());
        List<JsonNode> deliveries = new ArrayList<>();
        json.readTree(log.body()).forEach(deliveries::add);
        return deliveries;
    }

    private static long failedAttempts(JsonNode delivery) {
        long failed = 0;
        for (JsonNode attempt : delivery.path("attemptLog")) {
            if (attempt.path("statusCode").asInt() == 503) {
                failed++;
            }
        }
        return failed;
    }

    /** One request as it arrived and what the receiver answered. */
}
