package io.creditcontrol.collections.bench;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.agroal.api.AgroalDataSource;
import io.creditcontrol.collections.TestClock;
import io.creditcontrol.collections.dunning.DunningStrategy;
import io.creditcontrol.collections.dunning.DunningWorker;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The benchmark, opt-in: a ledger of {@code bench.invoices} (1,000,000) open invoices over
 * {@code bench.buyers} (50,000) buyers, seeded into the test database by SQL, then measured through
 * the service's own code: the portfolio aging report and the other report statements over HTTP,
 * the dunning worker's daily run, and the sustained rate of the NDJSON bulk import over HTTP. Figures go to standard output and
 * to target/bench/ledger-benchmark.txt. Run it with collections-service/bench/run-benchmarks.sh.
 *
 * <p>The ledger, on {@link #TODAY}: invoices issued 60 days before their due date, due dates
 * spread evenly from 120 days before today to 59 days after; half of each buyer's invoices partly
 * paid (50.00, allocated), 1 in 20 partly disputed (25.00); 1 in 10 in USD, the rest EUR. Buyers:
 * grades 1 to 10 (8 and worse get the high-risk strategy), 1 in 10 key accounts, 3 in 5 with an
 * e-mail dunning contact (a quarter of those in Chinese). The dunning history is that of a worker
 * that ran every day until yesterday: each item carries the latest step of its strategy whose
 * date has passed (the trail's earlier steps are left out: the worker only needs the latest) and
 * the date of its next step as its review date. So today's run finds the items whose next step
 * falls today: 5 % of the ledger.
 *
 * <p>Only the seeded tables are analyzed. The shared PostgreSQL of the development machine runs
 * with autovacuum off: a table analyzed while empty (intake documents, processed events) would
 * keep a plan made for an empty table, a sequential scan, for each look-up while it grows, and
 * the import and the ledger would slow down with every row. Production runs autovacuum, which
 * analyzes a growing table again.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestSecurity(user = "bench", roles = { "erp", "admin", "viewer" })
class LedgerBenchmark {

    static final int INVOICES = Integer.getInteger("bench.invoices", 1_000_000);
    static final int BUYERS = Integer.getInteger("bench.buyers", 50_000);
    static final int IMPORT_FILES = Integer.getInteger("bench.import.files", 8);
    static final int IMPORT_ROWS = Integer.getInteger("bench.import.rows", 25_000);
    /** How long to watch the ledger take in the imported documents after the import (a rate, not a completion). */
    static final int LEDGER_MINUTES = Integer.getInteger("bench.ledger-minutes", 10);
    static final LocalDate TODAY = LocalDate.parse("2026-07-01");
    static final Path RESULTS = Path.of("target", "bench", "ledger-benchmark.txt");

    /** Long requests: a test client gives up after 30 s by default. */
    static final RestAssuredConfig PATIENT = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.socket.timeout", 1_800_000).setParam("http.connection.timeout", 10_000));

    @Inject
    AgroalDataSource dataSource;
    @Inject
    DunningWorker worker;
    @Inject
    TestClock clock;

    static boolean seeded;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    void seeded() {
        if (seeded) {
            return;
        }
        report("ledger-benchmark " + java.time.Instant.now() + ": " + INVOICES + " invoices, " + BUYERS + " buyers, today " + TODAY
                + "; " + Runtime.getRuntime().availableProcessors() + " processors, load average " + loadAverage());
        long started = System.nanoTime();
        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement()) {
            db.setAutoCommit(true);
            strategies(db);
            for (String statement : SEED.formatted(INVOICES, BUYERS, "DATE '" + TODAY + "'").split(";\n")) {
                if (!statement.isBlank()) {
                    long t = System.nanoTime();
                    sql.execute(statement);
                    System.out.printf("BENCH seed %.1f s: %s%n", seconds(System.nanoTime() - t), statement.strip().lines().findFirst().orElse(""));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        report(String.format("seeded in %.0f s: %s", seconds(System.nanoTime() - started), counts()));
        seeded = true;
    }

    @Test
    @Order(1)
    void portfolioAgingReport() {
        seeded();
        clock.setToday(TODAY);
        for (String asOf : List.of("", "2026-06-01", "2026-04-01", "2026-02-01")) {
            List<Double> times = new ArrayList<>();
            JsonPath body = null;
            for (int run = 0; run < 5; run++) {
                long t = System.nanoTime();
                Response response = given().config(PATIENT).get("/api/v1/aging" + (asOf.isEmpty() ? "" : "?asOf=" + asOf));
                times.add(seconds(System.nanoTime() - t));
                assertEquals(200, response.statusCode(), response.asString());
                body = response.jsonPath(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
            }
            List<Double> sorted = new ArrayList<>(times);
            Collections.sort(sorted);
            report(String.format("GET /api/v1/aging%s: median %.2f s (runs %s); EUR: total %s, overdue %s, disputed %s, %s items",
                    asOf.isEmpty() ? " (as of today " + TODAY + ")" : "?asOf=" + asOf, sorted.get(2), format(times),
                    body.getString("currencies.find { it.currency == 'EUR' }.total"),
                    body.getString("currencies.find { it.currency == 'EUR' }.overdue"),
                    body.getString("currencies.find { it.currency == 'EUR' }.disputed"),
                    body.<Number>getList("currencies.find { it.currency == 'EUR' }.buckets.items").stream().mapToLong(Number::longValue).sum()));
        }
    }

    /** The other report statements, as of today and as of past days: median of 3 runs each (the first is cold). */
    @Test
    @Order(2)
    void reportStatements() {
        seeded();
        clock.setToday(TODAY);
        for (String report : List.of("dso", "dso?asOf=2026-04-01", "cei", "cei?from=2026-03-01&to=2026-03-31", "overdue-ratio",
                "overdue-ratio?asOf=2026-02-01", "top-overdue-buyers", "top-overdue-buyers?asOf=2026-06-01", "concentration",
                "concentration?asOf=2026-04-01")) {
            List<Double> times = new ArrayList<>();
            Response response = null;
            for (int run = 0; run < 3; run++) {
                long t = System.nanoTime();
                response = given().config(PATIENT).get("/api/v1/reports/" + report);
                times.add(seconds(System.nanoTime() - t));
                assertEquals(200, response.statusCode(), response.asString());
            }
            List<Double> sorted = new ArrayList<>(times);
            Collections.sort(sorted);
            String body = response.asString();
            report(String.format("GET /api/v1/reports/%s: median %.2f s (runs %s); %s", report, sorted.get(1), format(times),
                    body.length() > 160 ? body.substring(0, 160) + "..." : body));
        }
    }

    @Test
    @Order(3)
    void dunningWorkersDailyRun() {
        seeded();
        clock.setToday(TODAY);
        long due = count("SELECT count(*) FROM open_item WHERE dunning_review_on <= DATE '" + TODAY + "'");
        long lettersBefore = count("SELECT count(*) FROM dunning_letter");
        long t = System.nanoTime();
        DunningWorker.RunResult run = worker.run(Integer.MAX_VALUE);
        double took = seconds(System.nanoTime() - t);
        long letters = count("SELECT count(*) FROM dunning_letter") - lettersBefore;
        assertTrue(run.complete(), run.toString());
        report(String.format("dunning worker's run for %s: %.1f s; %d items due for review (%.1f %% of the ledger), %d reviewed, "
                + "%d steps executed, %d letters queued (not sent); %.0f items/s", TODAY, took, due, 100.0 * due / INVOICES,
                run.itemsReviewed(), run.stepsExecuted(), letters, run.itemsReviewed() / took));
    }

    @Test
    @Order(4)
    void bulkImportIntakeRate() {
        seeded();
        clock.setToday(TODAY);
        long before = count("SELECT count(*) FROM open_item");
        long rows = 0;
        long t = System.nanoTime();
        List<String> perFile = new ArrayList<>();
        for (int file = 0; file < IMPORT_FILES; file++) {
            String body = ndjson(file);
            long f = System.nanoTime();
            Response response = given().config(PATIENT).contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/ledger-imports");
            double took = seconds(System.nanoTime() - f);
            assertEquals(200, response.statusCode(), response.asString());
            JsonPath report = response.jsonPath();
            assertEquals(IMPORT_ROWS, report.getInt("accepted"), response.asString());
            rows += IMPORT_ROWS;
            perFile.add(String.format("%.0f", IMPORT_ROWS / took));
        }
        double took = seconds(System.nanoTime() - t);
        report(String.format("POST /api/v1/ledger-imports (NDJSON): %d rows in %d files of %d (4 invoices : 1 payment) in %.1f s: "
                + "%.0f rows/s sustained (per file: %s rows/s)", rows, IMPORT_FILES, IMPORT_ROWS, took, rows / took, String.join(", ", perFile)));

        // what the ledger makes of them: the events go through the outbox, Kafka and the consumers
        long invoices = (long) IMPORT_FILES * (IMPORT_ROWS - (IMPORT_ROWS / 5 - 1));
        long waitFrom = System.nanoTime();
        long applied = 0;
        while (System.nanoTime() - waitFrom < Duration.ofMinutes(LEDGER_MINUTES).toNanos()) {
            applied = count("SELECT count(*) FROM open_item") - before;
            if (applied >= invoices) {
                break;
            }
            sleep(2000);
        }
        double ledgerTook = seconds(System.nanoTime() - t);
        report(String.format("ledger built from those events (outbox -> Kafka -> consumer): %d of %d invoices in the ledger %.0f s after "
                + "the import began: %.0f invoices/s (the payments' events interleave with them); %d events applied in all",
                applied, invoices, ledgerTook, applied / ledgerTook,
                count("SELECT count(*) FROM processed_event WHERE event_type IN ('credit.invoice.issued', 'credit.payment.received')")));
    }

    /** NDJSON rows: per 5, 4 invoices of a buyer and 1 payment of the previous group's first invoice. */
    static String ndjson(int file) {
        StringBuilder body = new StringBuilder(IMPORT_ROWS * 190);
        for (int row = 0; row < IMPORT_ROWS; row++) {
            int n = file * IMPORT_ROWS + row;
            String buyer = "B-" + (n / 5 % BUYERS);
            if (row % 5 == 4 && row >= 5) {
                int paid = n - 9; // the first invoice of the previous group of five
                body.append("""
                        {"type":"payment","buyerId":"%s","paymentReference":"IMP-PAY-%d","receivedOn":"%s","amount":"40.00","currency":"EUR","allocations":[{"invoiceNumber":"IMP-%d","amount":"40.00"}]}
                        """.formatted("B-" + (paid / 5 % BUYERS), n, TODAY, paid));
            } else {
                body.append("""
                        {"type":"invoice","buyerId":"%s","invoiceNumber":"IMP-%d","issueDate":"%s","dueDate":"%s","amount":"%d.00","currency":"EUR"}
                        """.formatted(buyer, n, TODAY.minusDays(n % 30), TODAY.plusDays(30 - n % 30), 100 + n % 5000));
            }
        }
        return body.toString();
    }

    /** The strategies as the worker chooses them: by grade (1-10) and key-account segment, with their steps. */
    void strategies(Connection db) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS bench_strategy, bench_step");
            sql.execute("CREATE TABLE bench_strategy (grade INTEGER, key_account BOOLEAN, strategy VARCHAR(64))");
            sql.execute("CREATE TABLE bench_step (strategy VARCHAR(64), version VARCHAR(64), step VARCHAR(64), action VARCHAR(64), offset_days INTEGER)");
        }
        java.util.Map<String, DunningStrategy> used = new java.util.TreeMap<>();
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO bench_strategy VALUES (?, ?, ?)")) {
            for (int grade = 1; grade <= 10; grade++) {
                for (boolean key : List.of(false, true)) {
                    DunningStrategy strategy = worker.strategyFor(grade, key ? "KEY_ACCOUNT" : null);
                    used.put(strategy.name(), strategy);
                    insert.setInt(1, grade);
                    insert.setBoolean(2, key);
                    insert.setString(3, strategy.name());
                    insert.executeUpdate();
                }
            }
        }
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO bench_step VALUES (?, ?, ?, ?, ?)")) {
            for (DunningStrategy strategy : used.values()) {
                for (DunningStrategy.Step step : strategy.steps()) {
                    insert.setString(1, strategy.name());
                    insert.setString(2, strategy.version());
                    insert.setString(3, step.name());
                    insert.setString(4, step.action().name());
                    insert.setInt(5, step.offsetDays());
                    insert.executeUpdate();
                }
            }
        }
    }

    /** %1$d invoices, %2$d buyers, %3$s today (a SQL date literal). Statements end with ";\n". */
    static final String SEED = """
            INSERT INTO buyer_profile (buyer_id, name, segment, grade, contact_name, contact_email, contact_language)
            SELECT 'B-' || b, 'Buyer ' || b, CASE WHEN b %% 20 IN (0, 9) THEN 'KEY_ACCOUNT' END, 1 + b %% 10,
                   CASE WHEN b %% 5 < 3 THEN 'Accounts payable ' || b END,
                   CASE WHEN b %% 5 < 3 THEN 'ap' || b || '@buyer' || b %% 97 || '.example' END,
                   CASE WHEN b %% 5 < 3 THEN CASE WHEN b %% 4 = 1 THEN 'zh' ELSE 'en' END END
            FROM generate_series(0, %2$d - 1) AS b;
            CREATE TABLE bench_item AS
            SELECT 'INV-' || i AS invoice_number, 'B-' || (i %% %2$d) AS buyer_id,
                   CASE WHEN (i / %2$d) %% 10 = 0 THEN 'USD' ELSE 'EUR' END AS currency,
                   CAST(100 + i %% 9000 AS NUMERIC(19, 4)) AS amount,
                   %3$s - 180 + i %% 180 AS issue_date, %3$s - 120 + i %% 180 AS due_date,
                   CAST(CASE WHEN (i / %2$d) %% 2 = 0 THEN 50 ELSE 0 END AS NUMERIC(19, 4)) AS paid,
                   CAST(CASE WHEN (i / %2$d + i) %% 20 = 0 THEN 25 ELSE 0 END AS NUMERIC(19, 4)) AS disputed,
                   s.strategy
            FROM generate_series(1, %1$d) AS i
            JOIN bench_strategy s ON s.grade = 1 + (i %% %2$d) %% 10 AND s.key_account = ((i %% %2$d) %% 20 IN (0, 9));
            INSERT INTO open_item (invoice_number, buyer_id, currency, amount, paid_amount, disputed_amount, issue_date, due_date,
                                   dunning_review_on)
            SELECT x.invoice_number, x.buyer_id, x.currency, x.amount, x.paid, x.disputed, x.issue_date, x.due_date,
                   (SELECT MIN(x.due_date + st.offset_days) FROM bench_step st
                    WHERE st.strategy = x.strategy AND x.due_date + st.offset_days >= %3$s)
            FROM bench_item x;
            INSERT INTO received_payment (payment_reference, buyer_id, currency, amount, unapplied_amount, received_on)
            SELECT 'PAY-' || x.invoice_number, x.buyer_id, x.currency, x.paid, 0,
                   GREATEST(x.issue_date, LEAST(x.issue_date + 20, %3$s - 8))
            FROM bench_item x WHERE x.paid > 0;
            INSERT INTO payment_allocation (payment_reference, invoice_number, amount, received_on)
            SELECT 'PAY-' || x.invoice_number, x.invoice_number, x.paid, GREATEST(x.issue_date, LEAST(x.issue_date + 20, %3$s - 8))
            FROM bench_item x WHERE x.paid > 0;
            INSERT INTO invoice_dispute (dispute_id, invoice_number, buyer_id, amount, reason, opened_on)
            SELECT 'D-' || x.invoice_number, x.invoice_number, x.buyer_id, x.disputed, 'quality',
                   GREATEST(x.issue_date, LEAST(x.issue_date + 5, %3$s - 1))
            FROM bench_item x WHERE x.disputed > 0;
            INSERT INTO dunning_step (invoice_number, buyer_id, step, action, strategy, strategy_version, executed_on, days_past_due,
                                      chased_amount, currency, cause, executed_at, status)
            SELECT x.invoice_number, x.buyer_id, st.step, st.action, st.strategy, st.version, x.due_date + st.offset_days,
                   st.offset_days, x.amount - x.paid - x.disputed, x.currency, 'SCHEDULE', now(), 'DONE'
            FROM bench_item x
            CROSS JOIN LATERAL (SELECT * FROM bench_step st WHERE st.strategy = x.strategy AND x.due_date + st.offset_days < %3$s
                                ORDER BY st.offset_days DESC LIMIT 1) st;
            DROP TABLE bench_item;
            VACUUM ANALYZE buyer_profile, open_item, received_payment, payment_allocation, invoice_dispute, dunning_step;
            """;

    String counts() {
        return String.format("%d open items, %d payments, %d disputes, %d dunning steps, %d buyers", count("SELECT count(*) FROM open_item"),
                count("SELECT count(*) FROM received_payment"), count("SELECT count(*) FROM invoice_dispute"),
                count("SELECT count(*) FROM dunning_step"), count("SELECT count(*) FROM buyer_profile"));
    }

    long count(String query) {
        try (Connection db = dataSource.getConnection(); Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void report(String line) {
        System.out.println("BENCH " + line);
        try {
            Files.createDirectories(RESULTS.getParent());
            Files.writeString(RESULTS, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String format(List<Double> times) {
        return String.join(", ", times.stream().map(t -> String.format("%.2f", t)).toList());
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
