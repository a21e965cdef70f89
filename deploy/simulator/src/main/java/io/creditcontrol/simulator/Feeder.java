package io.creditcontrol.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Plays a ledger into the running suite the way an ERP would: each record through its intake API,
 * in event-time order, with the bearer token of the role the API needs. 429 and 5xx answers (and
 * connection failures) are retried with backoff; "200 DUPLICATE" (and 409 "registered already" for
 * a buyer) count as success, so a feed can simply be run again.
 */
public final class Feeder {

    /**
     * Where to send, with which tokens, how fast. {@code creditChecks} is limits-service's base URI when every invoice's
     * order is first placed through the credit check (as an ERP does before it ships), null for no orders.
     * {@code settleTimeout}, with clocks driven: before the clocks move on, wait (at most this long) until every clock
     * service's {@code GET /api/v1/reconciliation} counts the invoices, payments and credit notes sent so far; null
     * moves on at once.
     */
    public record Settings(
            URI collections,
            URI scoring,
            List<URI> clockServices,
            Map<String, String> tokensByRole,
            String defaultToken,
            Map<LedgerKind, String> roleByKind,
            boolean driveClocks,
            double daysPerSecond,
            int bulkRows,
            int parallel,
            int maxAttempts,
            Duration firstBackoff,
            URI creditChecks,
            Duration settleTimeout) {

        String tokenFor(String role) {
            return tokensByRole.getOrDefault(role, defaultToken);
        }

        String roleFor(LedgerKind kind) {
            return roleByKind.getOrDefault(kind, kind.defaultRole());
        }
    }

    public enum Outcome { ACCEPTED, DUPLICATE, REJECTED, FAILED }

    /** Counts per kind and outcome, plus retries and clock moves. */
    public static final class Report {
        private final Map<LedgerKind, Map<Outcome, Integer>> counts = new EnumMap<>(LedgerKind.class);
        private int retries;
        private final List<PlacedOrder> orders = new ArrayList<>();
        int clockMoves;
        int settleWaits;
        int days;
        long millis;

        synchronized void add(LedgerKind kind, Outcome outcome) {
            counts.computeIfAbsent(kind, k -> new EnumMap<>(Outcome.class)).merge(outcome, 1, Integer::sum);
        }

        public synchronized int count(LedgerKind kind, Outcome outcome) {
            return counts.getOrDefault(kind, Map.of()).getOrDefault(outcome, 0);
        }

        public synchronized int total(Outcome outcome) {
            return counts.values().stream().mapToInt(m -> m.getOrDefault(outcome, 0)).sum();
        }

        public synchronized int retries() {
            return retries;
        }

        synchronized void retried() {
            retries++;
        }

        public int clockMoves() {
            return clockMoves;
        }

        synchronized void ordered(PlacedOrder order) {
            orders.add(order);
        }

        /** The orders placed through the credit check, in the order they were answered. */
        public synchronized List<PlacedOrder> orders() {
            return List.copyOf(orders);
        }

        public void print(PrintStream out) {
            out.printf("%-20s %9s %9s %9s %9s%n", "kind", "accepted", "duplicate", "rejected", "failed");
            for (LedgerKind kind : LedgerKind.values()) {
                if (counts.containsKey(kind)) {
                    out.printf("%-20s %9d %9d %9d %9d%n", kind.label(), count(kind, Outcome.ACCEPTED), count(kind, Outcome.DUPLICATE),
                            count(kind, Outcome.REJECTED), count(kind, Outcome.FAILED));
                }
            }
            out.printf("%-20s %9d %9d %9d %9d%n", "total", total(Outcome.ACCEPTED), total(Outcome.DUPLICATE),
                    total(Outcome.REJECTED), total(Outcome.FAILED));
            if (!orders.isEmpty()) {
                Map<String, Integer> byDecision = new java.util.TreeMap<>();
                orders().forEach(order -> byDecision.merge(order.decision(), 1, Integer::sum));
                out.printf("orders placed %d: %s%n", orders.size(), byDecision);
            }
            out.printf("simulated days %d, clock moves %d, retries %d, settle polls %d, %.1f s%n", days, clockMoves, retries, settleWaits,
                    millis / 1000.0);
        }
    }

    /** The feed cannot go on (bad token, services without the simulation clock). */
    public static final class FeedAborted extends RuntimeException {
        public FeedAborted(String message) {
            super(message);
        }
    }

