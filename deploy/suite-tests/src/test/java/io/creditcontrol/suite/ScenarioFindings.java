package io.creditcontrol.suite;

import static java.time.temporal.ChronoUnit.DAYS;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.creditcontrol.simulator.GroundTruth;
import io.creditcontrol.simulator.GroundTruth.BuyerTruth;
import io.creditcontrol.simulator.LedgerRecord;
import io.creditcontrol.simulator.LedgerStats;
import io.creditcontrol.simulator.PaymentProfile;
import io.creditcontrol.simulator.PlacedOrder;

/**
 * What the suite did with a simulated ledger, judged against the ledger's ground truth: for every buyer that
 * defaulted, when it was first downgraded, alerted, had its limit cut and its orders held, and what it owed on the
 * day it stopped paying with and without the suite's decisions; for the healthy buyers, how many alerts they got;
 * for the receivables, whether dunning chased what was overdue and left alone what was paid or disputed.
 *
 * <p>Everything here is read from the outside: the ledger and ground truth the simulator wrote, the answers the
 * credit-check API gave the feeder, and the events the suite published on its topics.
 */
final class ScenarioFindings {

    static final Set<String> WARNING_OR_WORSE = Set.of("WARNING", "CRITICAL");
    /**
     * Rules about the seller's portfolio or the suite itself rather than the buyer's credit (a buyer owing a large share
     * of the receivables, a webhook endpoint switched off): counted apart, never as a warning about the buyer.
     */
    static final Set<String> PORTFOLIO_RULES = Set.of("CONCENTRATION", "WEBHOOK_ENDPOINT_DISABLED");
    /** The grade from which policy and the high-risk collection strategy treat a buyer as high risk. */
    static final int HIGH_RISK_GRADE = 8;
    /** Orders placed this many days before a default count as "just before the default". */
    static final int ORDER_WINDOW_DAYS = 60;

    /** One buyer that defaulted, and what the suite saw of it before the default. */
    record Defaulter(String buyerId, LocalDate deteriorationStart, LocalDate defaultDate, Integer gradeAtDecline,
            LocalDate firstDowngrade, LocalDate firstHighRiskGrade, Integer gradeBeforeDefault, LocalDate firstWarning,
            String firstWarningRule, LocalDate firstLimitCut, BigDecimal limitBeforeDefault, int ordersBeforeDefault, int ordersHeldBeforeDefault,
            BigDecimal exposureWithoutSuiteEur, BigDecimal exposureWithSuiteEur) {

        boolean downgradedBeforeDefault() {
            return firstDowngrade != null;
        }

        /** Rated high risk on the eve of its default: downgraded into grade 8 or worse, or rated so all along. */
        boolean highRiskBeforeDefault() {
            return firstHighRiskGrade != null;
        }

        Long highRiskLeadDays() {
            return firstHighRiskGrade == null ? null : DAYS.between(firstHighRiskGrade, defaultDate);
        }

        boolean warnedBeforeDefault() {
            return firstWarning != null;
        }

        /** Its limit was cut after the decline began, or it had no open-account credit (limit 0) when it last ordered. */
        boolean limitCutOrNoCredit() {
            return firstLimitCut != null || limitBeforeDefault != null && limitBeforeDefault.signum() == 0;
        }

        Long warningLeadDays() {
            return firstWarning == null ? null : DAYS.between(firstWarning, defaultDate);
        }

        Long downgradeLeadDays() {
            return firstDowngrade == null ? null : DAYS.between(firstDowngrade, defaultDate);
        }
    }

    /** A dunning step that should not have happened, or an overdue invoice that was never chased. */
    record DunningProblem(String invoiceNumber, String problem) {
    }

