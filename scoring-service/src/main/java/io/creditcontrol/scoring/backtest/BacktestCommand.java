package io.creditcontrol.scoring.backtest;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.creditcontrol.scoring.config.ScoringConfig;
import io.creditcontrol.scoring.score.ScoreInputs;
import io.creditcontrol.scoring.score.ScoreInputs.InvoiceFact;
import io.creditcontrol.scoring.score.ScoreInputs.SignalFact;
import io.creditcontrol.scoring.score.ScoreInputs.StatementFact;
import io.creditcontrol.scoring.score.ScoreModel;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The backtest command (see docs/scoring.md, "Backtest"). Reads a ledger and the known defaults
 * from CSV files in a directory, scores every buyer as of a day with the shipped model
 * parameters (application.properties), and prints discrimination (AUC, Gini, KS) and calibration
 * by grade.
 *
 * <pre>
 * BacktestCommand &lt;dir&gt; &lt;asOf&gt;                       backtest the CSV files in dir
 * BacktestCommand --synthetic &lt;dir&gt; &lt;buyers&gt; &lt;seed&gt;   first write a synthetic portfolio to dir (as of 2025-12-31)
 * </pre>
 *
 * Files (header line first, dates YYYY-MM-DD, decimals with '.'):
 * ledger.csv buyerId,invoiceNumber,currency,amount,issueDate,dueDate,settledOn,disputed ·
 * defaults.csv buyerId (one line per buyer that defaulted in the 12 months after asOf) ·
 * statements.csv (optional) buyerId,periodEnd,currency,totalAssets,currentAssets,currentLiabilities,totalLiabilities,retainedEarnings,ebit,revenue,bookEquity ·
 * signals.csv (optional) buyerId,signal,observedOn,severity.
 * Nothing after asOf is used: later invoices are dropped, later settlements count as open.
 */
public final class BacktestCommand {

    static final LocalDate SYNTHETIC_AS_OF = LocalDate.parse("2025-12-31");

    private BacktestCommand() {
    }

    public static void main(String[] args) throws IOException {
        Path dir;
        LocalDate asOf;
        if (args.length >= 2 && args[0].equals("--ledger")) {
            runLedger(args);
            return;
        }
        if (args.length == 4 && args[0].equals("--synthetic")) {
            dir = Path.of(args[1]);
            asOf = SYNTHETIC_AS_OF;
            Synthetic.write(dir, Integer.parseInt(args[2]), Long.parseLong(args[3]), asOf);
        } else if (args.length == 2) {
            dir = Path.of(args[0]);
            asOf = LocalDate.parse(args[1]);
        } else {
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        ScoringConfig config = shippedConfig();
        Backtest.Report report = Backtest.run(new ScoreModel(config), read(dir, asOf), defaults(dir), asOf);
        System.out.print(format(report, config.modelVersion(), dir, asOf));
    }

    static final String USAGE = "usage: BacktestCommand <dir> <asOf> | --synthetic <dir> <buyers> <seed>\n"
            + "       BacktestCommand --ledger <dir> [--as-of-offsets 90,180] [--horizon-months 12] [--warmup-months 6] [--bad-grade 8]"
            + " [--set credit.scoring.key=value]...";

    /** The backtest on a simulator ledger (deploy/simulator): see {@link LedgerBacktest}. */
    static void runLedger(String[] args) throws IOException {
        Path dir = Path.of(args[1]);
        List<Integer> offsets = List.of(90, 180);
        int horizon = 12;
        int warmup = 6;
        int badGrade = 8;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 2; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--as-of-offsets" -> offsets = java.util.Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList();
                case "--horizon-months" -> horizon = Integer.parseInt(value);
                case "--warmup-months" -> warmup = Integer.parseInt(value);
                case "--bad-grade" -> badGrade = Integer.parseInt(value);
                case "--set" -> overrides.put(value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
                default -> {
                    System.err.println("unknown option " + args[i] + "\n" + USAGE);
                    System.exit(2);
                }
            }
        }
        if (args.length % 2 != 0) {
            System.err.println(USAGE);
            System.exit(2);
        }
        ScoringConfig config = shippedConfig(overrides);
        if (!overrides.isEmpty()) {
            System.out.println("NOT the shipped model: parameters overridden " + overrides);
        }
        LedgerBacktest.Options options = new LedgerBacktest.Options(offsets, horizon, warmup, badGrade);
        LedgerBacktest.Result result = new LedgerBacktest(new ScoreModel(config), options).run(dir);
        System.out.print(format(result, options, config.modelVersion(), dir));
    }

