package io.creditcontrol.alerts.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.creditcontrol.alerts.messaging.CloudEvent;
import io.creditcontrol.alerts.webhook.TestReceiver.Received;
import io.creditcontrol.alerts.webhook.TestReceiver.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/**
 * Webhook delivery against a real HTTP receiver that verifies every request with the independent
 * Standard Webhooks library. The dispatcher is driven by the test (no schedule in the test
 * profile) on an adjustable delivery clock, so every retry happens exactly when the test says.
 */
@QuarkusTest
@TestSecurity(user = "ops-admin", roles = "admin")
class WebhookDeliveryTest {

    private static final String RAISED = "credit.alert.raised";
    private static TestReceiver receiver;

    @Inject
    TestAlerts alerts;
    @Inject
    WebhookDispatcher dispatcher;
    @Inject
    @DeliveryClock
    AdjustableDeliveryClock clock;
    @Inject
    RetryPolicy retries;
    @Inject
    MeterRegistry meters;
    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new TestReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void noSubscriptionsYet() {
        alerts.forgetAllWebhooks();
    }

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    @Test
    void anAlertIsDeliveredSignedAsStandardWebhooksSpecifyWithTheCloudEventAsBody() throws Exception {
        String path = "/hooks/signed";
        Subscription subscription = subscribe(path, "INFO", RAISED);
        CloudEvent alert = alerts.alert(RAISED, "B-1001", "HIGH");

        alerts.publish(alert, "HIGH");
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);

        List<Received> received = receiver.received(path);
        assertThat(received).hasSize(1);
        Received request = received.get(0);
        assertThat(request.verified()).as(request.rejection()).isTrue();
        assertThat(request.webhookId()).startsWith("msg_").isEqualTo(alerts.deliveryIds(subscription.id()).get(0));
        assertThat(Long.parseLong(request.timestamp())).isBetween(Instant.now().getEpochSecond() - 5, Instant.now().getEpochSecond());
        assertThat(request.signature()).startsWith("v1,").doesNotContain(" ");
        assertThat(request.contentType()).isEqualTo("application/cloudevents+json; charset=UTF-8");
        JsonNode body = mapper.readTree(request.body());
        assertThat(body.get("specversion").asText()).isEqualTo("1.0");
        assertThat(body.get("id").asText()).isEqualTo(alert.id());
        assertThat(body.get("type").asText()).isEqualTo(RAISED);
        assertThat(body.get("subject").asText()).isEqualTo("B-1001");
        assertThat(body.get("data")).isEqualTo(alert.data());