    final List<Defaulter> defaulters = new ArrayList<>();
    final Map<PaymentProfile, Integer> buyersByProfile = new TreeMap<>();
    /** Alerts that reached WARNING or CRITICAL, per profile of the buyer, and per rule for buyers that never defaulted. */
    final Map<PaymentProfile, Integer> warningAlertsByProfile = new TreeMap<>();
    final Map<PaymentProfile, Integer> buyersWarnedByProfile = new TreeMap<>();
    final Map<String, Integer> healthyWarningAlertsByRule = new TreeMap<>();
    final Map<String, Integer> promptWarningAlertsByRule = new TreeMap<>();
    /** WARNING or CRITICAL alerts of the portfolio rules, per rule. */
    final Map<String, Integer> portfolioAlertsByRule = new TreeMap<>();
    /** Reason codes of referred and blocked orders, per profile. */
    final Map<PaymentProfile, Map<String, Integer>> heldOrderReasonsByProfile = new TreeMap<>();
    /** Orders per profile and decision. */
    final Map<PaymentProfile, Map<String, Integer>> ordersByProfile = new TreeMap<>();
    final List<DunningProblem> dunningProblems = new ArrayList<>();
    final Map<String, Integer> dunningStepsByStep = new TreeMap<>();
    int dunningSteps;
    int overdueInvoicesChecked;
    int overdueInvoicesChased;
    int paidInvoicesChecked;
    int fullDisputesChecked;
    int fullDisputesOverdue;
    int partialDisputesChecked;

    private final Map<String, BuyerTruth> truthByBuyer = new HashMap<>();
    /** The ledger's length in years, to state alert rates per year. */
    final double years;

    ScenarioFindings(GroundTruth truth, List<LedgerRecord> ledger, List<PlacedOrder> orders, Map<String, List<JsonNode>> topics) {
        years = DAYS.between(truth.start(), truth.end()) / 365.25;
        truth.truths().forEach(t -> {
            truthByBuyer.put(t.buyerId(), t);
            buyersByProfile.merge(t.profile(), 1, Integer::sum);
        });
        Map<String, List<JsonNode>> scores = byBuyer(topics.get("credit.scores.v1"), "credit.score.changed");
        Map<String, List<JsonNode>> limits = byBuyer(topics.get("credit.limits.v1"), "credit.limit.changed");
        Map<String, List<Warning>> warnings = warnings(topics.get("credit.alerts.v1"));
        Map<String, List<PlacedOrder>> ordersByBuyer = new HashMap<>();
        for (PlacedOrder order : orders) {
            ordersByBuyer.computeIfAbsent(order.buyerId(), b -> new ArrayList<>()).add(order);
            PaymentProfile profile = truthByBuyer.get(order.buyerId()).profile();
            ordersByProfile.computeIfAbsent(profile, p -> new TreeMap<>()).merge(order.decision(), 1, Integer::sum);
            if (!order.shipped()) {
                order.reasonCodes().forEach(code -> heldOrderReasonsByProfile.computeIfAbsent(profile, p -> new TreeMap<>())
                        .merge(code, 1, Integer::sum));
            }
        }
        Map<String, Ledger> ledgers = Ledger.byBuyer(ledger);

        for (BuyerTruth t : truth.truths()) {
            List<Warning> buyerWarnings = warnings.getOrDefault(t.buyerId(), List.of());
            if (!buyerWarnings.isEmpty()) {
                warningAlertsByProfile.merge(t.profile(), buyerWarnings.size(), Integer::sum);
                buyersWarnedByProfile.merge(t.profile(), 1, Integer::sum);
            }
            if (!t.defaults()) {
                buyerWarnings.forEach(w -> healthyWarningAlertsByRule.merge(w.rule(), 1, Integer::sum));
                if (t.profile() == PaymentProfile.PROMPT) {
                    buyerWarnings.forEach(w -> promptWarningAlertsByRule.merge(w.rule(), 1, Integer::sum));
                }
                continue;
            }
            defaulters.add(defaulter(t, scores.getOrDefault(t.buyerId(), List.of()), limits.getOrDefault(t.buyerId(), List.of()),
                    buyerWarnings, ordersByBuyer.getOrDefault(t.buyerId(), List.of()),
                    ledgers.getOrDefault(t.buyerId(), new Ledger())));
        }
        judgeDunning(ledgers, events(topics.get("credit.collections.v1"), "credit.dunning.step-executed"));
    }

