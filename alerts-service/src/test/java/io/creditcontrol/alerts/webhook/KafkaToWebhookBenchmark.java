package io.creditcontrol.alerts.webhook;

import static io.creditcontrol.alerts.messaging.TestEvents.event;
import static io.creditcontrol.alerts.messaging.TestEvents.riskSignalData;
import static io.creditcontrol.alerts.messaging.TestEvents.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.creditcontrol.alerts.messaging.events.BuyerEvents;
import io.creditcontrol.localkafka.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/**
 * Not a test: measures the whole path from Kafka to a customer's endpoint, with the dispatcher
 * running as in production (same profile as {@link WebhookBenchmark}). The clock starts when a
 * risk-data provider's {@code credit.buyer.risk-signal-reported} event (an insolvency filing, which
 * the risk-signal rule raises as a CRITICAL alert) is handed to a Kafka producer for
 * credit.buyers.v1, and stops when the local receiver has verified the signed webhook of that
 * alert with the Standard Webhooks library. Each event names a buyer of its own, so each raises a
 * new alert. Run only on request:
 * {@code ./mvnw -pl alerts-service test -Dtest=KafkaToWebhookBenchmark -Dwebhooks.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints (1) p50/p99 of that delay over sequential events to one subscriber and (2) the
 * sustained delivery rate with 100 subscribers, from the first event produced to the last
 * verified webhook.
 */
@QuarkusTest
@TestProfile(WebhookBenchmark.RunningDispatcher.class)
@TestSecurity(user = "ops-admin", roles = "admin")
@EnabledIfSystemProperty(named = "webhooks.benchmark", matches = "true")
class KafkaToWebhookBenchmark {

    private static final int LATENCY_EVENTS = Integer.getInteger("webhooks.benchmark.latency-alerts", 300);
    private static final int RATE_SUBSCRIBERS = 100;
    private static final int RATE_EVENTS = Integer.getInteger("webhooks.benchmark.rate-alerts", 50);
    /** Pause between the latency events: slower than the consumer's pace, so the delay is not a queue building up. */
    private static final int INTERVAL_MILLIS = Integer.getInteger("webhooks.benchmark.interval-ms", 100);
    private static TestReceiver receiver;
    private static KafkaProducer<String, String> riskDataProvider;

    @Inject
    TestAlerts alerts;
    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void startReceiverAndProducer() throws IOException {
        receiver = new TestReceiver();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.broker().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        riskDataProvider = new KafkaProducer<>(props);
    }

    @AfterAll
    static void stop() {
        riskDataProvider.close();
        receiver.close();
    }

    @BeforeEach
    void noSubscriptionsYet() {
        alerts.forgetAllWebhooks();
    }