    private static final int PROBLEMS_SHOWN = 20;

    private final Settings settings;
    private final PrintStream log;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final Report report = new Report();
    private final List<LedgerRecord> importBatch = new ArrayList<>();
    /** Single documents waiting to be sent in parallel, one worker per buyer at a time. */
    private final List<LedgerRecord> pending = new ArrayList<>();
    private ExecutorService workers;
    private int problemsShown;
    private long startNanos;

    private final KafkaPublisher kafka;

    /** Feeds through the intake APIs. */
    public Feeder(Settings settings, PrintStream log) {
        this(settings, log, null);
    }

    /** Publishes to Kafka instead of calling the intake APIs (clocks are still driven over HTTP). */
    public Feeder(Settings settings, PrintStream log, KafkaPublisher kafka) {
        this.settings = settings;
        this.log = log;
        this.kafka = kafka;
    }

    public Report feed(List<LedgerRecord> records) {
        if (settings.parallel() > 1 && kafka == null) {
            workers = Executors.newFixedThreadPool(settings.parallel());
        }
        try {
            return play(records);
        } finally {
            if (workers != null) {
                workers.shutdownNow();
            }
        }
    }

    private Report play(List<LedgerRecord> records) {
        startNanos = System.nanoTime();
        LocalDate today = null;
        for (LedgerRecord record : records) {
            LocalDate date = record.date();
            if (today == null || date.isAfter(today)) {
                sendPending();
                if (settings.driveClocks() || settings.daysPerSecond() > 0) {
                    flushImports();  // a day's documents reach the suite on that simulated day
                }
                for (LocalDate day = today == null ? date : today.plusDays(1); !day.isAfter(date); day = day.plusDays(1)) {
                    startDay(day);
                }
                today = date;
            }
            if (kafka != null) {
                kafka.publish(record, outcome -> report.add(record.kind(), outcome));
            } else if (settings.bulkRows() > 0 && record.kind().importable()) {
                importBatch.add(record);
                if (importBatch.size() >= settings.bulkRows()) {
                    flushImports();
                }
            } else {
                flushImports();
                if (workers != null && record.kind() != LedgerKind.BUYER) {
                    pending.add(record);
                } else {
                    sendPending();  // buyers one by one: a parent is registered before its subsidiaries
                    report.add(record.kind(), send(record));
                }
            }
        }
        sendPending();
        flushImports();
        if (kafka != null) {
            kafka.flush();
        }
        report.millis = (System.nanoTime() - startNanos) / 1_000_000;
        return report;
    }

    // ---------------------------------------------------------------- simulated days and clocks

