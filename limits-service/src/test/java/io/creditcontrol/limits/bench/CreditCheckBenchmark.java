package io.creditcontrol.limits.bench;

import static io.creditcontrol.limits.api.CreditFixtures.knownBuyer;
import static io.creditcontrol.limits.api.CreditFixtures.limit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.common.http.TestHTTPResource;
import io.creditcontrol.limits.Auth;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Benchmark, not a test: runs only with -Dbench=true and asserts nothing. In one run against the
 * same PostgreSQL: (1) pgbench executing the bare conditional reservation UPDATE; (2) the
 * reserving credit check at its saturation (closed loop); (3) the reserving check at fixed
 * arrival rates (half of saturation) and (4) the read-only what-if check, both open loop: each
 * request has an intended start time on a fixed schedule and its latency is measured from that
 * time, so a stalled server is charged for the requests it delayed (no coordinated omission).
 * Results are printed and written to target/benchmark.txt.
 */
@QuarkusTest
@TestProfile(CreditCheckBenchmark.NoRateLimit.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class CreditCheckBenchmark {

    /** One ERP principal drives every request: the per-user rate limit is lifted for the benchmark. */
    public static class NoRateLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("credit.rate-limit.credit-check.requests-per-second", "1000000000",
                    "credit.rate-limit.credit-check.burst", "1000000000",
                    "credit.rate-limit.what-if.requests-per-second", "1000000000",
                    "credit.rate-limit.what-if.burst", "1000000000");
        }
    }


    static final int BUYERS = 200;
    static final int CONNECTIONS = 128;
    static final int CORES = Runtime.getRuntime().availableProcessors();
    static final Duration RUN = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));
    /** -Dbench.external-only=true: only the drivers outside this JVM (pgbench, wrk, the open-loop driver); half the time. */
    static final boolean EXTERNAL_ONLY = Boolean.getBoolean("bench.external-only");

    @TestHTTPResource("/api/v1/credit-checks")
    URI checks;
    @TestHTTPResource("/api/v1/credit-checks/what-if")
    URI whatIf;
    @TestHTTPResource("/q/health/live")
    URI health;

    final StringBuilder report = new StringBuilder();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final AtomicLong orders = new AtomicLong();

    @Test
    void benchmark() throws Exception {
        List<String> buyers = new ArrayList<>();
        String prefix = "BENCH-" + System.nanoTime() % 100000 + "-";
        for (int i = 0; i < BUYERS; i++) {
            buyers.add(knownBuyer(prefix + i));
            limit(prefix + i, "1000000000.00", "EUR");
        }
        IntFunction<HttpRequest> reserving = i -> post(checks, buyers.get(i % BUYERS), "SO-" + orders.incrementAndGet());
        IntFunction<HttpRequest> quoting = i -> post(whatIf, buyers.get(i % BUYERS), "Q-" + i);

        line("limits-service credit-check benchmark, %d cores, %d buyers, %s per phase", Runtime.getRuntime().availableProcessors(),
                BUYERS, RUN);
        closedLoop("warm-up reserving", reserving, 8, Duration.ofSeconds(10));
        closedLoop("warm-up what-if", quoting, 8, Duration.ofSeconds(5));

        double pgbench = pgbench(prefix);
        double saturation = 0;
        double whatIfSaturation = 0;
        if (!EXTERNAL_ONLY) {
            saturation = closedLoop("reserving check, saturation (closed loop, 16 clients)", reserving, 16, RUN);
            line("ratio reserving check / pgbench bare statement: %.2f", saturation / pgbench);
            openLoop("reserving check at half of saturation", reserving, (int) Math.max(1, saturation / 2));
            whatIfSaturation = closedLoop("what-if check, saturation (closed loop, 16 clients)", quoting, 16, RUN);
            openLoop("what-if check at half of its saturation", quoting, (int) Math.max(1, whatIfSaturation / 2));
            openLoop("what-if check at 10,000/s (target), 5 s", quoting, 10_000, Duration.ofSeconds(5));
        }

        // the same endpoints from an external driver (another process, not this JVM): closed loop, so
        // beside the open-loop phases above, never instead of them (wrk does not correct coordinated omission)
        double wrkReserving = wrk("reserving check, wrk closed loop (16 connections, 2 threads)", checks, prefix,
                "W" + System.nanoTime() % 100000);
        line("ratio reserving check (wrk) / pgbench bare statement: %.2f", wrkReserving / pgbench);
        double wrkWhatIf = wrk("what-if check, wrk closed loop (16 connections, 2 threads)", whatIf, prefix, "WQ");
        // the floor under any request of this service on this machine: the liveness probe answers
        // from memory (no token, no JSON body, no database), through the same HTTP server
        wrk("ceiling: GET /q/health/live, wrk closed loop (16 connections, 2 threads)", health, List.of(), List.of());

        // the latency targets again, with the open-loop driver in a JVM of its own
        double reservingSaturation = Math.max(saturation, wrkReserving);
        double whatIfBest = Math.max(whatIfSaturation, wrkWhatIf);
        externalOpenLoop("reserving check at half of saturation, driver in another JVM", checks, (int) Math.max(1, reservingSaturation / 2),
                prefix, "X" + System.nanoTime() % 100000);
        externalOpenLoop("what-if check at half of its saturation, driver in another JVM", whatIf, (int) Math.max(1, whatIfBest / 2),
                prefix, "XQ");
        externalOpenLoop("what-if check at 10,000/s (target), driver in another JVM", whatIf, 10_000, prefix, "XT");

    }

    private HttpRequest post(URI uri, String buyer, String order) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("Authorization", "Bearer " + Auth.token("erp.bench", "erp"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"buyerId\":\"" + buyer + "\",\"orderReference\":\"" + order
                        + "\",\"amount\":1.00,\"currency\":\"EUR\"}")).build();
    }

    /** pgbench, 16 clients, the bare conditional reservation statement on random bench buyers. */
    private double pgbench(String prefix) throws IOException, InterruptedException {
        Path script = Files.createTempFile("reserve", ".sql");
        Files.writeString(script, "\\set b random(0, " + (BUYERS - 1) + ")\n"
                + "UPDATE buyer_exposure SET reserved_amount = reserved_amount + 1.00, updated_at = now()"
                + " WHERE buyer_id = '" + prefix + "' || :b AND currency = 'EUR'"
                + " AND open_amount + reserved_amount + 1.00 + 0 <= 1000000000.00;\n");
        String database = "limits_test" + System.getenv().getOrDefault("CREDIT_TEST_DB_SUFFIX", "");
        List<String> command = List.of("pgbench", "-h", System.getenv().getOrDefault("PGHOST", "127.0.0.1"), "-U",
                System.getenv().getOrDefault("PGUSER", "postgres"), "-n", "-M", "prepared", "-c", "16", "-j", "2",
                "-T", String.valueOf(RUN.toSeconds()), "-f", script.toString(), database);
        // An UPDATE that matches no row is nearly free: count what pgbench really reserved, so a
        // wrong database or exhausted headroom cannot pass for a fast baseline.
        String reservedSql = "SELECT coalesce(sum(reserved_amount), 0) FROM buyer_exposure WHERE buyer_id LIKE '" + prefix + "%'";
        double reservedBefore = Double.parseDouble(psql(database, reservedSql));
        CpuAccount cpuBefore = CpuAccount.now();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        CpuAccount cpuAfter = CpuAccount.now();
        double reservedAfter = Double.parseDouble(psql(database, reservedSql));
        double tps = 0;
        long processed = 0;
        for (String l : output.split("\n")) {
            if (l.startsWith("tps = ")) {
                tps = Double.parseDouble(l.substring(6).split(" ")[0]);
            }
            if (l.startsWith("number of transactions actually processed: ")) {
                processed = Long.parseLong(l.substring(l.indexOf(':') + 1).trim().split("[/ ]")[0]);
            }
            if (l.startsWith("latency average") || l.startsWith("tps = ")) {
                line("pgbench: %s", l.trim());
            }
        }
        long reservedRows = Math.round(reservedAfter - reservedBefore); // each statement reserves 1.00
        line("pgbench reserved %d of %d statements", reservedRows, processed);
        if (processed == 0 || reservedRows < processed * 0.99) {
            throw new IllegalStateException("pgbench's statements reserved " + reservedRows + " of " + processed
                    + ": not a valid baseline (wrong database " + database + "?)\n" + output);
        }
        line("pgbench bare reservation statement: %.0f tx/s  (%s)", tps, String.join(" ", command));
        line("  %s", CpuAccount.perRequest(cpuBefore, cpuAfter, processed, CORES));
        return tps;
    }

    private static String psql(String database, String sql) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("psql", "-h", System.getenv().getOrDefault("PGHOST", "127.0.0.1"), "-U",
                System.getenv().getOrDefault("PGUSER", "postgres"), "-tAc", sql, database).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + output);
        }
        return output;
    }

    /**
     * wrk (an external process, when installed) against the same instance: 16 connections on 2
     * threads for the phase's duration, each request a new order (reserving) or quote on one of
     * the bench buyers, with the same bearer token.
     */
    private double wrk(String name, URI uri, String buyerPrefix, String orderPrefix) throws IOException, InterruptedException {
        Path script = Files.createTempFile("credit-check", ".lua");
        Files.writeString(script, """
                local threads = 0
                function setup(thread) threads = threads + 1; thread:set("tid", threads) end
                function init(args) buyers = args[1]; orders = args[2]; token = args[3]; n = 0 end
                function request()
                  n = n + 1
                  local body = '{"buyerId":"' .. buyers .. (n %% %d) .. '","orderReference":"' .. orders .. '-' .. tid .. '-' .. n
                    .. '","amount":1.00,"currency":"EUR"}'
                  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
                end
                """.formatted(BUYERS));
        return wrk(name, uri, List.of("-s", script.toString()), List.of("--", buyerPrefix, orderPrefix, Auth.token("erp.bench", "erp")));
    }

    /** wrk's rate (requests/s), or 0 when wrk is not installed or printed no rate. */
    private double wrk(String name, URI uri, List<String> script, List<String> scriptArguments) throws IOException, InterruptedException {
        String wrk = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "wrk")).filter(Files::isExecutable).map(Path::toString).findFirst().orElse(null);
        if (wrk == null) {
            line("%s: skipped, wrk is not installed", name);
            return 0;
        }
        List<String> command = new ArrayList<>(List.of(wrk, "-t2", "-c16", "-d" + RUN.toSeconds() + "s", "--latency"));
        command.addAll(script);
        command.add(uri.toString());
        command.addAll(scriptArguments);
        CpuAccount cpuBefore = CpuAccount.now();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        CpuAccount cpuAfter = CpuAccount.now();
        String rate = "?", p50 = "?", p99 = "?", errors = "0 non-2xx";
        long requests = 0;
        for (String l : output.split("\n")) {
            String t = l.trim();
            if (t.startsWith("Requests/sec:")) {
                rate = t.substring("Requests/sec:".length()).trim();
            } else if (t.startsWith("50%")) {
                p50 = t.substring(3).trim();
            } else if (t.startsWith("99%")) {
                p99 = t.substring(3).trim();
            } else if (t.contains(" requests in ")) {
                requests = Long.parseLong(t.substring(0, t.indexOf(' ')));
            } else if (t.startsWith("Non-2xx") || t.startsWith("Socket errors")) {
                errors = errors.equals("0 non-2xx") ? t : errors + ", " + t;
            }
        }
        line("%s: %s req/s, p50 %s, p99 %s, %s  (wrk -t2 -c16 -d%ds --latency%s)", name, rate, p50, p99,
                errors, RUN.toSeconds(), script.isEmpty() ? "" : ", a Lua script per request");
        line("  %s", CpuAccount.perRequest(cpuBefore, cpuAfter, requests, CORES));
        try {
            return Double.parseDouble(rate);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The open-loop schedule driven from another JVM ({@link OpenLoopDriver}), so that the
     * application's JVM measures only itself: latency from the intended start, as wrk2 does.
     */
    private void externalOpenLoop(String name, URI uri, int rate, String buyerPrefix, String orderPrefix)
            throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xms256m", "-Xmx512m", "-cp", classpath, OpenLoopDriver.class.getName(),
                uri.toString(), String.valueOf(rate), String.valueOf(RUN.toSeconds()), String.valueOf(CONNECTIONS), buyerPrefix,
                String.valueOf(BUYERS), orderPrefix, Auth.token("erp.bench", "erp"));
        CpuAccount cpuBefore = CpuAccount.now();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        CpuAccount cpuAfter = CpuAccount.now();
        String result = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElse(null);
        if (result == null) {
            line("%s: the driver printed no result:%n%s", name, output);
            return;
        }
        Map<String, String> values = new java.util.HashMap<>();
        for (String pair : result.substring("RESULT ".length()).split(" ")) {
            values.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        line("%s: offered %s req/s, completed %s req/s, p50 %s ms, p99 %s ms, p99.9 %s ms, max %s ms, %s failures, %s not answered"
                + " (driver: another JVM, open loop, latency from the intended start)", name, values.get("offered"),
                values.get("completed"), values.get("p50"), values.get("p99"), values.get("p999"), values.get("max"),
                values.get("failures"), values.get("unanswered"));
        output.lines().filter(l -> l.startsWith("SLOWEST ")).forEach(l -> line("  %s", l));
        // the driver's unrecorded warm-up at the same rate is inside the CPU window
        long requests = Long.parseLong(values.get("sent-with-warm-up"));
        line("  %s (the driver's CPU is in the rest of the machine)", CpuAccount.perRequest(cpuBefore, cpuAfter, requests, CORES));
    }

    /** {@code clients} loops sending back-to-back: the saturation throughput. */
    private double closedLoop(String name, IntFunction<HttpRequest> request, int clients, Duration duration) throws Exception {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicInteger sequence = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        CpuAccount cpuBefore = CpuAccount.now();
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request.apply(sequence.getAndIncrement()), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    synchronized (histogram) {
                        histogram.recordValue(System.nanoTime() - sent);
                    }
                }
            }, "bench-client-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        CpuAccount cpuAfter = CpuAccount.now();
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = histogram.getTotalCount() / seconds;
        line("%s: %.0f req/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, %d failures", name, rate, ms(histogram, 50),
                ms(histogram, 99), ms(histogram, 99.9), failures.get());
        line("  %s", CpuAccount.perRequest(cpuBefore, cpuAfter, histogram.getTotalCount(), CORES));
        return rate;
    }

    /** Requests at a fixed arrival rate; latency from the intended start time (coordinated-omission corrected). */
    private void openLoop(String name, IntFunction<HttpRequest> request, int rate) throws Exception {
        openLoop(name, request, rate, RUN);
    }

    private void openLoop(String name, IntFunction<HttpRequest> request, int rate, Duration run) throws Exception {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
        AtomicInteger failures = new AtomicInteger();
        long total = rate * run.toSeconds();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        // at most CONNECTIONS requests in flight (like wrk2's fixed connections); when all are busy the
        // schedule slips, and the slip is charged to the requests because latency counts from the intended start
        java.util.concurrent.Semaphore connections = new java.util.concurrent.Semaphore(CONNECTIONS);
        CpuAccount cpuBefore = CpuAccount.now();
        for (long i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int n = (int) i;
            connections.acquire();
            inFlight.add(http.sendAsync(request.apply(n), HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
                connections.release();
                if (error != null || response.statusCode() != 200) {
                    failures.incrementAndGet();
                }
                synchronized (histogram) {
                    histogram.recordValue(Math.min(System.nanoTime() - intended, TimeUnit.SECONDS.toNanos(120)));
                }
                return null;
            }));
        }
        // an overloaded server is given 30 s after the schedule ended; what is still open then is reported, not awaited
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            inFlight.forEach(f -> f.cancel(true));
        }
        CpuAccount cpuAfter = CpuAccount.now();
        double seconds = (System.nanoTime() - start) / 1e9;
        long open;
        synchronized (histogram) {
            open = total - histogram.getTotalCount();
        }
        line("%s: offered %d req/s, completed %.0f req/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, %d failures, %d not answered"
                + " within 30 s after the schedule (percentiles over answered requests only)", name, rate,
                (total - open) / seconds, ms(histogram, 50), ms(histogram, 99), ms(histogram, 99.9), failures.get(), open);
        line("  %s", CpuAccount.perRequest(cpuBefore, cpuAfter, total - open, CORES));
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println("[bench] " + text);
        report.append(text).append('\n');
        try {
            Files.writeString(Path.of("target/benchmark.txt"), report.toString());
        } catch (IOException e) {
            System.out.println("[bench] cannot write target/benchmark.txt: " + e.getMessage());
        }
    }
}
