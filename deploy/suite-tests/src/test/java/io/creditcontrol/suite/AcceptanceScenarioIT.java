package io.creditcontrol.suite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.creditcontrol.localkafka.SuiteTopics;
import io.creditcontrol.simulator.Feeder;
import io.creditcontrol.simulator.LedgerGenerator;
import io.creditcontrol.simulator.LedgerKind;
import io.creditcontrol.simulator.LedgerRecord;
import io.creditcontrol.simulator.LedgerStats;
import io.creditcontrol.simulator.PlacedOrder;
import io.creditcontrol.suite.RunningSuite.Service;

/**
 * The acceptance scenario of issue 8: a simulated year of trade credit through the whole suite. A KRaft broker,
 * PostgreSQL and the four services as separate production-profile processes; the simulator's ledger played in day by
 * day through the intake APIs, each day's clocks set first (so dunning, review and alert jobs run for every simulated
 * day), every invoice's order placed through the credit-check API before it, as an ERP does; a webhook receiver
 * standing in for the treasury tool. The run is then judged against the ledger's ground truth ({@link ScenarioFindings})
 * and the figures are written to a Markdown report (docs/results.md for the documented full-size run).
 *
 * <p>Size: {@code -Dscenario.buyers=60 -Dscenario.months=12} by default (what {@code ./mvnw verify} and CI run);
 * the full size is {@code deploy/suite-tests/run-acceptance} (500 buyers, 15 months, writes docs/results.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AcceptanceScenarioIT {

    private static final int BUYERS = Integer.getInteger("scenario.buyers", 60);
    private static final int MONTHS = Integer.getInteger("scenario.months", 12);
    private static final long SEED = Long.getLong("scenario.seed", 42);
    private static final LocalDate START = LocalDate.parse(System.getProperty("scenario.start", "2025-01-01"));
    private static final int PARALLEL = Integer.getInteger("scenario.parallel", 4);
    private static final Path REPORT = Path.of(System.getProperty("scenario.report", "target/acceptance-results.md"));
    private static final String COMMAND = System.getProperty("scenario.command",
            "./mvnw -B -ntp verify -pl deploy/suite-tests -Dit.test=AcceptanceScenarioIT");
    private static final Duration SETTLE = Duration.ofMinutes(10);
    private static final List<String> FOREIGN_CURRENCIES = List.of("GBP", "USD", "CNY");

    private final ObjectMapper json = new ObjectMapper();
    private RunningSuite suite;
    private WebhookReceiver receiver;

    @BeforeAll
    void startSuite() throws IOException {
        receiver = new WebhookReceiver(true);
        suite = new RunningSuite();
        for (Service service : Service.values()) {
            // a simulated day lasts about a second: the outbox relays every 200 ms instead of every second, so that
            // each day's documents have reached every service before the next day starts (the feeder waits for that)
            suite.withSystemProperties(service, "credit.simulation.clock-adjustable=true", "credit.outbox.relay-interval=200ms");
        }
        suite.withSystemProperties(Service.ALERTS, "credit.webhooks.allowed-hosts=127.0.0.1,localhost",
                "credit.webhooks.retry.initial-delay=PT1S", "credit.webhooks.retry.max-delay=PT10S");
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
    void aSimulatedYearOfTradeCreditThroughTheWholeSuite() throws Exception {
        long started = System.nanoTime();
        LedgerGenerator.Ledger ledger = LedgerGenerator.generate(new LedgerGenerator.Settings(BUYERS, MONTHS, SEED, START));
        List<LedgerRecord> records = ledger.records();

        // the treasury tool subscribes; the seller's treasury sets the rates the credit check converts orders with
        setClocks(records.get(0).date());
        HttpResponse<String> subscribed = suite.postJsonAs("admin", Service.ALERTS, "/api/v1/webhook-subscriptions", """
                {"url":"%s","eventTypes":["credit.alert.raised","credit.alert.updated"],"description":"treasury tool"}"""
                .formatted(receiver.url()));
        assertEquals(201, subscribed.statusCode(), subscribed.body());
        receiver.secret = json.readTree(subscribed.body()).get("secret").asText();
        for (String currency : FOREIGN_CURRENCIES) {
            HttpResponse<String> rate = suite.putJsonAs("admin", Service.LIMITS, "/api/v1/fx-rates/" + currency + "/EUR",
                    "{\"rate\":" + LedgerStats.eurPerUnit(currency).toPlainString() + "}");
            assertEquals(200, rate.statusCode(), rate.body());
        }

        // a year of trade, day by day
        Feeder.Report feed = new Feeder(new Feeder.Settings(suite.uri(Service.COLLECTIONS, "/"), suite.uri(Service.SCORING, "/"),
                List.of(suite.uri(Service.SCORING, "/"), suite.uri(Service.LIMITS, "/"), suite.uri(Service.COLLECTIONS, "/"),
                        suite.uri(Service.ALERTS, "/")),
                Map.of("erp", suite.tokenFor("erp"), "analyst", suite.tokenFor("analyst"), "admin", suite.tokenFor("admin")),
                null, Map.of(), true, 0, 0, PARALLEL, 8, Duration.ofMillis(200), suite.uri(Service.LIMITS, "/"), Duration.ofMinutes(2)),
                System.out)
                .feed(records);
        feed.print(System.out);
        long fedAt = System.nanoTime();
        assertEquals(0, feed.total(Feeder.Outcome.REJECTED) + feed.total(Feeder.Outcome.FAILED), "every document accepted");
        List<PlacedOrder> orders = feed.orders();
        assertEquals(records.stream().filter(r -> r.kind() == LedgerKind.INVOICE).count(), orders.size(), "an order for every invoice");
        assertTrue(orders.stream().noneMatch(o -> o.decision().equals("FAILED")), "every order got a decision: "
                + orders.stream().filter(o -> o.decision().equals("FAILED")).limit(5).toList());

        // nothing lost: every service has every invoice, payment and credit note, to the cent
        Map<String, Totals> expected = Totals.of(records);
        awaitThat("every service reconciles with the ledger", () -> reconciliationProblems(expected).isEmpty(),
                () -> String.join("\n", reconciliationProblems(expected)));
        // every alert the suite announced reached the treasury tool
        awaitThat("every alert event delivered as a webhook", () -> webhookProblems(alertEvents()).isEmpty(),
                () -> String.join("\n", webhookProblems(alertEvents())));
        long settledAt = System.nanoTime();

        Map<String, List<JsonNode>> topics = new HashMap<>();
        for (String topic : List.of("credit.scores.v1", "credit.limits.v1", "credit.collections.v1", "credit.alerts.v1")) {
            topics.put(topic, TopicHistory.read(suite.broker().bootstrapServers(), topic));
        }
        Map<String, Integer> deadLetters = new TreeMap<>();
        for (String topic : SuiteTopics.DEAD_LETTER_TOPICS) {
            deadLetters.put(topic, TopicHistory.read(suite.broker().bootstrapServers(), topic).size());
        }
        ScenarioFindings findings = new ScenarioFindings(ledger.truth(), records, orders, topics);
        keepForInspection(ledger, orders, topics);
        Map<String, JsonNode> reconciliation = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            reconciliation.put(service.module, json.readTree(suite.get(service, "/api/v1/reconciliation").body()));
        }
        ScenarioReport report = new ScenarioReport(COMMAND, BUYERS, MONTHS, SEED, START, ledger, feed, findings, expected,
                reconciliation, receiver, topics.get("credit.alerts.v1").size(), deadLetters,
                Duration.ofNanos(fedAt - started), Duration.ofNanos(settledAt - fedAt));
        Files.createDirectories(REPORT.toAbsolutePath().getParent());
        Files.writeString(REPORT, report.markdown());
        report.printSummary(System.out);

        // judged against the ground truth
        assertTrue(findings.defaulters.size() > 0, "the ledger has defaults to judge");
        assertTrue(findings.shareDowngradedOrHighRisk() >= 0.8, "deteriorating buyers downgraded (or rated high risk) before they default: "
                + report.defaultersTable());
        assertTrue(findings.shareWarned() >= 0.8, "deteriorating buyers alerted before they default: " + report.defaultersTable());
        assertTrue(findings.medianWarningLeadDays() >= 14, "alerted at least two weeks ahead (median): " + report.defaultersTable());
        assertTrue(findings.shareLimitCut() >= 0.7, "limits cut (or no credit) before the default: " + report.defaultersTable());
        assertTrue(findings.shareWithOrdersHeld() >= 0.7, "orders referred or blocked before the default: " + report.defaultersTable());
        assertTrue(findings.exposureAtDefaultWithSuite().compareTo(findings.exposureAtDefaultWithoutSuite()) < 0,
                "the suite's decisions lower the exposure at default");
        // a guard against a flood, not the goal (docs/acceptance.md): 229 per 100 under the absolute limits of policy
        // version 1, 91.5 in the full-size run on version 2 (limits sized by revenue and equity)
        assertTrue(findings.warningAlertsPer100(io.creditcontrol.simulator.PaymentProfile.PROMPT) <= 400,
                "prompt payers are not flooded with alerts (per 100 a year): " + findings.warningAlertsPer100(
                        io.creditcontrol.simulator.PaymentProfile.PROMPT) + " " + findings.promptWarningAlertsByRule);
        assertTrue(findings.overdueInvoicesChecked > 0 && findings.fullDisputesChecked + findings.partialDisputesChecked > 0,
                "the ledger has overdue and disputed invoices to judge dunning by");
        assertEquals(List.of(), findings.dunningProblems.stream().limit(20).toList(), "dunning ran the configured steps");
        assertEquals(0, receiver.rejected(), "every webhook validly signed");
        assertEquals(0, deadLetters.values().stream().mapToInt(Integer::intValue).sum(), "nothing dead-lettered: " + deadLetters);
    }

    /** The ledger, its ground truth, the orders and the suite's events of this run, under target/ for a closer look. */
    private static void keepForInspection(LedgerGenerator.Ledger ledger, List<PlacedOrder> orders, Map<String, List<JsonNode>> topics)
            throws IOException {
        Path dir = Path.of("target/acceptance-run");
        io.creditcontrol.simulator.LedgerFiles.write(ledger, dir);
        io.creditcontrol.simulator.LedgerFiles.writeOrders(orders, dir.resolve("orders.ndjson"));
        for (Map.Entry<String, List<JsonNode>> topic : topics.entrySet()) {
            StringBuilder lines = new StringBuilder();
            topic.getValue().forEach(event -> lines.append(event).append('\n'));
            Files.writeString(dir.resolve(topic.getKey() + ".ndjson"), lines);
        }
    }

    // ------------------------------------------------------------------------------------------ the suite's clocks

    private void setClocks(LocalDate day) {
        for (Service service : Service.values()) {
            HttpResponse<String> moved = suite.putJsonAs("admin", service, "/api/v1/simulation/clock",
                    "{\"now\":\"" + day + "T00:00:00Z\"}");
            assertEquals(200, moved.statusCode(), service.module + ": " + moved.body());
        }
    }

    // ------------------------------------------------------------------------------------------ reconciliation

    /** Count and total per currency of one kind of document. */
    record Sum(long count, BigDecimal amount) {
        Sum plus(BigDecimal more) {
            return new Sum(count + 1, amount.add(more));
        }
    }

    /** The ledger's invoices, payments and credit notes per currency, as every service must have them. */
    record Totals(Map<String, Sum> byCurrency) {
        static Map<String, Totals> of(List<LedgerRecord> records) {
            Map<String, Totals> totals = new LinkedHashMap<>();
            for (String kind : List.of("invoices", "payments", "creditNotes")) {
                totals.put(kind, new Totals(new TreeMap<>()));
            }
            for (LedgerRecord record : records) {
                String kind = switch (record.kind()) {
                    case INVOICE -> "invoices";
                    case PAYMENT -> "payments";
                    case CREDIT_NOTE -> "creditNotes";
                    default -> null;
                };
                if (kind != null) {
                    totals.get(kind).byCurrency.merge(record.body().path("currency").asText(),
                            new Sum(1, new BigDecimal(record.body().path("amount").asText())),
                            (a, b) -> new Sum(a.count + b.count, a.amount.add(b.amount)));
                }
            }
            return totals;
        }
    }

    private List<String> reconciliationProblems(Map<String, Totals> expected) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Service service : Service.values()) {
            HttpResponse<String> answer = suite.get(service, "/api/v1/reconciliation");
            if (answer.statusCode() != 200) {
                problems.add(service.module + ": " + answer.statusCode() + " " + answer.body());
                continue;
            }
            JsonNode figures = json.readTree(answer.body());
            for (Map.Entry<String, Totals> kind : expected.entrySet()) {
                Map<String, Sum> seen = new TreeMap<>();
                for (JsonNode row : figures.path(kind.getKey())) {
                    seen.put(row.path("currency").asText(), new Sum(row.path("count").asLong(), new BigDecimal(row.path("amount").asText())));
                }
                for (String currency : union(seen.keySet(), kind.getValue().byCurrency().keySet())) {
                    Sum want = kind.getValue().byCurrency().get(currency);
                    Sum got = seen.get(currency);
                    if (want == null || got == null || want.count() != got.count() || want.amount().compareTo(got.amount()) != 0) {
                        problems.add(service.module + " " + kind.getKey() + " " + currency + ": ledger " + want + ", service " + got);
                    }
                }
            }
            if (service == Service.COLLECTIONS) {
                for (JsonNode row : figures.path("invoices")) {  // the ledger of record: invoiced - paid - credited - written off = open
                    BigDecimal open = new BigDecimal(row.path("amount").asText()).subtract(new BigDecimal(row.path("paid").asText()))
                            .subtract(new BigDecimal(row.path("credited").asText())).subtract(new BigDecimal(row.path("writtenOff").asText()));
                    if (open.compareTo(new BigDecimal(row.path("open").asText())) != 0) {
                        problems.add("collections-service " + row.path("currency").asText() + ": open " + row.path("open").asText()
                                + " but invoiced - paid - credited - written off = " + open);
                    }
                }
            }
        }
        return problems;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    // ------------------------------------------------------------------------------------------ webhooks

    private List<JsonNode> alertEvents() {
        return TopicHistory.read(suite.broker().bootstrapServers(), "credit.alerts.v1");
    }

    /**
     * Every alert event on the topic arrived at the receiver under exactly one webhook-id (after deduplication by
     * webhook-id), and nothing arrived that the suite did not announce.
     */
    private List<String> webhookProblems(List<JsonNode> alertEvents) throws IOException {
        Map<String, Set<String>> webhookIdsByEvent = new HashMap<>();
        for (WebhookReceiver.Received accepted : receiver.accepted.values()) {
            String eventId = json.readTree(accepted.body()).path("id").asText();
            webhookIdsByEvent.computeIfAbsent(eventId, e -> new TreeSet<>()).add(accepted.webhookId());
        }
        List<String> problems = new ArrayList<>();
        Set<String> announced = new TreeSet<>();
        for (JsonNode event : alertEvents) {
            String id = event.path("id").asText();
            announced.add(id);
            Set<String> ids = webhookIdsByEvent.getOrDefault(id, Set.of());
            if (ids.size() != 1) {
                problems.add("alert event " + id + " (" + event.path("type").asText() + ") arrived under " + ids.size() + " webhook ids " + ids);
            }
        }
        for (String eventId : webhookIdsByEvent.keySet()) {
            if (!announced.contains(eventId)) {
                problems.add("webhook for event " + eventId + " that is not on credit.alerts.v1");
            }
        }
        if (problems.size() > 20) {
            int more = problems.size() - 20;
            problems = new ArrayList<>(problems.subList(0, 20));
            problems.add("... and " + more + " more");
        }
        return problems;
    }

    // ------------------------------------------------------------------------------------------ helpers

    private void awaitThat(String what, java.util.concurrent.Callable<Boolean> condition, java.util.concurrent.Callable<String> seen)
            throws Exception {
        try {
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            StringBuilder logs = new StringBuilder();
            for (Service service : Service.values()) {
                logs.append("\n--- ").append(service.module).append('\n').append(suite.tail(service));
            }
            throw new AssertionError(what + ": not within " + SETTLE + "; seen:\n" + seen.call() + logs, e);
        }
    }
}