    private void startDay(LocalDate day) {
        if (kafka != null && (settings.driveClocks() || settings.daysPerSecond() > 0)) {
            kafka.flush();  // the previous day is on the topics before the clocks move on
        }
        report.days++;
        if (day.getDayOfMonth() == 1 && report.days > 1) {
            progress(day);
        }
        if (settings.daysPerSecond() > 0) {
            long dueNanos = startNanos + (long) ((report.days - 1) / settings.daysPerSecond() * 1e9);
            long wait = dueNanos - System.nanoTime();
            if (wait > 0) {
                sleep(Duration.ofNanos(wait));
            }
        }
        if (settings.driveClocks()) {
            if (settings.settleTimeout() != null && report.days > 1) {
                awaitSettled();
            }
            String now = day.atStartOfDay().toInstant(ZoneOffset.UTC).toString();
            for (URI service : settings.clockServices()) {
                HttpResponse<String> response = exchange(request(service.resolve("/api/v1/simulation/clock"), "admin")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"now\":\"" + now + "\"}")).build());
                if (response == null || response.statusCode() / 100 != 2) {
                    throw new FeedAborted("could not set the simulation clock of " + service + " to " + now + ": "
                            + (response == null ? "no answer" : response.statusCode() + " " + abbreviate(response.body()))
                            + " (the service needs credit.simulation.clock-adjustable=true and an admin token)");
                }
                report.clockMoves++;
            }
        }
    }

    /** One line per simulated month, so whoever watches a long feed (the demo, the acceptance run) sees it move. */
    private void progress(LocalDate day) {
        log.printf("simulated up to %s: %d documents accepted, %d orders placed, %.0f s%n", day.minusDays(1),
                report.total(Outcome.ACCEPTED), report.orders().size(), (System.nanoTime() - startNanos) / 1e9);
        log.flush();
    }

    /**
     * A simulated day ends when every service has recorded its documents: the services build their views from the
     * topics, a moment after the intake accepted a document, and the next day's jobs (dunning, the alert sweep, the
     * credit check's overdue rules) must see the payment that arrived the day before, as they would after a real night.
     */
    private void awaitSettled() {
        Map<String, Integer> sent = new LinkedHashMap<>();
        sent.put("invoices", count(LedgerKind.INVOICE));
        sent.put("payments", count(LedgerKind.PAYMENT));
        sent.put("creditNotes", count(LedgerKind.CREDIT_NOTE));
        long deadline = System.nanoTime() + settings.settleTimeout().toNanos();
        for (URI service : settings.clockServices()) {
            HttpRequest request = request(service.resolve("/api/v1/reconciliation"), "admin").GET().build();
            while (true) {
                HttpResponse<String> response = exchange(request);
                Map<String, Integer> recorded = recordedCounts(response);
                boolean caughtUp = recorded != null
                        && sent.entrySet().stream().allMatch(kind -> recorded.getOrDefault(kind.getKey(), 0) >= kind.getValue());
                if (caughtUp) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new FeedAborted(service + " has not recorded the documents sent so far " + sent + " within "
                            + settings.settleTimeout() + "; it has " + (recorded != null ? recorded
                            : response == null ? "no answer" : response.statusCode() + " " + abbreviate(response.body())));
                }
                report.settleWaits++;
                sleep(Duration.ofMillis(20));
            }
        }
    }

    private int count(LedgerKind kind) {
        return report.count(kind, Outcome.ACCEPTED) + report.count(kind, Outcome.DUPLICATE);
    }

    /** Documents per kind in a reconciliation answer (summed over currencies); null when it is not one. */
    private static Map<String, Integer> recordedCounts(HttpResponse<String> response) {
        if (response == null || response.statusCode() != 200) {
            return null;
        }
        try {
            JsonNode figures = LedgerFiles.MAPPER.readTree(response.body());
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String kind : List.of("invoices", "payments", "creditNotes")) {
                int total = 0;
                for (JsonNode row : figures.path(kind)) {
                    total += row.path("count").asInt();
                }
                counts.put(kind, total);
            }
            return counts;
        } catch (IOException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- single documents

    private Outcome send(LedgerRecord record) {
        placeOrder(record);
        return sendDocument(record);
    }

    private Outcome sendDocument(LedgerRecord record) {
        URI base = record.kind().service() == LedgerKind.Service.SCORING ? settings.scoring() : settings.collections();
        URI uri = base.resolve(record.kind().path(record.buyerId(), record.document()));
        HttpRequest request = request(uri, settings.roleFor(record.kind()))
                .POST(HttpRequest.BodyPublishers.ofString(record.body().toString())).build();
        // scoring knows a buyer once it has consumed the registration event (normally within a second): until then a
        // statement or signal for it answers 404, which is worth waiting for
        boolean buyerMayBeUnknownYet = record.kind() == LedgerKind.FINANCIAL_STATEMENT || record.kind() == LedgerKind.RISK_SIGNAL;
        HttpResponse<String> response = exchange(request, buyerMayBeUnknownYet);
        if (response == null) {
            problem(record.kind().label() + " " + record.document() + ": no answer after " + settings.maxAttempts() + " attempts");
            return Outcome.FAILED;
        }
        return outcome(record, response);
    }

    private Outcome outcome(LedgerRecord record, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 401) {
            throw new FeedAborted(response.request().uri() + " answered 401: the token for role " + settings.roleFor(record.kind())
                    + " is missing, expired or not trusted by the service");
        }
        if (status == 201 || status == 202) {
            return Outcome.ACCEPTED;
        }
        if (status == 200) {
            return response.body() != null && response.body().contains("\"DUPLICATE\"") ? Outcome.DUPLICATE : Outcome.ACCEPTED;
        }
        if (status == 409 && record.kind() == LedgerKind.BUYER) {
            return Outcome.DUPLICATE;  // registered already: a re-run of the feed
        }
        if (status == 429 || status >= 500 || (status == 404 && record.kind().service() == LedgerKind.Service.SCORING)) {
            problem(record.kind().label() + " " + record.document() + ": still " + status + " after " + settings.maxAttempts() + " attempts");
            return Outcome.FAILED;
        }
        problem(record.kind().label() + " " + record.document() + ": " + status + " " + abbreviate(response.body()));
        return Outcome.REJECTED;
    }

    /**
     * Sends the pending documents with the parallel workers: each buyer's documents in their order by one
     * worker, different buyers at the same time; returns when all are answered.
     */
    private void sendPending() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, List<LedgerRecord>> byBuyer = new LinkedHashMap<>();
        for (LedgerRecord record : pending) {
            byBuyer.computeIfAbsent(record.buyerId(), b -> new ArrayList<>()).add(record);
        }
        pending.clear();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (List<LedgerRecord> buyerRecords : byBuyer.values()) {
            tasks.add(() -> {
                for (LedgerRecord record : buyerRecords) {
                    report.add(record.kind(), send(record));
                }
                return null;
            });
        }
        try {
            for (Future<Void> done : workers.invokeAll(tasks)) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedAborted("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new FeedAborted(String.valueOf(e.getCause()));
        }
    }

    // ---------------------------------------------------------------- orders through the credit check

    /**
     * Before an invoice, places the order it bills through the credit check, as the ERP did when it took the order:
     * {@code POST /api/v1/credit-checks} with the order reference as {@code Idempotency-Key} (a re-run of the feed
     * gets the first answer and reserves nothing more). An approved order's reservation is consumed by the invoice.
     */
    private void placeOrder(LedgerRecord record) {
        if (settings.creditChecks() == null || record.kind() != LedgerKind.INVOICE) {
            return;
        }
        JsonNode invoice = record.body();
        String orderReference = invoice.path("orderReference").asText(null);
        if (orderReference == null) {
            return;  // an invoice without an order (e.g. a service charge) was never checked
        }
        ObjectNode check = LedgerFiles.MAPPER.createObjectNode();
        check.put("buyerId", record.buyerId());
        check.put("orderReference", orderReference);
        check.put("amount", invoice.path("amount").asText());
        check.put("currency", invoice.path("currency").asText());
        if (invoice.hasNonNull("paymentTermsDays")) {
            check.put("requestedTermsDays", invoice.path("paymentTermsDays").asInt());
        }
        HttpRequest request = request(settings.creditChecks().resolve("/api/v1/credit-checks"), "erp")
                .setHeader("Idempotency-Key", orderReference)
                .POST(HttpRequest.BodyPublishers.ofString(check.toString())).build();
        // limits-service knows a buyer once it has consumed the registration event: until then 404, worth waiting for
        HttpResponse<String> response = exchange(request, true);
        BigDecimal amount = new BigDecimal(invoice.path("amount").asText());
        String currency = invoice.path("currency").asText();
        if (response == null || response.statusCode() != 200 && response.statusCode() != 201) {
            if (response != null && response.statusCode() == 401) {
                throw new FeedAborted("the credit check answered 401: check the erp token");
            }
            String why = response == null ? "no answer" : response.statusCode() + " " + abbreviate(response.body());
            problem("credit check for order " + orderReference + ": " + why);
            report.ordered(new PlacedOrder(record.date(), record.buyerId(), orderReference, record.document(), amount, currency,
                    "FAILED", List.of(), null, null, null, why));
            return;
        }
        try {
            JsonNode answer = LedgerFiles.MAPPER.readTree(response.body());
            List<String> reasons = new ArrayList<>();
            answer.path("reasonCodes").forEach(code -> reasons.add(code.asText()));
            report.ordered(new PlacedOrder(record.date(), record.buyerId(), orderReference, record.document(), amount, currency,
                    answer.path("decision").asText(), reasons, decimal(answer.path("limit")), decimal(answer.path("exposure")),
                    answer.path("limitCurrency").asText(null), null));
        } catch (IOException e) {
            throw new FeedAborted("the credit check answered something that is not a decision: " + abbreviate(response.body()));
        }
    }

    private static BigDecimal decimal(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? null : new BigDecimal(value.asText());
    }

    // ---------------------------------------------------------------- bulk import

    /** Sends the collected invoices, payments, credit notes and disputes as one NDJSON ledger import. */
    private void flushImports() {
        if (importBatch.isEmpty()) {
            return;
        }
        sendPending();  // they came before the batch
        List<LedgerRecord> batch = List.copyOf(importBatch);
        importBatch.clear();
        batch.forEach(this::placeOrder);
        StringBuilder ndjson = new StringBuilder();
        for (LedgerRecord record : batch) {
            ObjectNode row = LedgerFiles.MAPPER.createObjectNode();
            row.put("type", record.kind().label());
            row.setAll(record.body());
            ndjson.append(row).append('\n');
        }
        HttpRequest request = request(settings.collections().resolve("/api/v1/ledger-imports"), settings.roleFor(LedgerKind.INVOICE))
                .setHeader("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson.toString())).build();
        HttpResponse<String> response = exchange(request);
        if (response == null || response.statusCode() != 200) {
            if (response != null && response.statusCode() == 401) {
                throw new FeedAborted("the ledger import answered 401: check the erp token");
            }
            problem("ledger import of " + batch.size() + " rows: " + (response == null ? "no answer" : response.statusCode() + " "
                    + abbreviate(response.body())) + "; sending them one by one");
            for (LedgerRecord record : batch) {
                report.add(record.kind(), sendDocument(record));
            }
            return;
        }
        Outcome[] outcomes = new Outcome[batch.size()];
        java.util.Arrays.fill(outcomes, Outcome.ACCEPTED);
        List<LedgerRecord> again = new ArrayList<>();
        try {
            for (JsonNode problem : LedgerFiles.MAPPER.readTree(response.body()).path("problems")) {
                int row = problem.path("row").asInt() - 1;
                if (row < 0 || row >= batch.size()) {
                    continue;
                }
                switch (problem.path("status").asText()) {
                    case "DUPLICATE" -> outcomes[row] = Outcome.DUPLICATE;
                    case "NOT_IMPORTED" -> {
                        outcomes[row] = null;
                        again.add(batch.get(row));
                    }
                    default -> {
                        outcomes[row] = Outcome.REJECTED;
                        problem(batch.get(row).kind().label() + " " + batch.get(row).document() + ": " + abbreviate(problem.path("violations").toString()));
                    }
                }
            }
        } catch (IOException e) {
            throw new FeedAborted("the ledger import answered something that is not an import report: " + abbreviate(response.body()));
        }
        for (int i = 0; i < batch.size(); i++) {
            if (outcomes[i] != null) {
                report.add(batch.get(i).kind(), outcomes[i]);
            }
        }
        for (LedgerRecord record : again) {
            report.add(record.kind(), sendDocument(record));
        }
    }

    // ---------------------------------------------------------------- HTTP with retries

    private HttpRequest.Builder request(URI uri, String role) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(120))
                .setHeader("Content-Type", "application/json")
                .setHeader("Accept", "application/json");
        String token = settings.tokenFor(role);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** Sends, retrying 429 (after Retry-After when given), 5xx and connection failures; null when every attempt failed to connect. */
    HttpResponse<String> exchange(HttpRequest request) {
        return exchange(request, false);
    }

    /** As {@link #exchange(HttpRequest)}; with {@code retryNotFound} a 404 is retried like a 503. */
    HttpResponse<String> exchange(HttpRequest request, boolean retryNotFound) {
        HttpResponse<String> last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (attempt > 1) {
                report.retried();
            }
            try {
                last = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = last.statusCode();
                if (status != 429 && status < 500 && !(retryNotFound && status == 404)) {
                    return last;
                }
                if (attempt < settings.maxAttempts()) {
                    sleep(status == 429 ? retryAfter(last, attempt) : backoff(attempt));
                }
            } catch (IOException e) {
                if (attempt < settings.maxAttempts()) {
                    sleep(backoff(attempt));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FeedAborted("interrupted");
            }
        }
        return last;
    }

    private Duration retryAfter(HttpResponse<String> response, int attempt) {
        return response.headers().firstValue("Retry-After")
                .map(String::trim)
                .filter(v -> v.matches("\\d{1,4}"))
                .map(v -> Duration.ofSeconds(Math.min(60, Long.parseLong(v))))
                .orElse(backoff(attempt));
    }

    private Duration backoff(int attempt) {
        long millis = settings.firstBackoff().toMillis() << Math.min(attempt - 1, 10);
        return Duration.ofMillis(Math.min(millis, 10_000));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanosPart() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedAborted("interrupted");
        }
    }

    private synchronized void problem(String message) {
        if (problemsShown++ < PROBLEMS_SHOWN) {
            log.println("  ! " + message);
        } else if (problemsShown == PROBLEMS_SHOWN + 1) {
            log.println("  ! (further problems only counted)");
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
