package io.creditcontrol.alerts.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.creditcontrol.alerts.messaging.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/**
 * Not a test: measures webhook delivery with the dispatcher running as in production (woken by
 * each alert's commit, scheduled run every second as the safety net). Run only on request:
 * {@code ./mvnw -pl alerts-service test -Dtest=WebhookBenchmark -Dwebhooks.benchmark=true}.
 * Prints (1) the delay from an alert event being published (its transaction started) to the
 * signed, verified webhook arriving at a local receiver, p50/p99 over sequential alerts to one
 * subscriber, and (2) the sustained delivery rate with 100 subscribers.
 */
@QuarkusTest
@TestProfile(WebhookBenchmark.RunningDispatcher.class)
@TestSecurity(user = "ops-admin", roles = "admin")
@EnabledIfSystemProperty(named = "webhooks.benchmark", matches = "true")
class WebhookBenchmark {

    public static class RunningDispatcher implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // production timeouts and lease: the test profile's 1 s request timeout is meant to provoke timeouts
            return Map.of("credit.webhooks.dispatch-on-commit", "true", "credit.webhooks.dispatch-interval", "1s",
                    "credit.webhooks.http.request-timeout", "PT15S", "credit.webhooks.lease-duration", "PT2M",
                    "quarkus.log.category.\"io.creditcontrol.alerts.webhook\".level", "WARN");
        }
    }

    private static final int LATENCY_ALERTS = Integer.getInteger("webhooks.benchmark.latency-alerts", 300);
    private static final int RATE_SUBSCRIBERS = 100;
    private static final int RATE_ALERTS = Integer.getInteger("webhooks.benchmark.rate-alerts", 50);
    private static TestReceiver receiver;

    @Inject
    TestAlerts alerts;
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

    @Test
    void delayFromAlertToSignedWebhookAndRateWithAHundredSubscribers() throws Exception {
        // warm-up: JIT, connection pool, Hibernate
        subscribe("/bench/latency");
        publishAndAwait(50, "/bench/latency", 10);

        Map<String, Long> publishedAt = new ConcurrentHashMap<>();
        int before = receiver.received("/bench/latency").size();
        for (int i = 0; i < LATENCY_ALERTS; i++) {
            CloudEvent alert = alerts.alert("credit.alert.raised", "B-BENCH", "HIGH");
            publishedAt.put(alert.id(), System.nanoTime());
            alerts.publish(alert, "HIGH");
            Thread.sleep(10);
        }
        awaitCount("/bench/latency", before + LATENCY_ALERTS, Duration.ofMinutes(2));
        List<Long> delays = new ArrayList<>();
        for (TestReceiver.Received received : receiver.received("/bench/latency")) {
            assertThat(received.verified()).isTrue();
            Long sent = publishedAt.get(mapper.readTree(received.body()).get("id").asText());
            if (sent != null) {
                delays.add(received.arrivedNanos() - sent);
            }
        }
        Collections.sort(delays);
        System.out.printf("WEBHOOK BENCHMARK latency: %d alerts, 1 subscriber: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                delays.size(), percentile(delays, 50), percentile(delays, 99), delays.get(delays.size() - 1) / 1e6);

        alerts.forgetAllWebhooks();
        for (int s = 0; s < RATE_SUBSCRIBERS; s++) {
            subscribe("/bench/rate/" + s);
        }
        long started = System.nanoTime();
        for (int i = 0; i < RATE_ALERTS; i++) {
            alerts.publish(alerts.alert("credit.alert.raised", "B-BENCH", "HIGH"), "HIGH");
        }
        long queued = System.nanoTime();
        int expected = RATE_SUBSCRIBERS * RATE_ALERTS;
        awaitDistinct("/bench/rate/", expected, Duration.ofMinutes(5));
        long finished = receiver.all().stream().filter(r -> r.path().startsWith("/bench/rate/"))
                .mapToLong(TestReceiver.Received::arrivedNanos).max().orElseThrow();
        List<TestReceiver.Received> arrived = receiver.all().stream().filter(r -> r.path().startsWith("/bench/rate/")).toList();
        long verified = arrived.stream().filter(TestReceiver.Received::verified).count();
        // at least once: a request the receiver got but answered after the sender's timeout comes again, same webhook-id
        long distinct = arrived.stream().map(r -> r.path() + " " + r.webhookId()).distinct().count();
        double seconds = (finished - started) / 1e9;
        System.out.printf("WEBHOOK BENCHMARK rate: %d subscribers x %d alerts = %d deliveries (%d requests, %d verified, %d repeats) "
                + "in %.2f s (alerts queued in %.2f s): %.0f deliveries/s%n",
                RATE_SUBSCRIBERS, RATE_ALERTS, expected, arrived.size(), verified, arrived.size() - distinct, seconds,
                (queued - started) / 1e9, expected / seconds);
        assertThat(distinct).isEqualTo(expected);
        assertThat(verified).isEqualTo(arrived.size());
    }

    private void publishAndAwait(int count, String path, long pauseMillis) throws InterruptedException {
        int before = receiver.received(path).size();
        for (int i = 0; i < count; i++) {
            alerts.publish(alerts.alert("credit.alert.raised", "B-WARM", "HIGH"), "HIGH");
            Thread.sleep(pauseMillis);
        }
        awaitCount(path, before + count, Duration.ofMinutes(1));
    }

    private static void awaitCount(String path, int count, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (receiver.received(path).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + receiver.received(path).size() + " of " + count + " arrived at " + path);
            }
            Thread.sleep(5);
        }
    }

    private static void awaitDistinct(String prefix, int count, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (receiver.all().stream().filter(r -> r.path().startsWith(prefix)).map(r -> r.path() + " " + r.webhookId()).distinct().count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not all " + count + " deliveries arrived under " + prefix);
            }
            Thread.sleep(20);
        }
    }

    private static double percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(index, 0)) / 1e6;
    }

    private static void subscribe(String path) {
        String secret = given().contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(path), "eventTypes", List.of("credit.alert.raised")))
                .post("/api/v1/webhook-subscriptions").then().statusCode(201).extract().path("secret");
        receiver.acceptSecrets(path, secret);
    }
}
