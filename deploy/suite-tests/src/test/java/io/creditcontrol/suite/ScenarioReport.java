package io.creditcontrol.suite;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.creditcontrol.simulator.Feeder;
import io.creditcontrol.simulator.LedgerGenerator;
import io.creditcontrol.simulator.PaymentProfile;
import io.creditcontrol.suite.AcceptanceScenarioIT.Sum;
import io.creditcontrol.suite.AcceptanceScenarioIT.Totals;
import io.creditcontrol.suite.ScenarioFindings.Defaulter;

/** The acceptance scenario's figures as Markdown (docs/results.md) and as a short summary for the build log. */
final class ScenarioReport {

    private final String command;
    private final int buyers;
    private final int months;
    private final long seed;
    private final LocalDate start;
    private final LedgerGenerator.Ledger ledger;
    private final Feeder.Report feed;
    private final ScenarioFindings findings;
    private final Map<String, Totals> ledgerTotals;
    private final Map<String, JsonNode> reconciliation;
    private final WebhookReceiver receiver;
    private final int alertEvents;
    private final Map<String, Integer> deadLetters;
    private final Duration feedTime;
    private final Duration settleTime;

    ScenarioReport(String command, int buyers, int months, long seed, LocalDate start, LedgerGenerator.Ledger ledger,
            Feeder.Report feed, ScenarioFindings findings, Map<String, Totals> ledgerTotals, Map<String, JsonNode> reconciliation,
            WebhookReceiver receiver, int alertEvents, Map<String, Integer> deadLetters, Duration feedTime, Duration settleTime) {
        this.command = command;
        this.buyers = buyers;
        this.months = months;
        this.seed = seed;
        this.start = start;
        this.ledger = ledger;
        this.feed = feed;
        this.findings = findings;
        this.ledgerTotals = ledgerTotals;
        this.reconciliation = reconciliation;
        this.receiver = receiver;
        this.alertEvents = alertEvents;
        this.deadLetters = deadLetters;
        this.feedTime = feedTime;
        this.settleTime = settleTime;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        int defaults = findings.defaulters.size();
        md.append("# Results: a simulated year of trade credit through the suite\n\n");
        md.append("Written by the acceptance scenario (`deploy/suite-tests/.../AcceptanceScenarioIT.java`) at the end of its run; do not\n")
                .append("edit by hand. Produced by:\n\n```sh\n").append(command).append("\n```\n\n");
        md.append(String.format(Locale.ROOT, "Run %s UTC on a machine with %d cores. Ledger: seed %d, %d buyers, %d months from %s, %,d records, "
                + "%d defaults. Feeding it day by day (clocks driven, an order placed through the credit check before every invoice) "
                + "took %s; the services had caught up %s later.%n%n",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
                Runtime.getRuntime().availableProcessors(), seed, buyers, months, start, ledger.records().size(), defaults,
                minutes(feedTime), minutes(settleTime)));
        md.append("How the scenario works, what each figure means and how to run it: [acceptance.md](acceptance.md).\n\n");

        md.append("## What the suite achieved\n\n| Figure | Value |\n|---|---|\n");
        row(md, "Buyers that defaulted (ground truth)", String.valueOf(defaults));
        row(md, "Warned before the default (a WARNING or CRITICAL alert after the decline began)",
                count(findings.defaulters.stream().filter(Defaulter::warnedBeforeDefault).count(), defaults));
        row(md, "Median lead time of that first warning", days(findings.medianWarningLeadDays()));
        row(md, "Downgraded before the default (a worse grade than at the start of the decline)",
                count(findings.defaulters.stream().filter(Defaulter::downgradedBeforeDefault).count(), defaults)
                        + ", median " + days(findings.medianDowngradeLeadDays()) + " ahead");
        row(md, "Rated " + ScenarioFindings.HIGH_RISK_GRADE + " or worse (high risk, no unsecured credit under the default policy) "
                + "on the eve of the default", count(findings.defaulters.stream().filter(Defaulter::highRiskBeforeDefault).count(), defaults)
                + ", median " + days(findings.medianHighRiskLeadDays()) + " ahead (some from their first statements on)");
        row(md, "Downgraded after the decline began, or rated high risk before the default",
                count(findings.defaulters.stream().filter(d -> d.downgradedBeforeDefault() || d.highRiskBeforeDefault()).count(), defaults));
        row(md, "Limit cut after the decline began, or no open-account credit (limit 0) at its last order before the default",
                count(findings.defaulters.stream().filter(Defaulter::limitCutOrNoCredit).count(), defaults));
        long withOrders = findings.defaulters.stream().filter(d -> d.ordersBeforeDefault() > 0).count();
        row(md, "Orders referred or blocked in the " + ScenarioFindings.ORDER_WINDOW_DAYS + " days before the default",
                count(findings.defaulters.stream().filter(d -> d.ordersHeldBeforeDefault() > 0).count(), withOrders)
                        + " of the defaulters that ordered; " + findings.defaulters.stream().mapToInt(Defaulter::ordersHeldBeforeDefault).sum()
                        + " of their " + findings.defaulters.stream().mapToInt(Defaulter::ordersBeforeDefault).sum() + " orders");
        BigDecimal without = findings.exposureAtDefaultWithoutSuite();
        BigDecimal with = findings.exposureAtDefaultWithSuite();
        row(md, "Exposure at default without the suite's decisions (all orders shipped)", eur(without));
        row(md, "Exposure at default with them (referred and blocked orders not shipped)", eur(with) + " ("
                + (without.signum() == 0 ? "-" : percent(without.subtract(with).doubleValue() / without.doubleValue())) + " avoided)");
        row(md, "False alerts: WARNING/CRITICAL alerts about the buyer's credit per 100 prompt payers a year",
                String.format(Locale.ROOT, "%.1f (%d of %d prompt payers got one)", findings.warningAlertsPer100(PaymentProfile.PROMPT),
                        findings.buyersWarnedByProfile.getOrDefault(PaymentProfile.PROMPT, 0),
                        findings.buyersByProfile.getOrDefault(PaymentProfile.PROMPT, 0)));
        row(md, "... per 100 buyers that never defaulted (all profiles) a year",
                String.format(Locale.ROOT, "%.1f", findings.healthyWarningAlertsPer100()));
        row(md, "Dunning", String.format(Locale.ROOT, "%,d steps; %d of %d long-unpaid invoices chased within a week of the due date; "
                + "%d problems (steps after settlement, during a full dispute, above the undisputed amount, or twice)",
                findings.dunningSteps, findings.overdueInvoicesChased, findings.overdueInvoicesChecked, findings.dunningProblems.size()));
        row(md, "Webhooks", String.format(Locale.ROOT, "%,d alert events, %,d accepted webhook ids, %,d requests, %d repeats of an "
                + "accepted id, %d with a bad signature", alertEvents, receiver.accepted.size(), receiver.received.size(), receiver.repeats(),
                receiver.rejected()));
        row(md, "Dead-lettered events", String.valueOf(deadLetters.values().stream().mapToInt(Integer::intValue).sum()));
        md.append('\n');

        md.append("## Each buyer that defaulted\n\n").append(defaultersTable()).append('\n');

        md.append("## Alerts by payment profile\n\nWARNING or CRITICAL alerts about the buyer's credit (each alert once, when it first "
                + "reached that severity; the portfolio rules are counted apart below).\n\n")
                .append("| Profile | Buyers | Alerts | Per 100 buyers a year | Buyers alerted |\n|---|---:|---:|---:|---:|\n");
        for (Map.Entry<PaymentProfile, Integer> profile : findings.buyersByProfile.entrySet()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %d |%n", profile.getKey(), profile.getValue(),
                    findings.warningAlertsByProfile.getOrDefault(profile.getKey(), 0), findings.warningAlertsPer100(profile.getKey()),
                    findings.buyersWarnedByProfile.getOrDefault(profile.getKey(), 0)));
        }
        md.append("\nBy rule, for the buyers that never defaulted: ").append(findings.healthyWarningAlertsByRule.isEmpty() ? "none"
                : findings.healthyWarningAlertsByRule.toString()).append("; for the prompt payers: ")
                .append(findings.promptWarningAlertsByRule.isEmpty() ? "none" : findings.promptWarningAlertsByRule.toString()).append(".\n\n")
                .append("Portfolio rules (WARNING or CRITICAL, any buyer): ").append(findings.portfolioAlertsByRule.isEmpty() ? "none"
                        : findings.portfolioAlertsByRule.toString()).append(".\n\n");

        md.append("## Credit checks by payment profile\n\n| Profile | Orders | Decisions | Referred or blocked | Reasons of the held orders |\n"
                + "|---|---:|---|---:|---|\n");
        for (Map.Entry<PaymentProfile, Map<String, Integer>> profile : findings.ordersByProfile.entrySet()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", profile.getKey(),
                    profile.getValue().values().stream().mapToInt(Integer::intValue).sum(), profile.getValue(),
                    percent(findings.shareOfOrdersHeld(profile.getKey())),
                    findings.heldOrderReasonsByProfile.getOrDefault(profile.getKey(), Map.of())));
        }
        md.append('\n');

        md.append("## Dunning\n\nSteps announced on `credit.collections.v1`: ").append(findings.dunningStepsByStep).append(".\n\n")
                .append(String.format(Locale.ROOT, "Judged: %,d settled invoices (no step after settlement), %d invoices unpaid for over a "
                        + "week past due (chased), %d invoices disputed in full (%d of them around or past their due date: not chased "
                        + "while disputed), %d disputed in part (chased for the undisputed amount only).%n%n",
                        findings.paidInvoicesChecked, findings.overdueInvoicesChecked, findings.fullDisputesChecked,
                        findings.fullDisputesOverdue, findings.partialDisputesChecked));
        if (!findings.dunningProblems.isEmpty()) {
            md.append("Problems (first 20):\n\n");
            findings.dunningProblems.stream().limit(20).forEach(p -> md.append("* ").append(p.invoiceNumber()).append(": ")
                    .append(p.problem()).append('\n'));
            md.append('\n');
        }

        md.append("## Reconciliation\n\nCounts and totals per currency in the ledger and as each service recorded them "
                + "(`GET /api/v1/reconciliation`).\n\n| Documents | Currency | Ledger |");
        reconciliation.keySet().forEach(service -> md.append(' ').append(service).append(" |"));
        md.append("\n|---|---|---:|");
        reconciliation.keySet().forEach(service -> md.append("---:|"));
        md.append('\n');
        for (Map.Entry<String, Totals> kind : ledgerTotals.entrySet()) {
            for (Map.Entry<String, Sum> currency : kind.getValue().byCurrency().entrySet()) {
                md.append("| ").append(kind.getKey()).append(" | ").append(currency.getKey()).append(" | ")
                        .append(sum(currency.getValue())).append(" |");
                for (JsonNode service : reconciliation.values()) {
                    String cell = "missing";
                    for (JsonNode row : service.path(kind.getKey())) {
                        if (row.path("currency").asText().equals(currency.getKey())) {
                            cell = sum(new Sum(row.path("count").asLong(), new BigDecimal(row.path("amount").asText())));
                        }
                    }
                    md.append(' ').append(cell).append(" |");
                }
                md.append('\n');
            }
        }
        md.append("\nFeed: ").append(feed.total(Feeder.Outcome.ACCEPTED)).append(" documents accepted, ")
                .append(feed.total(Feeder.Outcome.DUPLICATE)).append(" duplicates, ").append(feed.retries()).append(" retries, ")
                .append(feed.clockMoves()).append(" clock moves. Dead-letter topics: ").append(deadLetters).append(".\n");
        return md.toString();
    }

    String defaultersTable() {
        StringBuilder md = new StringBuilder("| Buyer | Decline | Default | Grade at decline -> before default | First downgrade | High risk since | "
                + "First warning (rule) | Lead days | Limit cut | Orders held / placed (60 d) | Exposure at default without / with the suite (EUR) |\n"
                + "|---|---|---|---|---|---|---|---:|---|---:|---|---:|\n");
        for (Defaulter d : findings.defaulters) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s -> %s | %s | %s | %s | %s | %s | %s | %d / %d | %s / %s |%n", d.buyerId(),
                    d.deteriorationStart(), d.defaultDate(), d.gradeAtDecline(), d.gradeBeforeDefault(), orDash(d.firstDowngrade()),
                    orDash(d.firstHighRiskGrade()),
                    d.firstWarning() == null ? "-" : d.firstWarning() + " (" + d.firstWarningRule() + ")",
                    d.warningLeadDays() == null ? "-" : d.warningLeadDays().toString(), orDash(d.firstLimitCut()),
                    d.limitBeforeDefault() == null ? "-" : plain(d.limitBeforeDefault()),
                    d.ordersHeldBeforeDefault(), d.ordersBeforeDefault(), plain(d.exposureWithoutSuiteEur()), plain(d.exposureWithSuiteEur())));
        }
        return md.toString();
    }

    void printSummary(PrintStream out) {
        int defaults = findings.defaulters.size();
        out.printf(Locale.ROOT, "Acceptance scenario: %d buyers, %d months, %d defaults; warned %s (median lead %s), downgraded %s, "
                + "downgraded or high risk %s, limit cut %s; exposure at default %s without / %s with the suite; %.1f WARNING+ alerts per 100 prompt payers a year; "
                + "%d dunning steps, %d problems; %d webhooks accepted, %d bad signatures; feed %s, settle %s%n",
                buyers, months, defaults, percent(findings.shareWarned()), days(findings.medianWarningLeadDays()),
                percent(findings.shareDowngraded()), percent(findings.shareDowngradedOrHighRisk()), percent(findings.shareLimitCut()), eur(findings.exposureAtDefaultWithoutSuite()),
                eur(findings.exposureAtDefaultWithSuite()), findings.warningAlertsPer100(PaymentProfile.PROMPT), findings.dunningSteps,
                findings.dunningProblems.size(), receiver.accepted.size(), receiver.rejected(), minutes(feedTime), minutes(settleTime));
    }

    private static void row(StringBuilder md, String figure, String value) {
        md.append("| ").append(figure).append(" | ").append(value).append(" |\n");
    }

    private static String count(long part, long whole) {
        return part + " of " + whole + (whole == 0 ? "" : " (" + percent((double) part / whole) + ")");
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    private static String days(Double days) {
        return days == null ? "-" : String.format(Locale.ROOT, "%.0f days", days);
    }

    private static String eur(BigDecimal amount) {
        return String.format(Locale.ROOT, "EUR %,.0f", amount.setScale(0, RoundingMode.HALF_UP));
    }

    private static String plain(BigDecimal amount) {
        return String.format(Locale.ROOT, "%,.0f", amount.setScale(0, RoundingMode.HALF_UP));
    }

    private static String sum(Sum sum) {
        return String.format(Locale.ROOT, "%,d / %,.2f", sum.count(), sum.amount());
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }

    private static String minutes(Duration duration) {
        return String.format(Locale.ROOT, "%d min %02d s", duration.toMinutes(), duration.toSecondsPart());
    }
}
