package io.creditcontrol.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

import io.creditcontrol.localkafka.DevTokens;
import io.creditcontrol.localkafka.KafkaBroker;
import io.creditcontrol.localkafka.PostgresDatabaseResource.PgConnection;
import io.creditcontrol.localkafka.SuiteTopics;

/**
 * The whole suite as it runs in production: a KRaft broker, one PostgreSQL database per
 * service, and each service's packaged application in a JVM of its own (prod profile), trusting
 * a token issuer of the test's own (a key pair generated for the run, as an identity provider's
 * would be).
 */
final class RunningSuite implements AutoCloseable {

    static final String ISSUER = "https://suite-tests.creditcontrol.invalid";

    enum Service {
        SCORING("scoring-service", "SCORING_DB_NAME", "suite_scoring"),
        LIMITS("limits-service", "LIMITS_DB_NAME", "suite_limits"),
        COLLECTIONS("collections-service", "COLLECTIONS_DB_NAME", "suite_collections"),
        ALERTS("alerts-service", "ALERTS_DB_NAME", "suite_alerts");

        final String module;
        final String databaseVariable;
        final String database;

        Service(String module, String databaseVariable, String database) {
            this.module = module;
            this.databaseVariable = databaseVariable;
            this.database = database + System.getenv().getOrDefault("CREDIT_TEST_DB_SUFFIX", "");
        }
    }

    private final Path root = Path.of(System.getProperty("suite.root", "../..")).toAbsolutePath().normalize();
    private final Path workDir;
    private final KafkaBroker broker;
    private final PgConnection pg = PgConnection.fromEnvironment();
    private final Map<Service, Integer> ports = new LinkedHashMap<>();
    private final Map<Service, Process> processes = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final DevTokens tokens;
    private final Map<String, String> tokenByRole = new LinkedHashMap<>();
    private final Map<Service, List<String>> extraProperties = new LinkedHashMap<>();

    RunningSuite() throws IOException {
        workDir = Files.createTempDirectory("credit-suite-");
        tokens = DevTokens.fromKeyDirectory(workDir.resolve("auth"), ISSUER);
        broker = KafkaBroker.onFreePorts(workDir.resolve("kafka")).start();
        broker.createTopics(SuiteTopics.all());
        for (Service service : Service.values()) {
            pg.dropDatabaseIfExists(service.database);
            pg.createDatabaseIfMissing(service.database);
            ports.put(service, freePort());
        }
    }

    KafkaBroker broker() {
        return broker;
    }

    /**
     * System properties for one service's JVM, e.g. {@code "credit.webhooks.allowed-hosts=127.0.0.1"}; they apply to
     * every later start of that service.
     */
    RunningSuite withSystemProperties(Service service, String... properties) {
        extraProperties.computeIfAbsent(service, s -> new ArrayList<>()).addAll(List.of(properties));
        return this;
    }

    void startAll() {
        List<Service> started = new ArrayList<>();
        for (Service service : Service.values()) {
            launch(service);
            started.add(service);
        }
        started.forEach(this::awaitReady);
    }

    void start(Service service) {
        launch(service);
        awaitReady(service);
    }

    /** Kills the service without warning (SIGKILL): nothing gets flushed or committed on the way out. */
    void kill(Service service) {
        Process process = processes.remove(service);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    URI uri(Service service, String path) {
        return URI.create("http://localhost:" + ports.get(service) + path);
    }

    /** The token issuer the services trust in this run. */
    DevTokens tokens() {
        return tokens;
    }

    /** A read as the read-only {@code viewer} role. */
    HttpResponse<String> get(Service service, String path) {
        return getWithToken(service, path, token("viewer"));
    }

    HttpResponse<String> getWithToken(Service service, String path, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, path)).GET().timeout(Duration.ofSeconds(10));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request.build());
    }

    /** A post as the ERP ({@code erp} role), as intake and credit checks are sent. */
    HttpResponse<String> postJson(Service service, String path, String body) {
        return send(HttpRequest.newBuilder(uri(service, path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token("erp"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A post with the token of the given role, e.g. {@code analyst} for risk signals, {@code admin} for webhook subscriptions. */
    HttpResponse<String> postJsonAs(String role, Service service, String path, String body) {
        return send(HttpRequest.newBuilder(uri(service, path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token(role))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A put with the token of the given role, e.g. {@code admin} for the simulation clock and FX rates. */
    HttpResponse<String> putJsonAs(String role, Service service, String path, String body) {
        return send(HttpRequest.newBuilder(uri(service, path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token(role))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A bearer token of the given role from the run's issuer, for clients of the suite (the simulator's feeder). */
    String tokenFor(String role) {
        return token(role);
    }

    /** A read with the token of the given role. */
    HttpResponse<String> getAs(String role, Service service, String path) {
        return getWithToken(service, path, token(role));
    }

    private String token(String role) {
        return tokenByRole.computeIfAbsent(role, r -> tokens.mint("suite-" + r, List.of(r), Duration.ofHours(2)));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void launch(Service service) {
        Path jar = root.resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw verify does)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + ports.get(service),
                "-Dkafka.bootstrap.servers=" + broker.bootstrapServers(),
                "-Dquarkus.datasource.jdbc.url=" + pg.jdbcUrl(service.database),
                "-Dquarkus.datasource.username=" + pg.user(),
                "-Dquarkus.datasource.password=" + pg.password()));
        extraProperties.getOrDefault(service, List.of()).forEach(property -> command.add("-D" + property));
        command.add("-jar");
        command.add(jar.toString());
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("CREDIT_AUTH_ISSUER", ISSUER);
            builder.environment().put("CREDIT_AUTH_PUBLIC_KEY_LOCATION",
                    workDir.resolve("auth").resolve(DevTokens.PUBLIC_KEY_FILE).toString());
            if (service == Service.COLLECTIONS) { // printed on dunning letters; required in production
                builder.environment().put("CREDIT_SELLER_NAME", "Suite Tests Seller GmbH");
                builder.environment().put("CREDIT_SELLER_BANK", "Test Bank AG");
                builder.environment().put("CREDIT_SELLER_IBAN", "DE02120300000000202051");
                builder.environment().put("CREDIT_SELLER_BIC", "BYLADEM1001");
            }
            Process process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(service).toFile()))
                    .start();
            processes.put(service, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path log(Service service) {
        return workDir.resolve(service.module + ".log");
    }

    private void awaitReady(Service service) {
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> isReady(service));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException(service.module + " not ready after 120 s:\n" + tail(service), e);
        }
    }

    /** Whether /q/health/ready answers UP; a process that exited fails at once with its log. */
    private boolean isReady(Service service) throws InterruptedException {
        Process process = processes.get(service);
        if (!process.isAlive()) {
            throw new IllegalStateException(service.module + " exited with " + process.exitValue() + ":\n" + tail(service));
        }
        try {
            return http.send(HttpRequest.newBuilder(uri(service, "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException stillStarting) {
            return false;
        }
    }

    String tail(Service service) {
        try {
            List<String> lines = Files.readAllLines(log(service));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy); // SIGTERM: graceful shutdown
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        broker.close();
        try (var paths = Files.walk(workDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
