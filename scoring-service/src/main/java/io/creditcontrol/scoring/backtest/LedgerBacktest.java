package io.creditcontrol.scoring.backtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.creditcontrol.scoring.buyer.BuyerProfile;
import io.creditcontrol.scoring.buyer.FinancialStatement;
import io.creditcontrol.scoring.buyer.RiskSignal;
import io.creditcontrol.scoring.experience.ReplayedPaymentHistory;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.InvoiceCredited;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.InvoiceDisputed;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.InvoiceIssued;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.PaymentReceived;
import io.creditcontrol.scoring.score.Assessment;
import io.creditcontrol.scoring.score.BuyerScorer;
import io.creditcontrol.scoring.score.ScoreModel;

/**
 * Backtest on a simulated ledger (deploy/simulator: ledger.ndjson + ground-truth.json). The ledger
 * is replayed day by day into the service's own objects (buyer profile, financial statements, risk
 * signals, invoice experience settled by payments and credit notes), the model's inputs are built
 * by {@link BuyerScorer#inputsOf} and scored by {@link ScoreModel}, as the service does. Only
 * records with {@code at} on or before the observation day are applied when the buyers are scored
 * as of that day; the ground truth is read only to label outcomes.
 *
 * <ul>
 * <li><b>Panel</b> (AUC, Gini, KS, calibration by grade): every buyer not yet in default at each
 * month-end from {@code warmupMonths} after the start until the last month-end whose full horizon
 * lies inside the ledger; outcome = defaults within {@code horizonMonths} after the month-end. One
 * row per buyer and month-end (buyer-months).</li>
 * <li><b>Before default</b> (per offset N): each defaulter scored N days before its default date
 * against every buyer that never defaults in the ledger, scored on those same dates.</li>
 * <li><b>Lead time</b>: every defaulter scored every day; the day its grade entered the bad grade
 * (or worse) and stayed there until the default date, in days before the default date. (A grade
 * that was bad once, e.g. on the first days without a payment record, and recovered does not count.)</li>
 * </ul>
 */
public final class LedgerBacktest {

    public record Options(List<Integer> offsetsDays, int horizonMonths, int warmupMonths, int badGrade) {
    }

    public record Truth(String buyerId, String profile, LocalDate deteriorationStart, LocalDate defaultDate) {
    }

    public record OffsetResult(int offsetDays, int defaulters, int survivorRows, double auc, double ks, double meanPdDefaulters,
            double meanPdSurvivors) {
    }

    /**
     * @param atBadGradeBeforeDefault defaulters at the bad grade on the day before their default date
     * @param notAtBadGrade           defaulters not at the bad grade on the day before their default date
     * @param daysBefore              for each of the former, days from the start of that spell at the bad grade to the default date
     */
    public record LeadTime(int defaulters, int atBadGradeBeforeDefault, int notAtBadGrade, Double medianDaysBefore,
            List<Integer> daysBefore, Double medianDaysAfterDeteriorationStart, int beforeDeteriorationStart) {
    }

    public record Result(LocalDate start, LocalDate end, int buyers, List<LocalDate> panelDates, Backtest.Report panel,
            List<OffsetResult> offsets, LeadTime leadTime, Map<String, double[]> meanPdByProfile, int skippedDocuments,
            GradeChurn churn) {
    }

    /**
     * Grade churn of the buyers that never default, from one panel month-end to the next: how often
     * the grade changed, how many of those were one-grade downgrades (each halves the limit in
     * limits-service) and how many undid the buyer's previous change (flicker: 4 -> 5 -> 4).
     */
    public record GradeChurn(int survivorMonths, int changes, int oneGradeDowngrades, int reversals) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final ScoreModel model;
    private final Options options;

    // the buyers' files as the service would hold them on the day being replayed
    private final Map<String, BuyerProfile> profiles = new LinkedHashMap<>();
    private final Map<String, List<FinancialStatement>> statements = new HashMap<>();
    private final Map<String, List<RiskSignal>> signals = new HashMap<>();
    private final ReplayedPaymentHistory history = new ReplayedPaymentHistory();
    private final Map<String, ScoreModel.CurrentGrade> currentGrades = new HashMap<>();

