package io.creditcontrol.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line: {@code generate}, {@code feed} and {@code stats}. See docs/simulator.md. */
public final class Simulator {

    static final String USAGE = """
            Ledger simulator of the Credit Control Suite (docs/simulator.md)

              generate --out DIR [--buyers 500] [--months 15] [--seed 42] [--start 2025-01-01]
                  writes DIR/ledger.ndjson (time-ordered) and DIR/ground-truth.json

              feed --dir DIR [--collections http://localhost:8083] [--scoring http://localhost:8081]
                   [--token TOKEN | --token ROLE=TOKEN]... [--token-file FILE | --token-file ROLE=FILE]...
                   [--role KIND=ROLE]... [--drive-clocks] [--limits http://localhost:8082] [--alerts http://localhost:8084]
                   [--orders [--orders-out FILE]] [--settle-seconds 120]
                   [--speed DAYS_PER_SECOND] [--bulk ROWS] [--parallel N] [--max-attempts 8] [--backoff-ms 200]
                   [--kafka HOST:PORT [--kafka-property NAME=VALUE]...]
                  plays the ledger into the running suite through its intake APIs, in event-time order
                  (with --kafka: publishes the CloudEvents to the topics instead); --orders first places each
                  invoice's order through limits-service's credit check and writes the answers to FILE (NDJSON);
                  with --drive-clocks each day waits (up to --settle-seconds, 0 = not at all) until the four
                  services have recorded the documents sent so far

              stats --dir DIR
                  per-profile counts, invoice totals, defaults and their dates
            """;

    private Simulator() {
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException | Feeder.FeedAborted | UncheckedIOException e) {
            System.err.println("simulator: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(USAGE);
            return 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        return switch (args[0]) {
            case "generate" -> generate(new Arguments(rest, Set.of(), Set.of("out", "buyers", "months", "seed", "start")));
            case "feed" -> feed(new Arguments(rest, Set.of("drive-clocks", "orders"), Set.of("dir", "collections", "scoring", "limits", "alerts",
                    "token", "token-file", "role", "speed", "bulk", "max-attempts", "backoff-ms", "kafka", "kafka-property", "parallel",
                    "orders-out", "settle-seconds")));
            case "stats" -> stats(new Arguments(rest, Set.of(), Set.of("dir")));
            default -> throw new IllegalArgumentException("unknown command " + args[0] + "\n" + USAGE);
        };
    }

    private static int generate(Arguments a) {
        LedgerGenerator.Settings settings = new LedgerGenerator.Settings(
                Integer.parseInt(a.get("buyers", "500")),
                Integer.parseInt(a.get("months", "15")),
                Long.parseLong(a.get("seed", "42")),
                LocalDate.parse(a.get("start", "2025-01-01")));
        Path out = Path.of(a.required("out"));
        LedgerGenerator.Ledger ledger = LedgerGenerator.generate(settings);
        LedgerFiles.write(ledger, out);
        long defaults = ledger.truth().truths().stream().filter(GroundTruth.BuyerTruth::defaults).count();
        System.out.printf("wrote %d records for %d buyers (%s .. %s, %d defaults) to %s%n", ledger.records().size(), settings.buyers(),
                settings.start(), settings.end(), defaults, out.toAbsolutePath());
        return 0;
    }

    private static int feed(Arguments a) {
        Path dir = Path.of(a.required("dir"));
        URI collections = URI.create(a.get("collections", "http://localhost:8083"));
        URI scoring = URI.create(a.get("scoring", "http://localhost:8081"));
        URI limits = URI.create(a.get("limits", "http://localhost:8082"));
        URI alerts = URI.create(a.get("alerts", "http://localhost:8084"));
        Map<String, String> tokens = new HashMap<>();
        String defaultToken = null;
        for (String value : a.all("token")) {
            String[] role = roleAndValue(value);
            if (role == null) {
                defaultToken = value.trim();
            } else {
                tokens.put(role[0], role[1].trim());
            }
        }
        for (String value : a.all("token-file")) {
            String[] role = roleAndValue(value);
            String token = read(Path.of(role == null ? value : role[1]));
            if (role == null) {
                defaultToken = token;
            } else {
                tokens.put(role[0], token);
            }
        }
        Map<LedgerKind, String> roles = new EnumMap<>(LedgerKind.class);
        for (String value : a.all("role")) {
            int equals = value.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("--role takes KIND=ROLE, e.g. --role dispute=analyst");
            }
            roles.put(LedgerKind.ofLabel(value.substring(0, equals)), value.substring(equals + 1));
        }
        Feeder.Settings settings = new Feeder.Settings(collections, scoring, List.of(scoring, limits, collections, alerts), tokens,
                defaultToken, roles, a.flag("drive-clocks"), Double.parseDouble(a.get("speed", "0")),
                Integer.parseInt(a.get("bulk", "0")), Integer.parseInt(a.get("parallel", "1")), Integer.parseInt(a.get("max-attempts", "8")),
                Duration.ofMillis(Long.parseLong(a.get("backoff-ms", "200"))), a.flag("orders") ? limits : null,
                a.flag("drive-clocks") && !a.get("settle-seconds", "120").equals("0")
                        ? Duration.ofSeconds(Long.parseLong(a.get("settle-seconds", "120"))) : null);
        if (a.flag("orders") && a.get("kafka", null) != null) {
            throw new IllegalArgumentException("--orders places orders through the credit-check API; it does not go with --kafka");
        }
        List<LedgerRecord> records = LedgerFiles.readLedger(dir);
        Feeder.Report report;
        if (a.get("kafka", null) != null) {
            Map<String, String> extra = new HashMap<>();
            for (String property : a.all("kafka-property")) {
                int equals = property.indexOf('=');
                if (equals < 1) {
                    throw new IllegalArgumentException("--kafka-property takes NAME=VALUE, e.g. security.protocol=SASL_SSL");
                }
                extra.put(property.substring(0, equals), property.substring(equals + 1));
            }
            System.out.printf("publishing %d records from %s to Kafka at %s%n", records.size(), dir, a.get("kafka", null));
            try (KafkaPublisher kafka = KafkaPublisher.connect(a.get("kafka", null), extra)) {
                report = new Feeder(settings, System.out, kafka).feed(records);
            }
        } else {
            System.out.printf("feeding %d records from %s%n", records.size(), dir);
            report = new Feeder(settings, System.out).feed(records);
        }
        report.print(System.out);
        if (a.get("orders-out", null) != null) {
            LedgerFiles.writeOrders(report.orders(), Path.of(a.get("orders-out", null)));
        }
        return report.total(Feeder.Outcome.REJECTED) + report.total(Feeder.Outcome.FAILED) == 0 ? 0 : 1;
    }

    private static int stats(Arguments a) {
        Path dir = Path.of(a.required("dir"));
        LedgerStats.print(LedgerFiles.readLedger(dir), LedgerFiles.readGroundTruth(dir), System.out);
        return 0;
    }

    private static final Set<String> ROLES = Set.of("erp", "analyst", "approver", "collector", "admin", "viewer");

    /** "erp=VALUE" gives {erp, VALUE}; a value without a known role prefix gives null (a token for every role). */
    static String[] roleAndValue(String value) {
        int equals = value.indexOf('=');
        if (equals > 0 && ROLES.contains(value.substring(0, equals))) {
            return new String[] {value.substring(0, equals), value.substring(equals + 1)};
        }
        return null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read token file " + file, e);
        }
    }
}