        given().get("/api/v1/webhook-subscriptions/{id}/deliveries", subscription.id())
                .then().statusCode(200)
                .body("[0].id", equalTo(request.webhookId()),
                        "[0].eventId", equalTo(alert.id()),
                        "[0].status", equalTo("DELIVERED"),
                        "[0].attempts", equalTo(1),
                        "[0].attemptLog[0].statusCode", equalTo(204),
                        "[0].attemptLog[0].outcome", equalTo("delivered"),
                        "[0].attemptLog[0].webhookTimestamp", equalTo(Integer.parseInt(request.timestamp())));
    }

    @Test
    void onlySubscriptionsWantingTheTypeAtThatSeverityGetADelivery() {
        Subscription highRaised = subscribe("/hooks/high", "HIGH", RAISED);
        Subscription everything = subscribe("/hooks/all", "INFO", "credit.alert.*");

        alerts.publish(alerts.alert(RAISED, "B-1", "WARNING"), "WARNING");
        assertThat(alerts.deliveryIds(highRaised.id())).isEmpty();
        assertThat(alerts.deliveryIds(everything.id())).hasSize(1);

        alerts.publish(alerts.alert(RAISED, "B-1", "CRITICAL"), "CRITICAL");
        assertThat(alerts.deliveryIds(highRaised.id())).hasSize(1);
        assertThat(alerts.deliveryIds(everything.id())).hasSize(2);

        alerts.publish(alerts.alert("credit.alert.updated", "B-1", "HIGH"), "HIGH");
        assertThat(alerts.deliveryIds(highRaised.id())).hasSize(1);
        assertThat(alerts.deliveryIds(everything.id())).hasSize(3);

        // a severity webhooks do not know reaches everyone rather than no one
        alerts.publish(alerts.alert(RAISED, "B-1", "SEVERE"), "SEVERE");
        assertThat(alerts.deliveryIds(highRaised.id())).hasSize(2);
        assertThat(alerts.deliveryIds(everything.id())).hasSize(4);

        // the same event published twice is delivered once
        CloudEvent again = alerts.alert(RAISED, "B-1", "HIGH");
        alerts.publish(again, "HIGH");
        alerts.publish(again, "HIGH");
        assertThat(alerts.deliveryIds(highRaised.id())).hasSize(3);
    }

    @Test
    void anAlertWhoseTransactionFailsQueuesNoWebhook() {
        Subscription subscription = subscribe("/hooks/rollback", "INFO", RAISED);

        assertThatThrownBy(() -> alerts.publishAndFail(alerts.alert(RAISED, "B-2", "HIGH"), "HIGH")).isInstanceOf(IllegalStateException.class);

        assertThat(alerts.deliveryIds(subscription.id())).isEmpty();
    }

    @Test
    void transientFailuresAreRetriedOnTheBackoffScheduleUntilDeliveredWithTheSameWebhookId() {
        String path = "/hooks/flaky";
        Subscription subscription = subscribe(path, "INFO", RAISED);
        // 500, then slower than the 1 s request timeout, then 429 asking for 7 s, then accepted
        receiver.script(path, Reply.status(500), Reply.slow(1500), Reply.withHeader(429, "Retry-After", "7"));
        double retriedBefore = count("retry");
        double deliveredBefore = count("delivered");
        clock.freeze();

        alerts.publish(alerts.alert(RAISED, "B-3", "HIGH"), "HIGH");
        String id = alerts.deliveryIds(subscription.id()).get(0);

        dispatcher.dispatchDue(); // attempt 1: 500
        Instant next = assertRetryScheduled(id, 1, Duration.ZERO, retries.ceiling(1));
        assertNothingSentUntil(path, next, 1);

        dispatcher.dispatchDue(); // attempt 2: timeout
        next = assertRetryScheduled(id, 2, Duration.ZERO, retries.ceiling(2));
        assertNothingSentUntil(path, next, 2);

        dispatcher.dispatchDue(); // attempt 3: 429, Retry-After 7 s is the least wait
        next = assertRetryScheduled(id, 3, Duration.ofSeconds(7), Duration.ofSeconds(7).compareTo(retries.ceiling(3)) > 0
                ? Duration.ofSeconds(7) : retries.ceiling(3));
        assertNothingSentUntil(path, next, 3);

        dispatcher.dispatchDue(); // attempt 4: 204
        assertThat(alerts.delivery(id).status).isEqualTo(WebhookDelivery.Status.DELIVERED);

        List<Received> received = receiver.received(path);
        assertThat(received).extracting(Received::answered).containsExactly(500, 204, 429, 204);
        assertThat(received).extracting(Received::webhookId).containsOnly(id);
        assertThat(received).allMatch(Received::verified);
        assertThat(count("retry") - retriedBefore).isEqualTo(3);
        assertThat(count("delivered") - deliveredBefore).isEqualTo(1);

        given().get("/api/v1/webhook-subscriptions/{id}/deliveries/{delivery}", subscription.id(), id)
                .then().statusCode(200)
                .body("status", equalTo("DELIVERED"),
                        "attemptLog.outcome", equalTo(List.of("retry", "retry", "retry", "delivered")),
                        "attemptLog[0].statusCode", equalTo(500),
                        "attemptLog[1].error", startsWith("timeout"),
                        "attemptLog[2].statusCode", equalTo(429),
                        "attemptLog[3].statusCode", equalTo(204));
    }

    @Test
    void goneDisablesTheSubscriptionAndSaysSoAndAReplayAfterEnablingDeliversTheSameMessage() {
        String path = "/hooks/gone";
        Subscription subscription = subscribe(path, "INFO", RAISED);
        receiver.script(path, Reply.status(410));
        alerts.publish(alerts.alert(RAISED, "B-4", "HIGH"), "HIGH");
        String id = alerts.deliveryIds(subscription.id()).get(0);

        dispatcher.dispatchDue();

        assertThat(alerts.delivery(id).status).isEqualTo(WebhookDelivery.Status.FAILED);
        given().get("/api/v1/webhook-subscriptions/{id}", subscription.id()).then().statusCode(200)
                .body("status", equalTo("DISABLED"), "disabledReason", containsString("410"));
        assertThat(alerts.disabledEndpoints()).singleElement().satisfies(event -> {
            assertThat(event.subscriptionId()).isEqualTo(subscription.id());
            assertThat(event.targetUrl()).isEqualTo(receiver.url(path));
            assertThat(event.failingSince()).isNotNull();
            assertThat(event.lastFailure()).isEqualTo("HTTP 410");
        });

        // a disabled endpoint gets nothing new, and nothing is replayed to it
        alerts.publish(alerts.alert(RAISED, "B-4", "HIGH"), "HIGH");
        assertThat(alerts.deliveryIds(subscription.id())).hasSize(1);
        given().post("/api/v1/webhook-subscriptions/{id}/deliveries/{delivery}/replay", subscription.id(), id)
                .then().statusCode(409).contentType("application/problem+json");

        given().post("/api/v1/webhook-subscriptions/{id}/enable", subscription.id()).then().statusCode(200).body("status", equalTo("ACTIVE"));
        given().post("/api/v1/webhook-subscriptions/{id}/deliveries/{delivery}/replay", subscription.id(), id)
                .then().statusCode(202).body("status", equalTo("PENDING"));
        dispatcher.dispatchDue();

        assertThat(receiver.received(path)).extracting(Received::webhookId).containsExactly(id, id);
        assertThat(receiver.received(path)).extracting(Received::answered).containsExactly(410, 204);
        assertThat(alerts.delivery(id).status).isEqualTo(WebhookDelivery.Status.DELIVERED);
    }

    @Test
    void aClientErrorIsNotRetriedButAReplaySendsTheSameWebhookIdAgain() {
        String path = "/hooks/bad-request";
        Subscription subscription = subscribe(path, "INFO", RAISED);
        receiver.script(path, Reply.status(400));
        alerts.publish(alerts.alert(RAISED, "B-5", "HIGH"), "HIGH");
        String id = alerts.deliveryIds(subscription.id()).get(0);

        dispatcher.dispatchDue();
        clock.freeze();
        clock.advance(Duration.ofMinutes(2));
        assertThat(dispatcher.dispatchDue()).isZero();
        clock.reset();

        assertThat(alerts.delivery(id).status).isEqualTo(WebhookDelivery.Status.FAILED);
        assertThat(alerts.attempts(id)).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome).isEqualTo("failed");
            assertThat(attempt.nextAttemptAt).isNull();
        });
        given().get("/api/v1/webhook-subscriptions/{id}", subscription.id()).then().body("status", equalTo("ACTIVE"));

        given().post("/api/v1/webhook-subscriptions/{id}/deliveries/{delivery}/replay", subscription.id(), id).then().statusCode(202);
        given().post("/api/v1/webhook-subscriptions/{id}/deliveries/{delivery}/replay", subscription.id(), id)
                .then().statusCode(409).body("detail", containsString("only a failed delivery"));
        dispatcher.dispatchDue();

        assertThat(receiver.received(path)).extracting(Received::webhookId).containsExactly(id, id);
        given().get("/api/v1/webhook-subscriptions/{id}/deliveries", subscription.id())
                .then().statusCode(200)
                .body("[0].status", equalTo("DELIVERED"), "[0].attempts", equalTo(2),
                        "[0].attemptLog.statusCode", equalTo(List.of(400, 204)),
                        "[0].attemptLog.outcome", equalTo(List.of("failed", "delivered")));
    }

    @Test
    void aRedirectIsNotFollowed() {
        String path = "/hooks/moved";
        Subscription subscription = subscribe(path, "INFO", RAISED);
        receiver.acceptSecrets("/hooks/elsewhere", subscription.secret());
        receiver.script(path, Reply.withHeader(302, "Location", receiver.url("/hooks/elsewhere")));
        alerts.publish(alerts.alert(RAISED, "B-6", "HIGH"), "HIGH");
        String id = alerts.deliveryIds(subscription.id()).get(0);

        dispatcher.dispatchDue();

        assertThat(receiver.received("/hooks/elsewhere")).isEmpty();
        assertThat(alerts.delivery(id).status).isEqualTo(WebhookDelivery.Status.FAILED);
        assertThat(alerts.delivery(id).lastError).contains("302").contains("redirects are not followed");
    }

    @Test
    void aReceiverRejectsAStaleTimestampAndTheRejectionIsNotRetried() {
        String path = "/hooks/stale";
        Subscription subscription = subscribe(path, "INFO", RAISED);
        clock.freezeAt(Instant.now().minus(Duration.ofMinutes(10))); // the sender's clock is 10 minutes behind
        alerts.publish(alerts.alert(RAISED, "B-7", "HIGH"), "HIGH");
        String id = alerts.deliveryIds(subscription.id()).get(0);

        dispatcher.dispatchDue();

        Received request = receiver.received(path).get(0);
        assertThat(request.verified()).isFalse();
        assertThat(request.rejection()).contains("too old");
        assertThat(request.answered()).isEqualTo(401);
        assertThat(alerts.delivery(id).status).isEqualTo(WebhookDelivery.Status.FAILED);
    }

    @Test
    void duringARotationBothSignaturesAreSentAndEachVerifiesWithItsOwnSecret() {
        String path = "/hooks/rotation";
        Subscription subscription = subscribe(path, "INFO", RAISED);
        String oldSecret = subscription.secret();
        String newSecret = given().post("/api/v1/webhook-subscriptions/{id}/rotate-secret", subscription.id())
                .then().statusCode(200)
                .body("previousSecretValidUntil", notNullValue())
                .extract().path("secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
        given().get("/api/v1/webhook-subscriptions/{id}", subscription.id()).then().statusCode(200)
                .body("secret", nullValue());
        receiver.acceptSecrets(path, oldSecret, newSecret);

        alerts.publish(alerts.alert(RAISED, "B-8", "HIGH"), "HIGH");
        dispatcher.dispatchDue();

        Received request = receiver.received(path).get(0);
        assertThat(request.signature().split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThat(request.verifiedBy()).containsExactlyInAnyOrder(oldSecret, newSecret);
    }

    @Test
    void aDeliveryLeasedByAWorkerThatDiedIsSentOnceTheLeaseRunsOut() {
        String path = "/hooks/crash";
        Subscription subscription = subscribe(path, "INFO", RAISED);
        Instant now = clock.freeze();
        alerts.publish(alerts.alert(RAISED, "B-9", "HIGH"), "HIGH");
        String id = alerts.deliveryIds(subscription.id()).get(0);
        alerts.leaseAsCrashedWorker(id, now.plusSeconds(30));

        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(receiver.received(path)).isEmpty();

        clock.advance(Duration.ofSeconds(30));
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);

        assertThat(receiver.received(path)).extracting(Received::webhookId).containsExactly(id);
        assertThat(alerts.delivery(id).status).isEqualTo(WebhookDelivery.Status.DELIVERED);
    }

    @Test
    void deliveriesQueuedWhileNoWorkerRunsWaitInTheDatabaseAndAreAllSentWhenOneRuns() {
        String path = "/hooks/backlog";
        Subscription subscription = subscribe(path, "INFO", RAISED);
        for (int i = 0; i < 3; i++) {
            alerts.publish(alerts.alert(RAISED, "B-10", "HIGH"), "HIGH");
        }
        given().get("/api/v1/webhook-subscriptions/{id}/deliveries?status=PENDING", subscription.id())
                .then().statusCode(200).body("size()", equalTo(3));
        assertThat(receiver.received(path)).isEmpty();

        dispatcher.dispatchDue();

        assertThat(receiver.received(path)).extracting(Received::webhookId)
                .containsExactlyInAnyOrderElementsOf(alerts.deliveryIds(subscription.id()));
    }

    @Test
    void aTargetThatNowResolvesToAPrivateAddressIsNotContacted() {
        Subscription subscription = subscribe("/hooks/rebound", "INFO", RAISED);
        alerts.retarget(subscription.id(), "http://10.255.255.1:9/hook");
        alerts.publish(alerts.alert(RAISED, "B-11", "HIGH"), "HIGH");
        String id = alerts.deliveryIds(subscription.id()).get(0);

        dispatcher.dispatchDue();

        WebhookDelivery delivery = alerts.delivery(id);
        assertThat(delivery.status).isEqualTo(WebhookDelivery.Status.FAILED);
        assertThat(delivery.lastError).startsWith("target refused").contains("10.255.255.1").contains("private");
    }

    @Test
    void anEndpointFailingLongerThanTheConfiguredPeriodIsDisabledAndItsQueueFailed() {
        String path = "/hooks/down";
        Subscription subscription = subscribe(path, "INFO", RAISED);
        receiver.script(path, Reply.status(503), Reply.status(503), Reply.status(503), Reply.status(503));
        clock.freeze();
        alerts.publish(alerts.alert(RAISED, "B-12", "HIGH"), "HIGH");
        dispatcher.dispatchDue();
        given().get("/api/v1/webhook-subscriptions/{id}", subscription.id()).then()
                .body("status", equalTo("ACTIVE"), "failingSince", notNullValue(), "lastFailure", equalTo("HTTP 503"));
        alerts.publish(alerts.alert(RAISED, "B-12", "HIGH"), "HIGH");

        clock.advance(Duration.ofMinutes(11)); // disable-after is 10 minutes in tests
        dispatcher.dispatchDue();

        given().get("/api/v1/webhook-subscriptions/{id}", subscription.id()).then()
                .body("status", equalTo("DISABLED"), "disabledReason", containsString("failing since"));
        assertThat(alerts.deliveryIds(subscription.id())).allSatisfy(id ->
                assertThat(alerts.delivery(id).status).isEqualTo(WebhookDelivery.Status.FAILED));
        assertThat(alerts.disabledEndpoints()).extracting(WebhookEndpointDisabled::subscriptionId).containsExactly(subscription.id());
    }

    @Test
    void finishedDeliveriesLeaveTheLogAfterTheRetentionPeriodPendingOnesStay() {
        Subscription subscription = subscribe("/hooks/retention", "INFO", RAISED);
        receiver.script("/hooks/retention", Reply.status(503));
        clock.freeze();
        alerts.publish(alerts.alert(RAISED, "B-13", "HIGH"), "HIGH");
        alerts.publish(alerts.alert(RAISED, "B-13", "HIGH"), "HIGH");
        dispatcher.dispatchDue(); // one delivered, one waiting for its retry
        assertThat(alerts.deliveryIds(subscription.id())).hasSize(2);

        clock.advance(Duration.ofDays(29));
        dispatcher.purgeFinished();
        assertThat(alerts.deliveryIds(subscription.id())).hasSize(2);

        clock.advance(Duration.ofDays(2));
        dispatcher.purgeFinished();
        assertThat(alerts.deliveryIds(subscription.id())).singleElement()
                .satisfies(id -> assertThat(alerts.delivery(id).status).isEqualTo(WebhookDelivery.Status.PENDING));
    }

    private Instant assertRetryScheduled(String id, int attempts, Duration atLeast, Duration atMost) {
        WebhookDelivery delivery = alerts.delivery(id);
        DeliveryAttempt last = alerts.attempts(id).get(attempts - 1);
        assertThat(delivery.status).isEqualTo(WebhookDelivery.Status.PENDING);
        assertThat(delivery.attempts).isEqualTo(attempts);
        assertThat(last.outcome).isEqualTo("retry");
        assertThat(delivery.nextAttemptAt).isEqualTo(last.nextAttemptAt)
                .isBetween(last.attemptedAt.plus(atLeast), last.attemptedAt.plus(atMost));
        return delivery.nextAttemptAt;
    }

    /** Just before {@code next} nothing goes out; at {@code next} the clock stops, ready for the attempt. */
    private void assertNothingSentUntil(String path, Instant next, int sentSoFar) {
        clock.freezeAt(next.minusMillis(1));
        assertThat(dispatcher.dispatchDue()).as("attempts made before the retry is due").isZero();
        assertThat(receiver.received(path)).hasSize(sentSoFar);
        clock.freezeAt(next);
    }

    private double count(String outcome) {
        var counter = meters.find("credit.webhook.deliveries").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    record Subscription(String id, String secret) {
    }

    private Subscription subscribe(String path, String minSeverity, String... types) {
        Map<String, Object> body = Map.of("url", receiver.url(path), "eventTypes", List.of(types), "minSeverity", minSeverity,
                "description", "test " + UUID.randomUUID());
        var created = given().contentType(ContentType.JSON).body(body).post("/api/v1/webhook-subscriptions")
                .then().statusCode(201).extract();
        Subscription subscription = new Subscription(created.path("id"), created.path("secret"));
        receiver.acceptSecrets(path, subscription.secret());
        return subscription;
    }
}