    public LedgerBacktest(ScoreModel model, Options options) {
        this.model = model;
        this.options = options;
    }

    public Result run(Path dir) throws IOException {
        JsonNode truthFile = JSON.readTree(open(dir, "ground-truth.json"));
        LocalDate start = LocalDate.parse(truthFile.path("start").asText());
        LocalDate end = LocalDate.parse(truthFile.path("end").asText()); // exclusive
        Map<String, Truth> truths = new LinkedHashMap<>();
        for (JsonNode t : truthFile.path("truths")) {
            truths.put(t.path("buyerId").asText(), new Truth(t.path("buyerId").asText(), t.path("profile").asText(),
                    date(t.path("deteriorationStart")), date(t.path("defaultDate"))));
        }
        LocalDate lastDay = end.minusDays(1);

        // observation days
        TreeSet<LocalDate> panelDates = new TreeSet<>();
        for (LocalDate d = start.plusMonths(options.warmupMonths()).with(TemporalAdjusters.lastDayOfMonth());
                !d.plusMonths(options.horizonMonths()).isAfter(lastDay); d = d.plusMonths(1).with(TemporalAdjusters.lastDayOfMonth())) {
            panelDates.add(d);
        }
        Map<LocalDate, Map<Integer, List<String>>> offsetDefaulters = new TreeMap<>(); // day -> offset -> defaulters due then
        for (Truth t : truths.values()) {
            if (t.defaultDate() == null) {
                continue;
            }
            for (int offset : options.offsetsDays()) {
                LocalDate day = t.defaultDate().minusDays(offset);
                if (!day.isBefore(start)) {
                    offsetDefaulters.computeIfAbsent(day, d -> new TreeMap<>()).computeIfAbsent(offset, o -> new ArrayList<>()).add(t.buyerId());
                }
            }
        }

        List<double[]> panel = new ArrayList<>();
        Map<Integer, List<double[]>> offsetRows = new TreeMap<>();
        options.offsetsDays().forEach(o -> offsetRows.put(o, new ArrayList<>()));
        Map<String, LocalDate> badSince = new HashMap<>();
        Map<String, double[]> byProfile = new TreeMap<>(); // profile -> {panel rows, sum pd}
        Map<String, Integer> lastPanelGrade = new HashMap<>();
        Map<String, int[]> lastChange = new HashMap<>(); // survivor -> {from, to}
        int[] churn = new int[4]; // survivor months compared, changes, one-grade downgrades, reversals

        try (BufferedReader ledger = new BufferedReader(new InputStreamReader(open(dir, "ledger.ndjson"), StandardCharsets.UTF_8))) {
            String line = ledger.readLine();
            for (LocalDate day = start; !day.isAfter(lastDay); day = day.plusDays(1)) {
                // apply every record with at <= the end of this day
                Instant endOfDay = day.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
                while (line != null) {
                    JsonNode record = JSON.readTree(line);
                    if (!Instant.parse(record.path("at").asText()).isBefore(endOfDay)) {
                        break;
                    }
                    apply(record);
                    line = ledger.readLine();
                }
                boolean panelDay = panelDates.contains(day);
                Map<Integer, List<String>> dueDefaulters = offsetDefaulters.getOrDefault(day, Map.of());
                boolean everybody = panelDay || !dueDefaulters.isEmpty();
                for (BuyerProfile profile : profiles.values()) { // registration order: parents before subsidiaries
                    Truth truth = truths.get(profile.buyerId);
                    boolean defaulter = truth != null && truth.defaultDate() != null;
                    if (!everybody && !defaulter) {
                        continue;
                    }
                    Assessment a = assess(profile, day);
                    double pd = a.probabilityOfDefault().doubleValue();
                    if (defaulter && day.isBefore(truth.defaultDate())) {
                        // the spell at the bad grade that runs into the default date
                        if (a.grade() < options.badGrade()) {
                            badSince.remove(profile.buyerId);
                        } else {
                            badSince.putIfAbsent(profile.buyerId, day);
                        }
                    }
                    boolean inDefault = defaulter && !truth.defaultDate().isAfter(day);
                    if (panelDay && !inDefault && truth != null) {
                        boolean defaultsWithin = defaulter && !truth.defaultDate().isAfter(day.plusMonths(options.horizonMonths()));
                        panel.add(new double[] {pd, defaultsWithin ? 1 : 0, a.grade()});
                        double[] p = byProfile.computeIfAbsent(truth.profile(), k -> new double[2]);
                        p[0]++;
                        p[1] += pd;
                        Integer previous = lastPanelGrade.put(profile.buyerId, a.grade());
                        if (!defaulter && previous != null) {
                            churn[0]++;
                            if (previous != a.grade()) {
                                churn[1]++;
                                churn[2] += a.grade() == previous + 1 ? 1 : 0;
                                int[] before = lastChange.put(profile.buyerId, new int[] {previous, a.grade()});
                                churn[3] += before != null && before[0] == a.grade() && before[1] == previous ? 1 : 0;
                            }
                        }
                    }
                    for (Map.Entry<Integer, List<String>> due : dueDefaulters.entrySet()) {
                        if (due.getValue().contains(profile.buyerId)) {
                            offsetRows.get(due.getKey()).add(new double[] {pd, 1, a.grade()});
                        } else if (truth != null && !defaulter) {
                            offsetRows.get(due.getKey()).add(new double[] {pd, 0, a.grade()});
                        }
                    }
                }
            }
        }

        List<OffsetResult> offsets = new ArrayList<>();
        offsetRows.forEach((offset, rows) -> {
            Backtest.Report r = Backtest.report(rows);
            offsets.add(new OffsetResult(offset, r.defaults(), r.buyers() - r.defaults(), r.auc(), r.ks(),
                    rows.stream().filter(x -> x[1] == 1).mapToDouble(x -> x[0]).average().orElse(Double.NaN),
                    rows.stream().filter(x -> x[1] == 0).mapToDouble(x -> x[0]).average().orElse(Double.NaN)));
        });
        return new Result(start, end, truths.size(), List.copyOf(panelDates), panel.isEmpty() ? null : Backtest.report(panel), offsets,
                leadTime(truths, badSince, end), byProfile, history.skipped(),
                new GradeChurn(churn[0], churn[1], churn[2], churn[3]));
    }

