package io.creditcontrol.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The feeder against a small local HTTP server standing in for the suite. */
class FeederTest {

    /** What the stand-in suite saw. */
    record Received(String method, String path, String authorization, List<String> contentType, String body) {
    }

    private HttpServer server;
    private URI base;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger tooManyRequestsLeft = new AtomicInteger();
    private final AtomicInteger buyerUnknownLeft = new AtomicInteger();
    private final AtomicInteger creditCheckUnknownBuyerLeft = new AtomicInteger();
    private volatile boolean settledLagging;
    private int recordedInvoices;
    private int recordedPayments;
    private final List<String> movedBeforeSettled = Collections.synchronizedList(new ArrayList<>());

    private int received(String path) {
        return (int) received.stream().filter(r -> r.path().equals(path) && r.method().equals("POST")).count();
    }
    private volatile boolean answerDuplicate;
    private final PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().get("Content-Type"), body));
        int status;
        String answer = "{}";
        if (path.equals("/api/v1/payments") && tooManyRequestsLeft.getAndDecrement() > 0) {
            exchange.getResponseHeaders().add("Retry-After", "0");
            status = 429;
        } else if (path.endsWith("/financial-statements") && buyerUnknownLeft.getAndDecrement() > 0) {
            status = 404;
        } else if (path.equals("/api/v1/simulation/clock")) {
            status = 200;
            answer = body;
            synchronized (this) {
                if (settledLagging && (recordedInvoices < received("/api/v1/invoices") || recordedPayments < received("/api/v1/payments"))) {
                    movedBeforeSettled.add(body);
                }
            }
        } else if (path.equals("/api/v1/reconciliation")) {
            status = 200;
            synchronized (this) {
                // the stand-in's view catches up one document a poll, as a consumer behind its topic would
                recordedInvoices = Math.min(received("/api/v1/invoices"), recordedInvoices + 1);
                recordedPayments = Math.min(received("/api/v1/payments"), recordedPayments + 1);
                answer = "{\"invoices\":[{\"currency\":\"EUR\",\"count\":" + recordedInvoices + "}],\"payments\":[{\"currency\":\"EUR\",\"count\":"
                        + recordedPayments + "}],\"creditNotes\":[{\"currency\":\"EUR\",\"count\":" + received("/api/v1/credit-notes") + "}]}";
            }
        } else if (path.equals("/api/v1/ledger-imports")) {
            long rows = body.lines().count();
            status = 200;
            answer = "{\"rows\":" + rows + ",\"accepted\":" + (rows - 1) + ",\"duplicates\":1,\"rejected\":0,\"notImported\":0,"
                    + "\"problems\":[{\"row\":1,\"status\":\"DUPLICATE\",\"violations\":[]}]}";
        } else if (path.equals("/api/v1/credit-checks")) {
            JsonNode check = LedgerFiles.MAPPER.readTree(body);
            if (creditCheckUnknownBuyerLeft.getAndDecrement() > 0) {
                status = 404;
            } else {
                // the stand-in refers every order above 10,000 and approves the rest
                boolean large = new java.math.BigDecimal(check.path("amount").asText()).compareTo(new java.math.BigDecimal("10000")) > 0;
                status = 201;
                answer = "{\"decision\":\"" + (large ? "REFERRED" : "APPROVED") + "\",\"reasonCodes\":" + (large ? "[\"LIMIT_EXCEEDED\"]" : "[]")
                        + ",\"limit\":\"10000.00\",\"exposure\":\"0.00\",\"limitCurrency\":\"EUR\",\"orderReference\":\""
                        + check.path("orderReference").asText() + "\",\"idempotencyKey\":\""
                        + exchange.getRequestHeaders().getFirst("Idempotency-Key") + "\"}";
            }
        } else if (path.startsWith("/api/v1/buyers")) {
            status = 202;
        } else if (answerDuplicate) {
            status = 200;
            answer = "{\"status\":\"DUPLICATE\"}";
        } else {
            status = 201;
            answer = "{\"status\":\"ACCEPTED\"}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Feeder.Settings settings(boolean driveClocks, int bulkRows) {
        return settings(driveClocks, bulkRows, 1);
    }

    private Feeder.Settings settings(boolean driveClocks, int bulkRows, int parallel) {
        return settings(driveClocks, bulkRows, parallel, null);
    }

    private Feeder.Settings settings(boolean driveClocks, int bulkRows, int parallel, URI creditChecks) {
        return new Feeder.Settings(base, base, List.of(base), Map.of("erp", "erp-token", "analyst", "analyst-token", "admin", "admin-token"),
                null, Map.of(), driveClocks, 0, bulkRows, parallel, 4, Duration.ofMillis(1), creditChecks, null);
    }

    private static List<LedgerRecord> smallLedger() {
        return LedgerGenerator.generate(new LedgerGenerator.Settings(12, 6, 3, LocalDate.of(2025, 1, 1))).records();
    }

    @Test
    void playsEveryRecordInEventTimeOrderWithTheTokenOfItsRole() throws IOException {
        List<LedgerRecord> records = smallLedger();
        Feeder.Report report = new Feeder(settings(false, 0), quiet).feed(records);

        assertEquals(records.size(), received.size());
        for (int i = 0; i < records.size(); i++) {
            LedgerRecord record = records.get(i);
            Received request = received.get(i);
            assertEquals("POST", request.method());
            assertEquals(List.of("application/json"), request.contentType());
            assertEquals(record.kind().path(record.buyerId(), record.document()), request.path());
            String role = record.kind() == LedgerKind.FINANCIAL_STATEMENT || record.kind() == LedgerKind.RISK_SIGNAL ? "analyst" : "erp";
            assertEquals("Bearer " + role + "-token", request.authorization(), record.kind().label());
            assertEquals(record.body(), LedgerFiles.MAPPER.readTree(request.body()));
        }
        assertEquals(records.size(), report.total(Feeder.Outcome.ACCEPTED));
        assertEquals(0, report.retries());
        assertTrue(received.stream().anyMatch(r -> r.path().endsWith("/resolution")) || records.stream().noneMatch(r -> r.kind() == LedgerKind.DISPUTE_RESOLUTION));
    }

    @Test
    void retriesTooManyRequestsAndCountsDuplicatesAsSuccess() {
        List<LedgerRecord> records = smallLedger();
        long payments = records.stream().filter(r -> r.kind() == LedgerKind.PAYMENT).count();
        tooManyRequestsLeft.set(3);
        answerDuplicate = true;
        Feeder.Report report = new Feeder(settings(false, 0), quiet).feed(records);

        assertEquals(3, report.retries());
        assertEquals(payments, report.count(LedgerKind.PAYMENT, Feeder.Outcome.DUPLICATE));
        assertEquals(0, report.total(Feeder.Outcome.FAILED) + report.total(Feeder.Outcome.REJECTED));
        // the first payment was sent four times, then the feed went on in order
        List<Received> paymentRequests = received.stream().filter(r -> r.path().equals("/api/v1/payments")).toList();
        assertEquals(payments + 3, paymentRequests.size());
        assertEquals(paymentRequests.get(0).body(), paymentRequests.get(3).body());
    }

    @Test
    void waitsForScoringToKnowANewlyRegisteredBuyer() {
        List<LedgerRecord> records = smallLedger();
        long statements = records.stream().filter(r -> r.kind() == LedgerKind.FINANCIAL_STATEMENT).count();
        buyerUnknownLeft.set(2);
        Feeder.Report report = new Feeder(settings(false, 0), quiet).feed(records);

        assertEquals(2, report.retries());
        assertEquals(statements, report.count(LedgerKind.FINANCIAL_STATEMENT, Feeder.Outcome.ACCEPTED));
        assertEquals(records.size(), report.total(Feeder.Outcome.ACCEPTED));
    }

    @Test
    void givesUpAfterTheLastAttemptAndReportsTheDocumentAsFailed() {
        List<LedgerRecord> records = smallLedger();
        tooManyRequestsLeft.set(4);
        Feeder.Report report = new Feeder(settings(false, 0), quiet).feed(records);
        assertEquals(1, report.count(LedgerKind.PAYMENT, Feeder.Outcome.FAILED));
    }

    @Test
    void drivesTheClocksOfTheServicesDayByDayBeforeTheDaysRecords() throws IOException {
        List<LedgerRecord> records = smallLedger();
        Feeder.Report report = new Feeder(settings(true, 0), quiet).feed(records);

        LocalDate first = records.get(0).date();
        LocalDate last = records.get(records.size() - 1).date();
        long days = java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
        assertEquals(days, report.clockMoves());
        LocalDate clock = null;
        int recordIndex = 0;
        for (Received r : received) {
            if (r.path().equals("/api/v1/simulation/clock")) {
                assertEquals("PUT", r.method());
                assertEquals("Bearer admin-token", r.authorization());
                LocalDate now = LocalDate.parse(LedgerFiles.MAPPER.readTree(r.body()).path("now").asText().substring(0, 10));
                assertEquals(clock == null ? first : clock.plusDays(1), now, "one day at a time");
                clock = now;
            } else {
                assertEquals(records.get(recordIndex++).date(), clock, "a record is sent on its own simulated day");
            }
        }
        assertEquals(records.size(), recordIndex);
    }

    @Test
    void bulkModeSendsInvoicesAndPaymentsAsLedgerImportsInOrder() throws IOException {
        List<LedgerRecord> records = smallLedger();
        Feeder.Report report = new Feeder(settings(false, 50), quiet).feed(records);

        List<JsonNode> rows = new ArrayList<>();
        int imports = 0;
        for (Received r : received) {
            if (r.path().equals("/api/v1/ledger-imports")) {
                imports++;
                assertEquals("Bearer erp-token", r.authorization());
                assertEquals(List.of("application/x-ndjson"), r.contentType());
                for (String line : r.body().split("\n")) {
                    rows.add(LedgerFiles.MAPPER.readTree(line));
                }
            }
        }
        List<LedgerRecord> importable = records.stream().filter(rec -> rec.kind().importable()).collect(Collectors.toList());
        assertEquals(importable.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(importable.get(i).kind().label(), rows.get(i).path("type").asText());
            assertEquals(importable.get(i).document(), rows.get(i).path(switch (importable.get(i).kind()) {
                case INVOICE -> "invoiceNumber";
                case PAYMENT -> "paymentReference";
                case CREDIT_NOTE -> "creditNoteNumber";
                default -> "disputeId";
            }).asText());
        }
        assertEquals(imports, report.total(Feeder.Outcome.DUPLICATE), "the stand-in reports row 1 of each import as a duplicate");
        assertEquals(records.size(), report.total(Feeder.Outcome.ACCEPTED) + report.total(Feeder.Outcome.DUPLICATE));
    }

    @Test
    void inParallelEachBuyersDocumentsStayInOrderAndNoDayOvertakesTheOneBefore() throws IOException {
        List<LedgerRecord> records = smallLedger();
        // path and body identify a record (the path names the buyer or the dispute where the body does not)
        Map<String, LedgerRecord> byRequest = new java.util.HashMap<>();
        records.forEach(rec -> byRequest.put(rec.kind().path(rec.buyerId(), rec.document()) + " " + rec.body(), rec));
        assertEquals(records.size(), byRequest.size());
        tooManyRequestsLeft.set(2);
        Feeder.Report report = new Feeder(settings(true, 0, 4), quiet).feed(records);

        assertEquals(records.size(), report.total(Feeder.Outcome.ACCEPTED));
        assertEquals(2, report.retries());
        Map<String, List<LedgerRecord>> sentByBuyer = new java.util.HashMap<>();
        java.util.Set<LedgerRecord> sent = new java.util.HashSet<>();
        LocalDate clock = null;
        for (Received r : received) {
            if (r.path().equals("/api/v1/simulation/clock")) {
                clock = LocalDate.parse(LedgerFiles.MAPPER.readTree(r.body()).path("now").asText().substring(0, 10));
                continue;
            }
            LedgerRecord record = byRequest.get(r.path() + " " + LedgerFiles.MAPPER.readTree(r.body()));
            assertEquals(record.date(), clock, "sent on its own simulated day: " + record.document());
            if (sent.add(record)) {  // a retried payment counts once
                sentByBuyer.computeIfAbsent(record.buyerId(), b -> new ArrayList<>()).add(record);
            }
        }
        assertEquals(records.size(), sent.size());
        assertEquals(records.stream().collect(Collectors.groupingBy(LedgerRecord::buyerId)), sentByBuyer, "each buyer's records in ledger order");
    }

    @Test
    void placesEachInvoicesOrderThroughTheCreditCheckJustBeforeTheInvoiceAndKeepsTheAnswers() throws IOException {
        List<LedgerRecord> records = smallLedger();
        List<LedgerRecord> invoices = records.stream().filter(r -> r.kind() == LedgerKind.INVOICE).toList();
        creditCheckUnknownBuyerLeft.set(1);  // limits-service has not consumed the registration yet: retried
        Feeder.Report report = new Feeder(settings(false, 0, 1, base), quiet).feed(records);

        assertEquals(records.size(), report.total(Feeder.Outcome.ACCEPTED));
        assertEquals(invoices.size(), report.orders().size());
        List<Received> checks = received.stream().filter(r -> r.path().equals("/api/v1/credit-checks")).toList();
        assertEquals(invoices.size() + 1, checks.size());
        for (int i = 0; i < received.size(); i++) {
            if (received.get(i).path().equals("/api/v1/invoices")) {
                Received before = received.get(i - 1);
                assertEquals("/api/v1/credit-checks", before.path(), "the order is checked right before its invoice");
                assertEquals("Bearer erp-token", before.authorization());
                JsonNode invoice = LedgerFiles.MAPPER.readTree(received.get(i).body());
                JsonNode check = LedgerFiles.MAPPER.readTree(before.body());
                assertEquals(invoice.path("buyerId").asText(), check.path("buyerId").asText());
                assertEquals(invoice.path("orderReference").asText(), check.path("orderReference").asText());
                assertEquals(invoice.path("amount").asText(), check.path("amount").asText());
                assertEquals(invoice.path("currency").asText(), check.path("currency").asText());
                assertEquals(invoice.path("paymentTermsDays").asInt(), check.path("requestedTermsDays").asInt());
            }
        }
        for (int i = 0; i < invoices.size(); i++) {
            PlacedOrder order = report.orders().get(i);
            JsonNode invoice = invoices.get(i).body();
            assertEquals(invoices.get(i).document(), order.invoiceNumber());
            assertEquals(invoices.get(i).date(), order.date());
            boolean large = new java.math.BigDecimal(invoice.path("amount").asText()).compareTo(new java.math.BigDecimal("10000")) > 0;
            assertEquals(large ? "REFERRED" : "APPROVED", order.decision());
            assertEquals(large ? List.of("LIMIT_EXCEEDED") : List.of(), order.reasonCodes());
            assertEquals(!large, order.shipped());
        }

        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("orders").resolve("orders.ndjson");
        LedgerFiles.writeOrders(report.orders(), file);
        assertEquals(report.orders(), LedgerFiles.readOrders(file));
    }

    @Test
    void sendsTheOrderReferenceAsIdempotencyKeySoARerunReservesNothingMore() {
        List<String> keys = Collections.synchronizedList(new ArrayList<>());
        server.removeContext("/");
        server.createContext("/", exchange -> {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (exchange.getRequestURI().getPath().equals("/api/v1/credit-checks")) {
                keys.add(key);
            }
            handle(exchange);
        });
        List<LedgerRecord> records = smallLedger();
        new Feeder(settings(false, 0, 1, base), quiet).feed(records);
        List<String> orderReferences = records.stream().filter(r -> r.kind() == LedgerKind.INVOICE)
                .map(r -> r.body().path("orderReference").asText()).toList();
        assertEquals(orderReferences, keys);
    }

    @Test
    void withSettlingTheClocksMoveOnOnlyOnceTheServicesHaveRecordedTheDaysDocuments() {
        settledLagging = true;
        List<LedgerRecord> records = smallLedger();
        Feeder.Settings settings = new Feeder.Settings(base, base, List.of(base), Map.of("admin", "admin-token"), "erp-token",
                Map.of(), true, 0, 0, 1, 4, Duration.ofMillis(1), null, Duration.ofSeconds(30));
        Feeder.Report report = new Feeder(settings, quiet).feed(records);

        assertEquals(records.size(), report.total(Feeder.Outcome.ACCEPTED));
        assertEquals(List.of(), movedBeforeSettled, "clock moves while the stand-in had not recorded everything");
        assertTrue(received.stream().anyMatch(r -> r.path().equals("/api/v1/reconciliation")));
    }

    @Test
    void withoutSettlingTheSameLaggingSuiteSeesTheClockMoveEarly() {
        settledLagging = true;
        new Feeder(settings(true, 0), quiet).feed(smallLedger());
        assertTrue(!movedBeforeSettled.isEmpty(), "the stand-in lags, so without settling some day starts too early");
    }

    @Test
    void settlingGivesUpWithAClearMessageWhenAServiceNeverCatchesUp() {
        server.removeContext("/");
        server.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/api/v1/reconciliation")) {
                exchange.getRequestBody().readAllBytes();
                byte[] nothing = "{\"invoices\":[],\"payments\":[],\"creditNotes\":[]}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, nothing.length);
                exchange.getResponseBody().write(nothing);
                exchange.close();
            } else {
                handle(exchange);
            }
        });
        Feeder.Settings settings = new Feeder.Settings(base, base, List.of(base), Map.of("admin", "admin-token"), "erp-token",
                Map.of(), true, 0, 0, 1, 4, Duration.ofMillis(1), null, Duration.ofMillis(300));
        Feeder.FeedAborted aborted = assertThrows(Feeder.FeedAborted.class, () -> new Feeder(settings, quiet).feed(smallLedger()));
        assertTrue(aborted.getMessage().contains("has not recorded"), aborted.getMessage());
    }

    @Test
    void stopsWhenTheTokenIsRefused() {
        server.removeContext("/");
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        assertThrows(Feeder.FeedAborted.class, () -> new Feeder(settings(false, 0), quiet).feed(smallLedger()));
    }
}