    static String format(LedgerBacktest.Result r, LedgerBacktest.Options o, String modelVersion, Path dir) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Ledger backtest of model %s on %s (%s .. %s, end exclusive, %d buyers)%n", modelVersion, dir,
                r.start(), r.end(), r.buyers()));
        if (r.panel() == null) {
            out.append(String.format(Locale.ROOT, "panel: no month-end has %d months of warm-up before it and a full %d-month horizon inside "
                    + "the ledger; generate more months or lower --horizon-months / --warmup-months%n", o.warmupMonths(), o.horizonMonths()));
        } else {
            out.append(String.format(Locale.ROOT, "panel: %d month-ends %s .. %s, outcome = default within %d months%n", r.panelDates().size(),
                    r.panelDates().get(0), r.panelDates().get(r.panelDates().size() - 1), o.horizonMonths()));
            out.append(format(r.panel(), modelVersion, dir, r.panelDates().get(0)).lines().skip(1)
                    .map(l -> l.replace("buyers ", "buyer-months ").replace("  buyers", "  b-months")).reduce("", (a, b) -> a + b + "\n"));
            out.append("mean PD on the panel by payment profile:\n");
            r.meanPdByProfile().forEach((profile, p) -> out.append(String.format(Locale.ROOT, "  %-14s %6d buyer-months  mean PD %6.2f%%%n",
                    profile, (long) p[0], 100 * p[1] / p[0])));
        }
        for (LedgerBacktest.OffsetResult x : r.offsets()) {
            out.append(String.format(Locale.ROOT, "%3d days before default: %d defaulters vs %d survivor rows on the same days: AUC %.3f  Gini %.3f"
                    + "  KS %.3f  mean PD %.2f%% vs %.2f%%%n", x.offsetDays(), x.defaulters(), x.survivorRows(), x.auc(), 2 * x.auc() - 1, x.ks(),
                    100 * x.meanPdDefaulters(), 100 * x.meanPdSurvivors()));
        }
        LedgerBacktest.LeadTime l = r.leadTime();
        out.append(String.format(Locale.ROOT, "lead time: %d of %d defaulters were at grade %d or worse on the day before their default "
                + "(median %s days since they entered it and stayed), %d were not%n", l.atBadGradeBeforeDefault(), l.defaulters(),
                o.badGrade(), l.medianDaysBefore() == null ? "-" : String.format(Locale.ROOT, "%.0f", l.medianDaysBefore()), l.notAtBadGrade()));
        out.append("  days before default, each of them: ").append(l.daysBefore()).append('\n');
        out.append(String.format(Locale.ROOT, "  entered the bad grade a median %s days after the deterioration start (%d of them before it)%n",
                l.medianDaysAfterDeteriorationStart() == null ? "-" : String.format(Locale.ROOT, "%.0f", l.medianDaysAfterDeteriorationStart()),
                l.beforeDeteriorationStart()));
        LedgerBacktest.GradeChurn c = r.churn();
        out.append(String.format(Locale.ROOT, "grade churn of the survivors, month-end to month-end: %d changes in %d buyer-months "
                + "(%.1f per buyer-year), %d one-grade downgrades, %d reversals of the buyer's previous change%n", c.changes(),
                c.survivorMonths(), c.survivorMonths() == 0 ? 0.0 : 12.0 * c.changes() / c.survivorMonths(), c.oneGradeDowngrades(),
                c.reversals()));
        if (r.skippedDocuments() > 0) {
            out.append(String.format(Locale.ROOT, "%d documents skipped (the service would reject them or ignore them as repeats)%n",
                    r.skippedDocuments()));
        }
        return out.toString();
    }

    public static ScoringConfig shippedConfig() {
        return shippedConfig(Map.of());
    }

    /** The shipped parameters with some replaced (for sensitivity runs of the backtest: --set key=value). */
    public static ScoringConfig shippedConfig(Map<String, String> overrides) {
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(BacktestCommand.class.getResource("/application.properties"), 100))
                    .withSources(new PropertiesConfigSource(overrides, "backtest --set", 200))
                    .withMapping(ScoringConfig.class)
                    .build();
            return config.getConfigMapping(ScoringConfig.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String format(Backtest.Report r, String modelVersion, Path dir, LocalDate asOf) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Backtest of model %s on %s as of %s%n", modelVersion, dir, asOf));
        out.append(String.format(Locale.ROOT, "buyers %d, defaults %d (%.2f %%)%n", r.buyers(), r.defaults(), 100.0 * r.defaults() / r.buyers()));
        out.append(String.format(Locale.ROOT, "AUC %.3f   Gini %.3f   KS %.3f%n", r.auc(), r.gini(), r.ks()));
        out.append("grade  buyers  defaults  observed  mean PD\n");
        for (Backtest.GradeRow g : r.calibration()) {
            out.append(String.format(Locale.ROOT, "%5d  %6d  %8d  %7.2f%%  %6.2f%%%n", g.grade(), g.buyers(), g.defaults(),
                    100 * g.observedRate(), 100 * g.meanPredictedPd()));
        }
        return out.toString();
    }

    static Map<String, ScoreInputs> read(Path dir, LocalDate asOf) throws IOException {
        Map<String, List<InvoiceFact>> invoices = new LinkedHashMap<>();
        Map<String, LocalDate> first = new HashMap<>();
        for (String[] f : rows(dir.resolve("ledger.csv"))) {
            LocalDate issued = LocalDate.parse(f[4]);
            if (issued.isAfter(asOf)) {
                continue;
            }
            LocalDate settled = f[6].isBlank() ? null : LocalDate.parse(f[6]);
            if (settled != null && settled.isAfter(asOf)) {
                settled = null;
            }
            BigDecimal amount = new BigDecimal(f[3]);
            invoices.computeIfAbsent(f[0], b -> new ArrayList<>()).add(new InvoiceFact(f[1], f[2], amount, issued, LocalDate.parse(f[5]),
                    settled, settled == null ? amount : BigDecimal.ZERO, BigDecimal.ZERO, Boolean.parseBoolean(f[7])));
            first.merge(f[0], issued, (a, b) -> a.isBefore(b) ? a : b);
        }
        Map<String, StatementFact> statements = new HashMap<>();
        for (String[] f : rows(dir.resolve("statements.csv"))) {
            StatementFact s = new StatementFact(LocalDate.parse(f[1]), f[2], new BigDecimal(f[3]), new BigDecimal(f[4]), new BigDecimal(f[5]),
                    new BigDecimal(f[6]), new BigDecimal(f[7]), new BigDecimal(f[8]), new BigDecimal(f[9]), new BigDecimal(f[10]));
            if (!s.periodEnd().isAfter(asOf)) {
                statements.merge(f[0], s, (a, b) -> a.periodEnd().isAfter(b.periodEnd()) ? a : b);
            }
        }
        Map<String, List<SignalFact>> signals = new HashMap<>();
        for (String[] f : rows(dir.resolve("signals.csv"))) {
            signals.computeIfAbsent(f[0], b -> new ArrayList<>()).add(new SignalFact(f[1], LocalDate.parse(f[2]), f[3].isBlank() ? null : f[3], null));
        }
        Set<String> all = new HashSet<>(invoices.keySet());
        all.addAll(statements.keySet());
        all.addAll(signals.keySet());
        Map<String, ScoreInputs> buyers = new LinkedHashMap<>();
        for (String buyer : all) {
            buyers.put(buyer, new ScoreInputs(invoices.getOrDefault(buyer, List.of()), statements.get(buyer),
                    signals.getOrDefault(buyer, List.of()), first.get(buyer)));
        }
        return buyers;
    }

    static Set<String> defaults(Path dir) throws IOException {
        Set<String> defaulted = new HashSet<>();
        for (String[] f : rows(dir.resolve("defaults.csv"))) {
            defaulted.add(f[0]);
        }
        return defaulted;
    }

    private static List<String[]> rows(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (!line.isBlank()) {
                rows.add(line.split(",", -1));
            }
        }
        return rows;
    }

    /**
     * A synthetic portfolio, for running the command when no real default history exists. Every
     * buyer has a hidden credit quality q ~ N(0,1); its true 12-month PD is 1/(1+e^(4.0+1.1q)).
     * Payment lateness, financial ratios and signals are drawn from q with noise, and defaulters
     * tend to drift later in their last three months. The model never sees q. Because the data
     * is generated with the model's own assumptions, the figures show the command works and the
     * model ranks in the right direction; they do not validate the weights on real buyers.
     */
    static final class Synthetic {

        static void write(Path dir, int buyers, long seed, LocalDate asOf) throws IOException {
            Files.createDirectories(dir);
            Random random = new Random(seed);
            try (PrintWriter ledger = new PrintWriter(Files.newBufferedWriter(dir.resolve("ledger.csv")));
                    PrintWriter statements = new PrintWriter(Files.newBufferedWriter(dir.resolve("statements.csv")));
                    PrintWriter signals = new PrintWriter(Files.newBufferedWriter(dir.resolve("signals.csv")));
                    PrintWriter defaults = new PrintWriter(Files.newBufferedWriter(dir.resolve("defaults.csv")))) {
                ledger.println("buyerId,invoiceNumber,currency,amount,issueDate,dueDate,settledOn,disputed");
                statements.println("buyerId,periodEnd,currency,totalAssets,currentAssets,currentLiabilities,totalLiabilities,retainedEarnings,ebit,revenue,bookEquity");
                signals.println("buyerId,signal,observedOn,severity");
                defaults.println("buyerId");
                for (int b = 0; b < buyers; b++) {
                    String buyer = "SYN-" + b;
                    double q = random.nextGaussian();
                    boolean defaulted = random.nextDouble() < 1 / (1 + Math.exp(4.0 + 1.1 * q));
                    if (defaulted) {
                        defaults.println(buyer);
                    }
                    int invoices = random.nextDouble() < 0.1 ? 1 + random.nextInt(2) : 6 + random.nextInt(18);
                    double baseLateness = Math.max(0, 6 - 7 * q);
                    boolean drifts = defaulted && random.nextDouble() < 0.6;
                    for (int i = 0; i < invoices; i++) {
                        LocalDate due = asOf.minusDays(15 + random.nextInt(340));
                        double late = Math.max(0, baseLateness + 6 * random.nextGaussian());
                        if (drifts && due.isAfter(asOf.minusDays(90))) {
                            late += 10 + random.nextInt(30);
                        }
                        LocalDate settled = due.plusDays(Math.round(late));
                        BigDecimal amount = BigDecimal.valueOf(Math.exp(8 + random.nextGaussian())).setScale(2, RoundingMode.HALF_UP);
                        boolean disputed = random.nextDouble() < (q < -1 ? 0.15 : 0.03);
                        ledger.printf(Locale.ROOT, "%s,%s-%d,EUR,%s,%s,%s,%s,%s%n", buyer, buyer, i, amount.toPlainString(), due.minusDays(30),
                                due, settled.isAfter(asOf) ? "" : settled, disputed);
                    }
                    if (random.nextDouble() < 0.7) {
                        double f = 0.6 * q + 0.8 * random.nextGaussian();
                        double total = 1_000_000;
                        double currentAssets = total * 0.45;
                        double currentLiabilities = currentAssets / Math.max(0.4, 1.3 + 0.4 * f);
                        double retained = total * (0.12 + 0.12 * f);
                        double ebit = total * (0.05 + 0.05 * f);
                        double equity = total * Math.max(0.02, 0.35 + 0.15 * f);
                        statements.printf(Locale.ROOT, "%s,%s,EUR,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f%n", buyer, asOf.minusMonths(6 + random.nextInt(6)),
                                total, currentAssets, currentLiabilities, total - equity, retained, ebit, total * 1.8, equity);
                    }
                    if (random.nextDouble() < (defaulted ? 0.3 : 0.05)) {
                        String[] kinds = {"NEGATIVE_NEWS", "LEGAL_DISPUTE", "MANAGEMENT_CHANGE", "BANK_ACCOUNT_CHANGE"};
                        signals.printf(Locale.ROOT, "%s,%s,%s,%s%n", buyer, kinds[random.nextInt(kinds.length)], asOf.minusDays(random.nextInt(150)),
                                random.nextBoolean() ? "HIGH" : "MEDIUM");
                    }
                }
            }
        }
    }
}