    private Assessment assess(BuyerProfile profile, LocalDate day) {
        String buyerId = profile.buyerId;
        ScoreModel.CurrentGrade parent = profile.parentId == null ? null : currentGrades.get(profile.parentId);
        // the stability rule holds on to the grade the buyer got at its previous assessment in the replay
        Assessment a = model.assess(BuyerScorer.inputsOf(buyerId, profile, history.invoicesOf(buyerId), history.disputedInvoicesOf(buyerId),
                statements.getOrDefault(buyerId, List.of()), signals.getOrDefault(buyerId, List.of()), List.of(),
                parent == null ? null : parent.grade()), day, currentGrades.get(buyerId));
        currentGrades.put(buyerId, new ScoreModel.CurrentGrade(a.grade(), a.dataQuality()));
        return a;
    }

    private LeadTime leadTime(Map<String, Truth> truths, Map<String, LocalDate> badSince, LocalDate end) {
        int defaulters = 0;
        int never = 0;
        List<Integer> before = new ArrayList<>();
        List<Integer> sinceDecline = new ArrayList<>();
        for (Truth t : truths.values()) {
            if (t.defaultDate() == null) {
                continue;
            }
            defaulters++;
            LocalDate bad = badSince.get(t.buyerId());
            if (bad != null) {
                before.add((int) ChronoUnit.DAYS.between(bad, t.defaultDate()));
                if (t.deteriorationStart() != null) {
                    sinceDecline.add((int) ChronoUnit.DAYS.between(t.deteriorationStart(), bad));
                }
            } else if (t.defaultDate().isBefore(end)) {
                never++; // not at the bad grade on the day before its default
            }
        }
        before.sort(Integer::compare);
        return new LeadTime(defaulters, before.size(), never, median(before), before, median(sinceDecline),
                (int) sinceDecline.stream().filter(d -> d < 0).count());
    }

