package io.creditcontrol.scoring.benchmark;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.creditcontrol.localkafka.KafkaBrokerResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.creditcontrol.scoring.messaging.TestEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * Benchmarks, not tests: they measure and print, and assert nothing about time. Skipped unless
 * run on purpose, alone (they leave 100,000 buyers in the test database until the next start):
 *
 * <pre>
 * ./mvnw -B -pl scoring-service verify -Dtest=ScoringBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * The figures and the machine they were measured on are in docs/scoring.md; each run also appends
 * them to target/scoring-benchmark.txt with the machine's load average.
 */
@QuarkusTest
// not about security (SecurityTest is): an analyst, who may read everything and submit buyer facts
@TestSecurity(user = "test-analyst", roles = "analyst")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ScoringBenchmark {

    static final int BACKLOG_BUYERS = 2_000;
    static final int INVOICES_PER_BUYER = 10;
    static final int PORTFOLIO = 100_000;
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;
    @Inject
    MeterRegistry registry;

    /**
     * The backlog is consumed three times ({@code -Dbenchmark.backlogs=N} for more), by other buyers each time: the first figure includes the
     * JVM's warm-up (just started, its JIT compilers compete for the same two cores: about half of
     * the JVM's CPU time during the first backlog), the later ones the service as it runs in
     * production. The third is there because the JIT compiler was still busy during the second
     * (C2 3.05 of 7.19 s of the JVM's CPU in one measured run, scoring-service/bench/cpu-during-backlog.sh).
     */
    @Test
    void consumesABacklogOfInvoiceAndPaymentEvents() throws Exception {
        consumeBacklog("BL-", "consumption");
        for (int backlog = 2; backlog <= Integer.getInteger("benchmark.backlogs", 3); backlog++) {
            consumeBacklog("B" + backlog + "-", "consumption, warm JVM (backlog " + backlog + ")");
        }
    }

    private void consumeBacklog(String prefix, String label) throws Exception {
        long before = applied();
        List<ProducerRecord<String, String>> backlog = new ArrayList<>();
        for (int b = 0; b < BACKLOG_BUYERS; b++) {
            String buyer = prefix + b;
            for (int i = 0; i < INVOICES_PER_BUYER; i++) {
                String invoice = buyer + "-" + i;
                backlog.add(new ProducerRecord<>("credit.invoices.v1", buyer, bench(TestEvents.invoiceIssued(buyer, invoice, "2026-08-01",
                        "2026-08-31", "1000.00", "EUR"))));
                backlog.add(new ProducerRecord<>("credit.payments.v1", buyer, bench(TestEvents.paymentReceived(buyer, "P-" + invoice,
                        "2026-09-0" + (1 + i % 9), "1000.00", "EUR", invoice, "1000.00"))));
            }
        }
        long start = System.nanoTime();
        publish(backlog);
        long published = System.nanoTime();
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(250)).until(() -> applied() - before >= backlog.size());
        long done = System.nanoTime();
        double seconds = (done - start) / 1e9;
        report(String.format(Locale.ROOT, "BENCHMARK %s: %d events (%d buyers) applied in %.1f s = %.0f events/s (publishing took %.1f s)",
                label, backlog.size(), BACKLOG_BUYERS, seconds, backlog.size() / seconds, (published - start) / 1e9));
    }

    @Test
    void rescoresAPortfolioOfOneHundredThousandBuyers() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("INSERT INTO known_buyer (buyer_id, first_seen_at) SELECT 'PF-' || g, now() FROM generate_series(1, "
                    + PORTFOLIO + ") g").executeUpdate();
            em.createNativeQuery("INSERT INTO invoice_experience (buyer_id, invoice_number, currency, amount, issue_date, due_date,"
                    + " paid_amount, last_reduced_on, settled_on) SELECT 'PF-' || g, 'INV-' || i, 'EUR', 1000 + g % 500,"
                    + " DATE '2026-01-01' + 30 * i, DATE '2026-02-01' + 30 * i, 1000 + g % 500,"
                    + " DATE '2026-02-01' + 30 * i + g % 25, DATE '2026-02-01' + 30 * i + g % 25"
                    + " FROM generate_series(1, " + PORTFOLIO + ") g, generate_series(1, 8) i").executeUpdate();
            em.createNativeQuery("INSERT INTO financial_statement (buyer_id, period_end, currency, total_assets, current_assets,"
                    + " current_liabilities, total_liabilities, retained_earnings, ebit, revenue, book_equity, source, reported_at)"
                    + " SELECT 'PF-' || g, DATE '2025-12-31', 'EUR', 1000000, 400000 + g % 200000, 300000, 600000, 100000 - g % 150000,"
                    + " 50000, 2000000, 400000, 'bench', now() FROM generate_series(1, " + PORTFOLIO + ") g").executeUpdate();
        });
        // a database that holds a portfolio has statistics on it; without them the planner may scan
        // whole tables for the batch queries (IN lists), and the figure depends on when autovacuum woke
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "ANALYZE known_buyer, invoice_experience, financial_statement, buyer_score").executeUpdate());
        long start = System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "INSERT INTO rescore_request (buyer_id, requested_at, reason) SELECT buyer_id, now(), 'benchmark'"
                        + " FROM known_buyer WHERE buyer_id LIKE 'PF-%'").executeUpdate());
        // (measured: a queue of 100,000 is not what the planner saw while it was empty)
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("ANALYZE rescore_request").executeUpdate());
        await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofSeconds(1)).until(() -> queued("PF-%") == 0);
        double seconds = (System.nanoTime() - start) / 1e9;
        long scored = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM buyer_score WHERE buyer_id LIKE 'PF-%'").getSingleResult()).longValue());
        report(String.format(Locale.ROOT, "BENCHMARK re-score: %d buyers (8 invoices and a statement each) re-scored in %.1f s = %.0f buyers/s",
                scored, seconds, scored / seconds));
    }

    /** Printed, and appended to target/scoring-benchmark.txt with the time and the load average. */
    private static void report(String line) {
        System.out.println(line);
        try {
            String load = Files.exists(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).trim() : "?";
            Files.writeString(Path.of("target", "scoring-benchmark.txt"), Instant.now() + " " + line + " [loadavg " + load + "]\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("(could not write target/scoring-benchmark.txt: " + e.getMessage() + ")");
        }
    }

    /**
     * Events applied so far, from the service's own counter (what its dashboards show), not from a
     * COUNT(*) of processed_event: polled every 250 ms, that count cost PostgreSQL more CPU the
     * larger the table grew, and was measured as part of the service (up to 60 ms a query at
     * 320,000 rows, about an eighth of a core).
     */
    private long applied() {
        return Math.round(registry.find("credit.events.received").tag("outcome", "applied").counters().stream()
                .mapToDouble(Counter::count).sum());
    }

    private long queued(String pattern) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM rescore_request WHERE buyer_id LIKE ?1").setParameter(1, pattern).getSingleResult()).longValue());
    }

    private static String bench(String event) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(event);
        node.put("source", "/bench/erp");
        return node.toString();
    }

    private static void publish(List<ProducerRecord<String, String>> records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.broker().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (ProducerRecord<String, String> record : records) {
                sent.add(producer.send(record));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
    }
}