    // ------------------------------------------------------------------------------------------ defaulters

    private Defaulter defaulter(BuyerTruth t, List<JsonNode> scores, List<JsonNode> limits, List<Warning> warnings,
            List<PlacedOrder> orders, Ledger ledger) {
        LocalDate decline = t.deteriorationStart();
        LocalDate defaulted = t.defaultDate();
        Integer gradeAtDecline = null;
        LocalDate firstDowngrade = null;
        LocalDate firstHighRisk = null;
        Integer gradeBeforeDefault = null;
        for (JsonNode score : scores) {
            LocalDate on = date(score.path("data").path("assessedAt").asText());
            int grade = score.path("data").path("grade").asInt();
            if (!on.isBefore(defaulted)) {
                break;
            }
            gradeBeforeDefault = grade;
            if (grade >= HIGH_RISK_GRADE) {
                if (firstHighRisk == null) {
                    firstHighRisk = on;
                }
            } else {
                firstHighRisk = null;  // high risk since the last time it was graded better
            }
            if (on.isBefore(decline)) {
                gradeAtDecline = grade;
                continue;
            }
            if (gradeAtDecline == null) {
                gradeAtDecline = grade;  // first scored during the decline: its first grade is the reference
                continue;
            }
            if (firstDowngrade == null && grade > gradeAtDecline) {
                firstDowngrade = on;
            }
        }
        Warning firstWarning = warnings.stream()
                .filter(w -> !w.on().isBefore(decline) && w.on().isBefore(defaulted))
                .findFirst().orElse(null);
        LocalDate firstCut = null;
        for (JsonNode change : limits) {
            JsonNode data = change.path("data");
            LocalDate on = date(change.path("time").asText());
            if (on.isBefore(decline) || !on.isBefore(defaulted) || data.path("previousLimit").isMissingNode()
                    || data.path("previousLimit").isNull()) {
                continue;
            }
            if (new BigDecimal(data.path("limit").asText()).compareTo(new BigDecimal(data.path("previousLimit").asText())) < 0) {
                firstCut = on;
                break;
            }
        }
        int placed = 0;
        int held = 0;
        BigDecimal lastLimit = null;
        Set<String> heldInvoices = new HashSet<>();
        for (PlacedOrder order : orders) {
            if (!order.shipped()) {
                heldInvoices.add(order.invoiceNumber());
            }
            if (order.date().isBefore(defaulted) && order.limit() != null) {
                lastLimit = order.limit();
            }
            if (order.date().isBefore(defaulted) && !order.date().isBefore(defaulted.minusDays(ORDER_WINDOW_DAYS))) {
                placed++;
                held += order.shipped() ? 0 : 1;
            }
        }
        Map<String, BigDecimal> openAtDefault = ledger.openOn(defaulted);
        BigDecimal without = BigDecimal.ZERO;
        BigDecimal with = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> open : openAtDefault.entrySet()) {
            BigDecimal eur = open.getValue().multiply(LedgerStats.eurPerUnit(ledger.currency));
            without = without.add(eur);
            if (!heldInvoices.contains(open.getKey())) {
                with = with.add(eur);
            }
        }
        return new Defaulter(t.buyerId(), decline, defaulted, gradeAtDecline, firstDowngrade, firstHighRisk, gradeBeforeDefault,
                firstWarning == null ? null : firstWarning.on(), firstWarning == null ? null : firstWarning.rule(), firstCut, lastLimit, placed,
                held, without.setScale(2, RoundingMode.HALF_UP), with.setScale(2, RoundingMode.HALF_UP));
    }

    /** The first moment an alert of the buyer reached WARNING or CRITICAL (raised so, or raised in severity later). */
    record Warning(String alertId, String rule, LocalDate on) {
    }

    private Map<String, List<Warning>> warnings(List<JsonNode> alertEvents) {
        Map<String, Warning> byAlert = new LinkedHashMap<>();
        Set<String> portfolioAlerts = new HashSet<>();
        for (JsonNode event : alertEvents) {
            JsonNode data = event.path("data");
            if (!WARNING_OR_WORSE.contains(data.path("severity").asText()) || byAlert.containsKey(data.path("alertId").asText())) {
                continue;
            }
            if (PORTFOLIO_RULES.contains(data.path("rule").asText())) {
                if (portfolioAlerts.add(data.path("alertId").asText())) {
                    portfolioAlertsByRule.merge(data.path("rule").asText(), 1, Integer::sum);
                }
                continue;
            }
            String at = event.path("type").asText().equals("credit.alert.raised") ? data.path("raisedAt").asText() : event.path("time").asText();
            byAlert.put(data.path("alertId").asText(), new Warning(data.path("alertId").asText(), data.path("rule").asText(), date(at)));
        }
        Map<String, List<Warning>> byBuyer = new HashMap<>();
        Map<String, String> buyerOfAlert = new HashMap<>();
        for (JsonNode event : alertEvents) {
            buyerOfAlert.put(event.path("data").path("alertId").asText(), event.path("data").path("buyerId").asText());
        }
        for (Warning warning : byAlert.values()) {
            byBuyer.computeIfAbsent(buyerOfAlert.get(warning.alertId()), b -> new ArrayList<>()).add(warning);
        }
        byBuyer.values().forEach(list -> list.sort(Comparator.comparing(Warning::on)));
        return byBuyer;
    }

    // ------------------------------------------------------------------------------------------ dunning

    /**
     * Judges the dunning steps collections-service announced against the ledger:
     * <ul>
     * <li>no step was executed after the invoice was settled by payments allocated to it and credit notes (a payment
     * before a step cancels it; the step of the settling day itself ran at midnight, before the payment);</li>
     * <li>an invoice left wholly unpaid for more than a week after its due date, with no dispute or credit note, of a
     * buyer whose payments all carry remittance advice, was chased: a step from its due date on, within that week;</li>
     * <li>an invoice disputed in full was not chased while the dispute was open; one disputed in part was chased for at
     * most its undisputed amount;</li>
     * <li>no step was executed twice for the same invoice.</li>
     * </ul>
     */
    private void judgeDunning(Map<String, Ledger> ledgers, List<JsonNode> stepEvents) {
        Map<String, List<JsonNode>> stepsByInvoice = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode event : stepEvents) {
            JsonNode data = event.path("data");
            String invoice = data.path("invoiceNumber").asText();
            stepsByInvoice.computeIfAbsent(invoice, i -> new ArrayList<>()).add(data);
            dunningSteps++;
            dunningStepsByStep.merge(data.path("step").asText(), 1, Integer::sum);
            if (!seen.add(invoice + " " + data.path("step").asText())) {
                dunningProblems.add(new DunningProblem(invoice, "step " + data.path("step").asText() + " executed twice"));
            }
        }
        for (Ledger ledger : ledgers.values()) {
            for (Ledger.Invoice invoice : ledger.invoices.values()) {
                List<JsonNode> steps = stepsByInvoice.getOrDefault(invoice.number, List.of());
                LocalDate settled = invoice.settledOn();
                if (settled != null) {
                    paidInvoicesChecked++;
                    for (JsonNode step : steps) {
                        LocalDate executed = LocalDate.parse(step.path("executedOn").asText());
                        if (executed.isAfter(settled) && !"INSURER_DEADLINE".equals(step.path("cause").asText())) {
                            dunningProblems.add(new DunningProblem(invoice.number, "step " + step.path("step").asText() + " on " + executed
                                    + " after the invoice was settled on " + settled));
                        }
                    }
                }
                LocalDate chaseBy = invoice.dueDate.plusDays(7);
                boolean untouched = invoice.disputes.isEmpty() && invoice.credits.isEmpty() && !ledger.hasUnallocatedPayments
                        && invoice.firstPaymentOn().map(first -> first.isAfter(chaseBy)).orElse(true)
                        && chaseBy.isBefore(ledger.lastDay);
                if (untouched) {
                    overdueInvoicesChecked++;
                    boolean chased = steps.stream().anyMatch(step -> step.path("daysPastDue").asInt() >= 0
                            && !LocalDate.parse(step.path("executedOn").asText()).isAfter(chaseBy));
                    if (chased) {
                        overdueInvoicesChased++;
                    } else {
                        dunningProblems.add(new DunningProblem(invoice.number, "unpaid from its due date " + invoice.dueDate
                                + " to past " + chaseBy + " and not chased; steps: " + steps));
                    }
                }
                for (Ledger.Dispute dispute : invoice.disputes) {
                    LocalDate resolved = dispute.resolvedOn == null ? ledger.lastDay : dispute.resolvedOn;
                    boolean full = dispute.amount.compareTo(invoice.amount) >= 0;
                    if (full) {
                        fullDisputesChecked++;
                        if (dispute.openedOn.isAfter(invoice.dueDate.minusDays(5)) || resolved.isAfter(invoice.dueDate)) {
                            fullDisputesOverdue++;
                        }
                    } else {
                        partialDisputesChecked++;
                    }
                    for (JsonNode step : steps) {
                        LocalDate executed = LocalDate.parse(step.path("executedOn").asText());
                        if (!executed.isAfter(dispute.openedOn) || executed.isAfter(resolved)) {
                            continue;
                        }
                        BigDecimal undisputed = invoice.amount.subtract(dispute.amount);
                        BigDecimal chased = step.hasNonNull("chasedAmount") ? new BigDecimal(step.path("chasedAmount").asText()) : null;
                        if (full) {
                            dunningProblems.add(new DunningProblem(invoice.number, "step " + step.path("step").asText() + " on " + executed
                                    + " while the whole invoice was disputed (" + dispute.openedOn + " to " + resolved + ")"));
                        } else if (chased != null && chased.compareTo(undisputed) > 0) {
                            dunningProblems.add(new DunningProblem(invoice.number, "step " + step.path("step").asText() + " on " + executed
                                    + " chased " + chased + " while only " + undisputed + " was undisputed"));
                        }
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ the ledger, per buyer

    /** One buyer's invoices, payments, credit notes and disputes from the ledger, to know what was open when. */
    static final class Ledger {

        static final class Invoice {
            final String number;
            final BigDecimal amount;
            final LocalDate dueDate;
            final TreeMap<LocalDate, BigDecimal> payments = new TreeMap<>();
            final TreeMap<LocalDate, BigDecimal> credits = new TreeMap<>();
            final List<Dispute> disputes = new ArrayList<>();

            Invoice(String number, BigDecimal amount, LocalDate dueDate) {
                this.number = number;
                this.amount = amount;
                this.dueDate = dueDate;
            }

            /** The day payments allocated to it and credit notes first covered the whole amount; null if never. */
            LocalDate settledOn() {
                TreeMap<LocalDate, BigDecimal> reductions = new TreeMap<>(payments);
                credits.forEach((day, amount) -> reductions.merge(day, amount, BigDecimal::add));
                BigDecimal covered = BigDecimal.ZERO;
                for (Map.Entry<LocalDate, BigDecimal> reduction : reductions.entrySet()) {
                    covered = covered.add(reduction.getValue());
                    if (covered.compareTo(amount) >= 0) {
                        return reduction.getKey();
                    }
                }
                return null;
            }

            java.util.Optional<LocalDate> firstPaymentOn() {
                return payments.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(payments.firstKey());
            }
        }

        static final class Dispute {
            final BigDecimal amount;
            final LocalDate openedOn;
            LocalDate resolvedOn;

            Dispute(BigDecimal amount, LocalDate openedOn) {
                this.amount = amount;
                this.openedOn = openedOn;
            }
        }

        final Map<String, Invoice> invoices = new LinkedHashMap<>();
        /** Payments without remittance advice, by day (collections applies them to the oldest open items). */
        final TreeMap<LocalDate, BigDecimal> unallocated = new TreeMap<>();
        boolean hasUnallocatedPayments;
        String currency = "EUR";
        LocalDate lastDay = LocalDate.MIN;

        static Map<String, Ledger> byBuyer(List<LedgerRecord> records) {
            Map<String, Ledger> ledgers = new HashMap<>();
            Map<String, Dispute> disputes = new HashMap<>();
            LocalDate last = records.isEmpty() ? LocalDate.MIN : records.get(records.size() - 1).date();
            for (LedgerRecord record : records) {
                Ledger ledger = ledgers.computeIfAbsent(record.buyerId(), b -> new Ledger());
                ledger.lastDay = last;
                JsonNode body = record.body();
                switch (record.kind()) {
                    case INVOICE -> {
                        ledger.currency = body.path("currency").asText();
                        ledger.invoices.put(record.document(), new Invoice(record.document(), new BigDecimal(body.path("amount").asText()),
                                LocalDate.parse(body.path("dueDate").asText())));
                    }
                    case PAYMENT -> {
                        BigDecimal allocated = BigDecimal.ZERO;
                        for (JsonNode allocation : body.path("allocations")) {
                            BigDecimal amount = new BigDecimal(allocation.path("amount").asText());
                            allocated = allocated.add(amount);
                            Invoice invoice = ledger.invoices.get(allocation.path("invoiceNumber").asText());
                            if (invoice != null) {
                                invoice.payments.merge(record.date(), amount, BigDecimal::add);
                            }
                        }
                        BigDecimal rest = new BigDecimal(body.path("amount").asText()).subtract(allocated);
                        if (rest.signum() > 0) {
                            ledger.unallocated.merge(record.date(), rest, BigDecimal::add);
                            ledger.hasUnallocatedPayments = true;
                        }
                    }
                    case CREDIT_NOTE -> {
                        Invoice invoice = ledger.invoices.get(body.path("invoiceNumber").asText());
                        if (invoice != null) {
                            invoice.credits.merge(record.date(), new BigDecimal(body.path("amount").asText()), BigDecimal::add);
                        }
                    }
                    case DISPUTE -> {
                        Invoice invoice = ledger.invoices.get(body.path("invoiceNumber").asText());
                        Dispute dispute = new Dispute(new BigDecimal(body.path("amount").asText()), record.date());
                        disputes.put(record.document(), dispute);
                        if (invoice != null) {
                            invoice.disputes.add(dispute);
                        }
                    }
                    case DISPUTE_RESOLUTION -> {
                        Dispute dispute = disputes.get(record.document());
                        if (dispute != null) {
                            dispute.resolvedOn = record.date();
                        }
                    }
                    default -> {
                        // buyers, statements and signals do not move receivables
                    }
                }
            }
            return ledgers;
        }

        /**
         * What each invoice issued before the day still owed at the start of it: allocated payments and credit notes
         * before it deducted, and payments without remittance advice applied to the oldest open invoices (the rule
         * collections-service documents).
         */
        Map<String, BigDecimal> openOn(LocalDate day) {
            Map<String, BigDecimal> open = new LinkedHashMap<>();
            for (Invoice invoice : invoices.values()) {
                BigDecimal owed = invoice.amount;
                for (BigDecimal paid : invoice.payments.headMap(day).values()) {
                    owed = owed.subtract(paid);
                }
                for (BigDecimal credited : invoice.credits.headMap(day).values()) {
                    owed = owed.subtract(credited);
                }
                open.put(invoice.number, owed.max(BigDecimal.ZERO));
            }
            BigDecimal cash = unallocated.headMap(day).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            List<Invoice> oldestFirst = new ArrayList<>(invoices.values());
            oldestFirst.sort(Comparator.comparing((Invoice i) -> i.dueDate).thenComparing(i -> i.number));
            for (Invoice invoice : oldestFirst) {
                if (cash.signum() <= 0) {
                    break;
                }
                BigDecimal applied = cash.min(open.get(invoice.number));
                open.put(invoice.number, open.get(invoice.number).subtract(applied));
                cash = cash.subtract(applied);
            }
            open.values().removeIf(amount -> amount.signum() == 0);
            return open;
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static Map<String, List<JsonNode>> byBuyer(List<JsonNode> events, String type) {
        Map<String, List<JsonNode>> byBuyer = new HashMap<>();
        for (JsonNode event : events(events, type)) {
            byBuyer.computeIfAbsent(event.path("data").path("buyerId").asText(), b -> new ArrayList<>()).add(event);
        }
        return byBuyer;
    }

    private static List<JsonNode> events(List<JsonNode> events, String type) {
        return events == null ? List.of() : events.stream().filter(e -> type.equals(e.path("type").asText())).toList();
    }

    /** The UTC date of an RFC 3339 instant, or of a plain date. */
    static LocalDate date(String text) {
        return text.length() == 10 ? LocalDate.parse(text) : LocalDate.ofInstant(Instant.parse(text), ZoneOffset.UTC);
    }

    static Double median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }

    // ------------------------------------------------------------------------------------------ headline figures

    double shareWarned() {
        return share(defaulters.stream().filter(Defaulter::warnedBeforeDefault).count(), defaulters.size());
    }

    double shareDowngraded() {
        return share(defaulters.stream().filter(Defaulter::downgradedBeforeDefault).count(), defaulters.size());
    }

    /** Defaulters downgraded after their decline began or rated high risk (8 or worse) before their default. */
    double shareDowngradedOrHighRisk() {
        return share(defaulters.stream().filter(d -> d.downgradedBeforeDefault() || d.highRiskBeforeDefault()).count(), defaulters.size());
    }

    Double medianHighRiskLeadDays() {
        return median(defaulters.stream().map(Defaulter::highRiskLeadDays).filter(java.util.Objects::nonNull).toList());
    }

    double shareLimitCut() {
        return share(defaulters.stream().filter(Defaulter::limitCutOrNoCredit).count(), defaulters.size());
    }

    double shareWithOrdersHeld() {
        return share(defaulters.stream().filter(d -> d.ordersHeldBeforeDefault() > 0).count(),
                defaulters.stream().filter(d -> d.ordersBeforeDefault() > 0).count());
    }

    Double medianWarningLeadDays() {
        return median(defaulters.stream().map(Defaulter::warningLeadDays).filter(java.util.Objects::nonNull).toList());
    }

    Double medianDowngradeLeadDays() {
        return median(defaulters.stream().map(Defaulter::downgradeLeadDays).filter(java.util.Objects::nonNull).toList());
    }

    BigDecimal exposureAtDefaultWithoutSuite() {
        return defaulters.stream().map(Defaulter::exposureWithoutSuiteEur).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal exposureAtDefaultWithSuite() {
        return defaulters.stream().map(Defaulter::exposureWithSuiteEur).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** WARNING or CRITICAL alerts about the buyer's credit per 100 buyers of the profile and year. */
    double warningAlertsPer100(PaymentProfile profile) {
        return 100.0 * warningAlertsByProfile.getOrDefault(profile, 0) / Math.max(1, buyersByProfile.getOrDefault(profile, 0)) / years;
    }

    /** WARNING or CRITICAL alerts about the buyer's credit per 100 buyers that never defaulted and year. */
    double healthyWarningAlertsPer100() {
        int healthy = truthByBuyer.values().stream().mapToInt(t -> t.defaults() ? 0 : 1).sum();
        int alerts = healthyWarningAlertsByRule.values().stream().mapToInt(Integer::intValue).sum();
        return 100.0 * alerts / Math.max(1, healthy) / years;
    }

    double shareOfOrdersHeld(PaymentProfile profile) {
        Map<String, Integer> decisions = ordersByProfile.getOrDefault(profile, Map.of());
        int all = decisions.values().stream().mapToInt(Integer::intValue).sum();
        int held = decisions.getOrDefault("REFERRED", 0) + decisions.getOrDefault("BLOCKED", 0);
        return share(held, all);
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
