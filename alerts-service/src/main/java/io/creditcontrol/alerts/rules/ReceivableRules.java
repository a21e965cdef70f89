package io.creditcontrol.alerts.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.creditcontrol.alerts.alert.Alert;
import io.creditcontrol.alerts.alert.AlertOccurrence;
import io.creditcontrol.alerts.alert.AlertRule;
import io.creditcontrol.alerts.alert.Alerts;
import io.creditcontrol.alerts.alert.Alerts.Firing;
import io.creditcontrol.alerts.alert.Alerts.Occurrence;
import io.creditcontrol.alerts.alert.Severity;
import io.creditcontrol.alerts.buyers.Buyer;
import io.creditcontrol.alerts.receivables.Receivable;
import io.creditcontrol.alerts.rules.LatePaymentPredictor.PastInvoice;
import io.creditcontrol.alerts.rules.LatePaymentPredictor.Prediction;

/**
 * The rules that read a buyer's receivables: overdue beyond N days, predicted late payment, payment
 * cycle lengthening, limit utilisation, insurer deadlines, concentration, and the clearing of the
 * alerts bound to invoices (broken promise, escalation, predicted late, insurer deadline) once those
 * are settled. {@link #evaluate} runs after every invoice or payment event of the buyer and in the
 * scheduled evaluation, always with the buyer's row locked, so it raises what newly holds and
 * resolves what no longer does; evaluating the same facts twice changes nothing.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ReceivableRules {

    static final String OVERDUE_CAUSE = "OVERDUE";
    static final String PREDICTED_LATE_CAUSE = "PREDICTED_LATE";
    static final String UTILISATION_CAUSE = "UTILISATION";
    static final String INSURER_DEADLINE_CAUSE = "INSURER_DEADLINE";
    static final String GROUP_PREFIX = "GROUP:";

    private final Alerts alerts;
    private final AlertRulesConfig config;
    private final Clock clock;
    private final EntityManager em;

    ReceivableRules(Alerts alerts, AlertRulesConfig config, Clock clock, EntityManager em) {
        this.alerts = alerts;
        this.config = config;
        this.clock = clock;
        this.em = em;
    }

    /** Every receivables rule for one buyer, as of today. The caller holds the buyer's lock. */
    public void evaluate(String buyerId) {
        LocalDate today = LocalDate.now(clock);
        List<Receivable> items = Receivable.ofBuyer(buyerId);
        overdue(buyerId, items, today);
        predictedLatePayment(buyerId, items, today);
        paymentCycle(buyerId, items, today);
        limitUtilisation(buyerId, items);
        insurerDeadlines(buyerId, items, today);
        clearSettledInvoiceAlerts(buyerId, items, today);
        concentration(buyerId);
    }

    // --- overdue beyond N days -------------------------------------------------------------------

    void overdue(String buyerId, List<Receivable> items, LocalDate today) {
        AlertRulesConfig.Overdue rule = config.overdue();
        List<Receivable> late = items.stream()
                .filter(r -> chased(r) && r.daysOverdueOn(today) > rule.days())
                .sorted(Comparator.comparing((Receivable r) -> r.dueDate).thenComparing(r -> r.invoiceNumber))
                .toList();
        if (late.isEmpty()) {
            alerts.clear(buyerId, AlertRule.OVERDUE, OVERDUE_CAUSE, "nothing is overdue more than " + rule.days() + " days any more");
            return;
        }
        long oldest = late.get(0).daysOverdueOn(today);
        Severity severity = oldest > rule.criticalDays() ? rule.criticalSeverity() : rule.severity();
        String summary = "%d invoice(s) more than %d days overdue (%s), the oldest %d days"
                .formatted(late.size(), rule.days(), amountsPerCurrency(late), oldest);
        alerts.fire(Firing.of(buyerId, AlertRule.OVERDUE, OVERDUE_CAUSE, severity, summary,
                late.stream().map(r -> Occurrence.invoice(r.invoiceNumber)).toList()));
    }

    // --- predicted late payment --------------------------------------------------------------------

    void predictedLatePayment(String buyerId, List<Receivable> items, LocalDate today) {
        AlertRulesConfig.PredictedLate rule = config.predictedLate();
        LocalDate horizon = today.plusDays(rule.lookaheadDays());
        List<Receivable> comingDue = items.stream()
                .filter(r -> chased(r) && !r.dueDate.isBefore(today) && !r.dueDate.isAfter(horizon))
                .sorted(Comparator.comparing((Receivable r) -> r.dueDate).thenComparing(r -> r.invoiceNumber))
                .toList();
        if (comingDue.isEmpty()) {
            return;
        }
        Prediction prediction = predictor().predict(history(items), today);
        if (!prediction.likelyLate(rule.probabilityThreshold(), rule.minimumHistory())) {
            return;
        }
        String invoices = comingDue.stream().map(r -> r.invoiceNumber + " due " + r.dueDate).collect(Collectors.joining(", "));
        String summary = "Likely to be paid late: %s (%s); %d of the last %d invoices were paid late or are overdue, weighted probability %s"
                .formatted(invoices, amountsPerCurrency(comingDue), prediction.late(), prediction.observations(),
                        BigDecimal.valueOf(prediction.probability()).setScale(2, RoundingMode.HALF_UP).toPlainString());
        alerts.fire(Firing.of(buyerId, AlertRule.PREDICTED_LATE_PAYMENT, PREDICTED_LATE_CAUSE, rule.severity(), summary,
                comingDue.stream().map(r -> Occurrence.invoice(r.invoiceNumber)).toList()));
    }

    LatePaymentPredictor predictor() {
        AlertRulesConfig.PredictedLate rule = config.predictedLate();
        return new LatePaymentPredictor(rule.graceDays(), rule.historyDays(), rule.halfLifeDays());
    }

    static List<PastInvoice> history(List<Receivable> items) {
        return items.stream().map(r -> new PastInvoice(r.dueDate, r.isOpen() ? null : r.settledOn)).toList();
    }

    // --- payment cycle lengthening ----------------------------------------------------------------------

    /**
     * Per currency (amounts of different currencies are never weighed against each other): days
     * beyond terms of the invoices paid in the recent window against those paid in the history
     * window before it, each weighted by the amount paid.
     */
    void paymentCycle(String buyerId, List<Receivable> items, LocalDate today) {
        AlertRulesConfig.PaymentCycle rule = config.paymentCycle();
        LocalDate recentFrom = today.minusDays(rule.recentDays());
        LocalDate historyFrom = recentFrom.minusDays(rule.historyDays());
        Map<String, List<Receivable>> paidByCurrency = items.stream()
                .filter(r -> r.settledOn != null && !r.isOpen() && r.paidAmount.signum() > 0)
                .collect(Collectors.groupingBy(r -> r.currency, TreeMap::new, Collectors.toList()));
        for (Map.Entry<String, List<Receivable>> entry : paidByCurrency.entrySet()) {
            String currency = entry.getKey();
            List<Receivable> recent = entry.getValue().stream()
                    .filter(r -> r.settledOn.isAfter(recentFrom) && !r.settledOn.isAfter(today)).toList();
            List<Receivable> earlier = entry.getValue().stream()
                    .filter(r -> r.settledOn.isAfter(historyFrom) && !r.settledOn.isAfter(recentFrom)).toList();
            if (recent.size() < rule.minimumInvoices() || earlier.size() < rule.minimumInvoices()) {
                continue;
            }
            BigDecimal recentDbt = daysBeyondTerms(recent);
            BigDecimal earlierDbt = daysBeyondTerms(earlier);
            BigDecimal rise = recentDbt.subtract(earlierDbt);
            if (rise.compareTo(BigDecimal.valueOf(rule.thresholdDays())) > 0) {
                Receivable latest = recent.stream()
                        .max(Comparator.comparing((Receivable r) -> r.settledOn).thenComparing(r -> r.id)).orElseThrow();
                String summary = "Payment cycle lengthening in %s: days beyond terms %s over the last %d days against %s before (+%s days)"
                        .formatted(currency, recentDbt.toPlainString(), rule.recentDays(), earlierDbt.toPlainString(), rise.toPlainString());
                alerts.fire(Firing.of(buyerId, AlertRule.PAYMENT_CYCLE_LENGTHENING, currency, rule.severity(), summary,
                        Occurrence.of("settled:" + latest.invoiceNumber)));
            } else {
                alerts.clear(buyerId, AlertRule.PAYMENT_CYCLE_LENGTHENING, currency,
                        "days beyond terms " + recentDbt.toPlainString() + " against " + earlierDbt.toPlainString() + " before");
            }
        }
    }

    /** Amount-weighted days paid after the due date (paid early or on time counts as 0), 1 decimal. */
    public static BigDecimal daysBeyondTerms(List<Receivable> paid) {
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        for (Receivable r : paid) {
            long late = Math.max(0, ChronoUnit.DAYS.between(r.dueDate, r.settledOn));
            weighted = weighted.add(r.paidAmount.multiply(BigDecimal.valueOf(late)));
            total = total.add(r.paidAmount);
        }
        return total.signum() == 0 ? BigDecimal.ZERO.setScale(1) : weighted.divide(total, 1, RoundingMode.HALF_UP);
    }

    // --- limit utilisation -----------------------------------------------------------------------------

    /** Open receivables in the limit's currency against the limit (this service's view of exposure). */
    public void limitUtilisation(String buyerId, List<Receivable> items) {
        AlertRulesConfig.LimitUtilisation rule = config.limitUtilisation();
        BuyerCreditLimit limit = BuyerCreditLimit.findById(buyerId);
        if (limit == null) {
            return;
        }
        BigDecimal open = items.stream().filter(r -> r.currency.equals(limit.currency))
                .map(r -> r.openAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        boolean above = limit.limit.signum() == 0 ? open.signum() > 0 : open.compareTo(limit.limit.multiply(rule.threshold())) > 0;
        if (!above) {
            alerts.clear(buyerId, AlertRule.LIMIT_UTILISATION, UTILISATION_CAUSE,
                    "open receivables " + open.toPlainString() + " " + limit.currency + " within the limit's threshold");
            return;
        }
        boolean overLimit = open.compareTo(limit.limit) > 0;
        String share = limit.limit.signum() == 0 ? "no limit"
                : open.multiply(BigDecimal.valueOf(100)).divide(limit.limit, 1, RoundingMode.HALF_UP).toPlainString() + " %";
        String summary = "Open receivables %s %s use %s of the %s %s credit limit (threshold %s %%)"
                .formatted(open.toPlainString(), limit.currency, share, limit.limit.toPlainString(), limit.currency,
                        rule.threshold().multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString());
        alerts.fire(Firing.of(buyerId, AlertRule.LIMIT_UTILISATION, UTILISATION_CAUSE,
                overLimit ? rule.overLimitSeverity() : rule.severity(), summary, Occurrence.of("limit:" + limit.currency)));
    }

    // --- insurer deadline approaching --------------------------------------------------------------------

    void insurerDeadlines(String buyerId, List<Receivable> items, LocalDate today) {
        AlertRulesConfig.InsurerDeadline rule = config.insurerDeadline();
        List<InsurerDeadline> close = new ArrayList<>();
        for (InsurerDeadline deadline : InsurerDeadline.ofBuyer(buyerId)) {
            Receivable item = find(items, deadline.invoiceNumber);
            boolean settled = item != null && !item.isOpen();
            if (!settled && ChronoUnit.DAYS.between(today, deadline.dueBy) <= rule.warningDays()) {
                close.add(deadline);
            }
        }
        if (close.isEmpty()) {
            return;
        }
        InsurerDeadline first = close.get(0);
        long daysLeft = ChronoUnit.DAYS.between(today, first.dueBy);
        Severity severity = daysLeft <= rule.criticalDays() ? rule.criticalSeverity() : rule.severity();
        String when = daysLeft < 0 ? "passed " + (-daysLeft) + " day(s) ago" : daysLeft + " day(s) left";
        String summary = "Default on invoice %s must be reported to the credit insurer by %s (%s)%s"
                .formatted(first.invoiceNumber, first.dueBy, when, close.size() > 1 ? "; " + (close.size() - 1) + " more invoice(s)" : "");
        alerts.fire(Firing.of(buyerId, AlertRule.INSURER_DEADLINE, INSURER_DEADLINE_CAUSE, severity, summary,
                close.stream().map(d -> Occurrence.invoice(d.invoiceNumber)).toList()));
    }

    // --- clearing alerts bound to invoices -------------------------------------------------------------

    /**
     * Predicted late payment, escalation, insurer deadline and broken promise are resolved when
     * every invoice they were raised for is settled (paid, credited or written off); a broken
     * promise that named no invoice is resolved when nothing of the buyer is overdue any more.
     */
    void clearSettledInvoiceAlerts(String buyerId, List<Receivable> items, LocalDate today) {
        boolean anythingOverdue = items.stream().anyMatch(r -> r.isOverdueOn(today));
        for (AlertRule rule : List.of(AlertRule.PREDICTED_LATE_PAYMENT, AlertRule.ESCALATION, AlertRule.INSURER_DEADLINE,
                AlertRule.BROKEN_PROMISE)) {
            for (Alert alert : Alert.unresolvedOf(buyerId, rule)) {
                boolean cleared = true;
                for (AlertOccurrence occurrence : AlertOccurrence.of(alert.alertId)) {
                    if (occurrence.invoiceNumber == null) {
                        cleared &= !anythingOverdue && !items.isEmpty();
                    } else {
                        Receivable item = find(items, occurrence.invoiceNumber);
                        cleared &= item != null && !item.isOpen();
                    }
                }
                if (cleared) {
                    alerts.clear(alert, rule == AlertRule.BROKEN_PROMISE ? "nothing the promises were about is overdue any more"
                            : "the invoice(s) it was raised for are settled");
                }
            }
        }
    }

    // --- concentration --------------------------------------------------------------------------------

    /**
     * The buyer's share, and its group's (its parent and the parent's other subsidiaries), of each
     * currency's open receivables. A group alert is filed under the parent's id.
     */
    public void concentration(String buyerId) {
        shareOf(buyerId, false);
        Buyer buyer = Buyer.findById(buyerId);
        String group = buyer != null && buyer.parentId != null ? buyer.parentId : hasSubsidiaries(buyerId) ? buyerId : null;
        if (group != null) {
            shareOf(group, true);
        }
    }

    private void shareOf(String subject, boolean group) {
        AlertRulesConfig.Concentration rule = config.concentration();
        String prefix = group ? GROUP_PREFIX : "";
        String members = group ? "(buyer_id = ?1 OR buyer_id IN (SELECT buyer_id FROM buyer WHERE parent_id = ?1))" : "buyer_id = ?1";
        TreeSet<String> currencies = new TreeSet<>();
        for (Object currency : em.createNativeQuery("SELECT DISTINCT currency FROM receivable WHERE open_amount > 0 AND " + members)
                .setParameter(1, subject).getResultList()) {
            currencies.add((String) currency);
        }
        for (Alert alert : Alert.unresolvedOf(subject, AlertRule.CONCENTRATION)) {
            if (alert.causeKey.startsWith(prefix) && alert.causeKey.length() == prefix.length() + 3) {
                currencies.add(alert.causeKey.substring(prefix.length()));
            }
        }
        for (String currency : currencies) {
            Object[] portfolio = (Object[]) em.createNativeQuery(
                    "SELECT COALESCE(SUM(open_amount), 0), COUNT(DISTINCT buyer_id) FROM receivable WHERE open_amount > 0 AND currency = ?1")
                    .setParameter(1, currency).getSingleResult();
            BigDecimal total = new BigDecimal(portfolio[0].toString());
            long buyers = ((Number) portfolio[1]).longValue();
            BigDecimal owed = new BigDecimal(em.createNativeQuery(
                    "SELECT COALESCE(SUM(open_amount), 0) FROM receivable WHERE open_amount > 0 AND currency = ?2 AND " + members)
                    .setParameter(1, subject).setParameter(2, currency).getSingleResult().toString());
            BigDecimal share = total.signum() == 0 ? BigDecimal.ZERO : owed.divide(total, 4, RoundingMode.HALF_UP);
            String cause = prefix + currency;
            if (buyers >= rule.minimumBuyers() && share.compareTo(rule.maximumShare()) > 0) {
                String summary = "%s owes %s %s, %s %% of the portfolio's %s %s open receivables (maximum %s %%)"
                        .formatted(group ? "Group " + subject : "Buyer " + subject, owed.toPlainString(), currency,
                                percent(share), total.toPlainString(), currency, percent(rule.maximumShare()));
                alerts.fire(Firing.of(subject, AlertRule.CONCENTRATION, cause, rule.severity(), summary, Occurrence.of(cause)));
            } else {
                alerts.clear(subject, AlertRule.CONCENTRATION, cause, "share of " + currency + " receivables now " + percent(share) + " %");
            }
        }
    }

    private boolean hasSubsidiaries(String buyerId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM buyer WHERE parent_id = ?1")
                .setParameter(1, buyerId).getSingleResult()).longValue() > 0;
    }

    // --- helpers ----------------------------------------------------------------------------------------

    /** Open and not entirely disputed: the disputed part is not chased until the dispute is resolved. */
    private static boolean chased(Receivable r) {
        return r.isOpen() && r.openAmount.compareTo(r.disputedAmount) > 0;
    }

    private static Receivable find(List<Receivable> items, String invoiceNumber) {
        return items.stream().filter(r -> r.invoiceNumber.equals(invoiceNumber)).findFirst().orElse(null);
    }

    private static String amountsPerCurrency(List<Receivable> items) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        items.forEach(r -> sums.merge(r.currency, r.openAmount, BigDecimal::add));
        return sums.entrySet().stream().map(e -> e.getValue().toPlainString() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    private static String percent(BigDecimal fraction) {
        return fraction.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }
}