    @Test
    void delayFromKafkaToSignedWebhookAndRateWithAHundredSubscribers() throws Exception {
        // warm-up: producer metadata, consumer, JIT, connection pool, Hibernate
        subscribe("/kafka/warm-up");
        Map<String, Long> ignored = new ConcurrentHashMap<>();
        for (int i = 0; i < 30; i++) {
            produceRiskSignal(ignored, true);
            Thread.sleep(10);
        }
        awaitDistinct("/kafka/warm-up", 30, Duration.ofMinutes(2));
        alerts.forgetAllWebhooks();

        subscribe("/kafka/latency");
        Map<String, Long> producedAt = new ConcurrentHashMap<>();
        Map<String, Long> ackedAfter = new ConcurrentHashMap<>();
        for (int i = 0; i < LATENCY_EVENTS; i++) {
            String buyer = produceRiskSignal(producedAt, true);
            ackedAfter.put(buyer, System.nanoTime() - producedAt.get(buyer));
            Thread.sleep(INTERVAL_MILLIS);
        }
        awaitDistinct("/kafka/latency", LATENCY_EVENTS, Duration.ofMinutes(3));
        // the first verified arrival of each webhook-id counts; a repeat (at-least-once) does not
        Map<String, Long> delayByWebhookId = new java.util.LinkedHashMap<>();
        List<TestReceiver.Received> latencyRequests = receiver.received("/kafka/latency");
        for (TestReceiver.Received received : latencyRequests) {
            assertThat(received.verified()).isTrue();
            assertThat(mapper.readTree(received.body()).get("type").asText()).isEqualTo("credit.alert.raised");
            Long produced = producedAt.get(mapper.readTree(received.body()).get("data").get("buyerId").asText());
            assertThat(produced).isNotNull();
            delayByWebhookId.putIfAbsent(received.webhookId(), received.checkedNanos() - produced);
        }
        printRepeats(latencyRequests);
        List<Long> delays = new ArrayList<>(delayByWebhookId.values());
        assertThat(delays).hasSize(LATENCY_EVENTS);
        Collections.sort(delays);
        List<Long> acks = new ArrayList<>(ackedAfter.values());
        Collections.sort(acks);
        System.out.printf("KAFKA->WEBHOOK BENCHMARK latency: %d risk signals every %d ms, 1 subscriber: p50 %.1f ms, p99 %.1f ms, max %.1f ms "
                + "(of which the broker's acknowledgement of the produce: p50 %.1f ms, p99 %.1f ms; %d repeated requests)%n",
                delays.size(), INTERVAL_MILLIS, percentile(delays, 50), percentile(delays, 99), delays.get(delays.size() - 1) / 1e6,
                percentile(acks, 50), percentile(acks, 99), latencyRequests.size() - delays.size());

        alerts.forgetAllWebhooks();
        for (int s = 0; s < RATE_SUBSCRIBERS; s++) {
            subscribe("/kafka/rate/" + s);
        }
        Map<String, Long> rateProduced = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        for (int i = 0; i < RATE_EVENTS; i++) {
            produceRiskSignal(rateProduced, false);
        }
        riskDataProvider.flush();
        long produced = System.nanoTime();
        int expected = RATE_SUBSCRIBERS * RATE_EVENTS;
        awaitDistinct("/kafka/rate/", expected, Duration.ofMinutes(5));
        List<TestReceiver.Received> arrived = receiver.all().stream().filter(r -> r.path().startsWith("/kafka/rate/")).toList();
        long finished = arrived.stream().mapToLong(TestReceiver.Received::checkedNanos).max().orElseThrow();
        long verified = arrived.stream().filter(TestReceiver.Received::verified).count();
        // at least once: a request answered after the sender's timeout comes again with the same webhook-id
        long distinct = arrived.stream().map(r -> r.path() + " " + r.webhookId()).distinct().count();
        printRepeats(arrived);
        double seconds = (finished - started) / 1e9;
        System.out.printf("KAFKA->WEBHOOK BENCHMARK rate: %d subscribers x %d risk signals = %d deliveries (%d requests, %d verified, "
                + "%d repeats) in %.2f s from the first event produced (all produced in %.2f s): %.0f deliveries/s%n",
                RATE_SUBSCRIBERS, RATE_EVENTS, expected, arrived.size(), verified, arrived.size() - distinct, seconds,
                (produced - started) / 1e9, expected / seconds);
        assertThat(distinct).isEqualTo(expected);
        assertThat(verified).isEqualTo(arrived.size());
    }

    /** Produces an insolvency filing for a new buyer; the clock of that buyer starts just before the send. */
    private String produceRiskSignal(Map<String, Long> producedAt, boolean awaitAcknowledgement) throws Exception {
        String buyer = unique("B-KBENCH");
        String signal = event(BuyerEvents.RISK_SIGNAL_REPORTED, buyer, riskSignalData(buyer, "INSOLVENCY_FILING", "2026-11-20", "HIGH"));
        producedAt.put(buyer, System.nanoTime());
        var sent = riskDataProvider.send(new ProducerRecord<>(BuyerEvents.BUYERS_TOPIC, buyer, signal));
        if (awaitAcknowledgement) {
            sent.get();
        }
        return buyer;
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

    /** A webhook-id that arrived more than once: when, and what the receiver answered the first time. */
    private static void printRepeats(List<TestReceiver.Received> requests) {
        Map<String, TestReceiver.Received> first = new java.util.HashMap<>();
        for (TestReceiver.Received r : requests) {
            TestReceiver.Received earlier = first.putIfAbsent(r.path() + " " + r.webhookId(), r);
            if (earlier != null) {
                System.out.printf("KAFKA->WEBHOOK BENCHMARK repeat: %s %s again after %.1f ms (first answered %d)%n", r.path(), r.webhookId(),
                        (r.arrivedNanos() - earlier.arrivedNanos()) / 1e6, earlier.answered());
            }
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