    private static Double median(List<Integer> values) {
        List<Integer> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? null
                : sorted.size() % 2 == 1 ? (double) sorted.get(sorted.size() / 2)
                        : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2.0;
    }

    private void apply(JsonNode record) throws IOException {
        String buyerId = record.path("buyerId").asText();
        JsonNode body = record.path("body");
        Instant at = Instant.parse(record.path("at").asText());
        switch (record.path("kind").asText()) {
            case "buyer" -> {
                BuyerProfile profile = profiles.computeIfAbsent(buyerId, b -> new BuyerProfile());
                profile.buyerId = buyerId;
                profile.name = body.path("name").asText();
                profile.country = body.path("country").asText();
                profile.industry = text(body, "industry");
                profile.parentId = text(body, "parentId");
                profile.segment = text(body, "segment");
                profile.registrationNumber = text(body, "registrationNumber");
                profile.relationshipStartDate = body.hasNonNull("relationshipStartDate") ? LocalDate.parse(body.path("relationshipStartDate").asText()) : null;
                if (profile.registeredAt == null) {
                    profile.registeredAt = at;
                }
                profile.updatedAt = at;
            }
            case "financial-statement" -> {
                FinancialStatement s = JSON.treeToValue(body, FinancialStatement.class);
                s.buyerId = buyerId;
                s.reportedAt = at;
                List<FinancialStatement> list = statements.computeIfAbsent(buyerId, b -> new ArrayList<>());
                list.removeIf(known -> known.periodEnd.equals(s.periodEnd)); // a restatement replaces the period
                list.add(s);
                list.sort((x, y) -> y.periodEnd.compareTo(x.periodEnd)); // most recent period first
            }
            case "risk-signal" -> {
                RiskSignal s = new RiskSignal();
                s.buyerId = buyerId;
                s.signal = body.path("signal").asText();
                s.observedOn = LocalDate.parse(body.path("observedOn").asText());
                s.severity = text(body, "severity"); // absent = MEDIUM in the model, as the service stores it
                s.description = text(body, "description");
                s.source = text(body, "source");
                s.reportedAt = at;
                List<RiskSignal> list = signals.computeIfAbsent(buyerId, b -> new ArrayList<>());
                list.add(s);
                list.sort((x, y) -> x.observedOn.compareTo(y.observedOn));
            }
            case "invoice" -> history.invoiceIssued(JSON.treeToValue(body, InvoiceIssued.class));
            case "payment" -> history.paymentReceived(JSON.treeToValue(body, PaymentReceived.class));
            case "credit-note" -> history.invoiceCredited(JSON.treeToValue(body, InvoiceCredited.class));
            case "dispute" -> history.invoiceDisputed(JSON.treeToValue(body, InvoiceDisputed.class));
            case "dispute-resolution" -> history.disputeResolved(buyerId, record.path("document").asText(),
                    LocalDate.parse(body.path("resolvedOn").asText()));
            default -> throw new IllegalArgumentException("unknown ledger record kind " + record.path("kind").asText());
        }
    }

    private static LocalDate date(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? null : LocalDate.parse(node.asText());
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.path(field).asText() : null;
    }

    /** The file, or its gzipped form (name.gz) as committed for the tests. */
    private static InputStream open(Path dir, String name) throws IOException {
        Path plain = dir.resolve(name);
        if (Files.exists(plain)) {
            return Files.newInputStream(plain);
        }
        return new GZIPInputStream(Files.newInputStream(dir.resolve(name + ".gz")));
    }
}
