package io.creditcontrol.alerts.rules;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import io.creditcontrol.alerts.alert.Alert;
import io.creditcontrol.alerts.alert.AlertRule;
import io.creditcontrol.alerts.alert.Alerts;
import io.creditcontrol.alerts.alert.Alerts.Firing;
import io.creditcontrol.alerts.alert.Alerts.Occurrence;
import io.creditcontrol.alerts.alert.Severity;
import io.creditcontrol.alerts.buyers.Buyer;
import io.creditcontrol.alerts.messaging.events.BuyerEvents.RiskSignalReported;
import io.creditcontrol.alerts.messaging.events.CollectionsEvents;
import io.creditcontrol.alerts.messaging.events.CollectionsEvents.DunningStepExecuted;
import io.creditcontrol.alerts.messaging.events.CollectionsEvents.PromiseBroken;
import io.creditcontrol.alerts.messaging.events.LimitEvents.Decision;
import io.creditcontrol.alerts.messaging.events.LimitEvents.LimitChanged;
import io.creditcontrol.alerts.messaging.events.LimitEvents.OrderDecided;
import io.creditcontrol.alerts.messaging.events.ScoreEvents.ScoreChanged;
import io.creditcontrol.alerts.receivables.Receivable;
import io.creditcontrol.alerts.webhook.WebhookEndpointDisabled;

/**
 * The rules fired by one event: grade downgrade, limit cut, order blocked, broken promise,
 * escalation to legal or the insurer, insurer deadlines (recorded here, watched by
 * {@link ReceivableRules}), risk signals and the operational alert of a disabled webhook endpoint.
 * Each runs in the transaction that applies the event, after locking the buyer.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class EventRules {

    static final String GRADE_CAUSE = "GRADE";
    static final String LIMIT_CUT_CAUSE = "LIMIT_CUT";
    static final String ORDER_BLOCKED_CAUSE = "ORDER_BLOCKED";
    static final String BROKEN_PROMISE_CAUSE = "BROKEN_PROMISE";
    static final String ESCALATION_CAUSE = "ESCALATION";
    static final Set<Decision> APPROVALS = Set.of(Decision.APPROVED, Decision.APPROVED_WITH_CONDITIONS);

    private final Alerts alerts;
    private final AlertRulesConfig config;
    private final ReceivableRules receivableRules;

    EventRules(Alerts alerts, AlertRulesConfig config, ReceivableRules receivableRules) {
        this.alerts = alerts;
        this.config = config;
        this.receivableRules = receivableRules;
    }

    /**
     * Fires on a downgrade by at least N grades, or into the bad grade (or worse) from a better one.
     * Resolved when a later assessment is back below the bad grade and no worse than the grade the
     * buyer had before the downgrade.
     */
    public void scoreChanged(ScoreChanged score, String eventId) {
        Buyer.lockForUpdate(score.buyerId());
        AlertRulesConfig.GradeDowngrade rule = config.gradeDowngrade();
        BuyerGrade stored = BuyerGrade.findById(score.buyerId());
        Integer previous = score.previousGrade() != null ? score.previousGrade() : stored == null ? null : stored.grade;
        if (stored == null) {
            stored = new BuyerGrade();
            stored.buyerId = score.buyerId();
        }
        stored.grade = score.grade();
        stored.probabilityOfDefault = score.probabilityOfDefault();
        stored.assessedAt = score.assessedAt();
        stored.persist();

        int grade = score.grade();
        boolean intoBadGrade = grade >= rule.badGrade() && (previous == null || previous < rule.badGrade());
        boolean steps = previous != null && grade - previous >= rule.minimumSteps();
        if (intoBadGrade || steps) {
            Severity severity = intoBadGrade ? rule.badGradeSeverity().atLeast(steps ? rule.severity() : null) : rule.severity();
            String reason = score.reasons().isEmpty() ? "" : "; main reason: " + score.reasons().get(0).description();
            String summary = "Grade %s -> %d (probability of default %s)%s"
                    .formatted(previous == null ? "none" : previous.toString(), grade, score.probabilityOfDefault().toPlainString(), reason);
            alerts.fire(Firing.of(score.buyerId(), AlertRule.GRADE_DOWNGRADE, GRADE_CAUSE, severity, summary, Occurrence.of("score:" + eventId))
                    .withBaseline(previous == null ? null : previous.toString()));
            return;
        }
        Alert open = Alert.unresolved(score.buyerId(), AlertRule.GRADE_DOWNGRADE, GRADE_CAUSE);
        if (open != null && grade < rule.badGrade() && (open.baseline == null || grade <= Integer.parseInt(open.baseline))) {
            alerts.clear(open, "grade back to " + grade);
        }
    }

    /**
     * Fires when the limit is cut by at least the configured fraction of the previous one; resolved
     * when a later limit in the same currency is back to at least the limit before the cut. Every
     * limit change is also re-checked for utilisation.
     */
    public void limitChanged(LimitChanged changed, String eventId) {
        Buyer.lockForUpdate(changed.buyerId());
        AlertRulesConfig.LimitCut rule = config.limitCut();
        BuyerCreditLimit limit = BuyerCreditLimit.findById(changed.buyerId());
        if (limit == null) {
            limit = new BuyerCreditLimit();
            limit.buyerId = changed.buyerId();
            limit.limit = changed.limit();
            limit.currency = changed.currency();
            limit.persist();
        }
        BigDecimal previous = changed.previousLimit() != null ? changed.previousLimit()
                : limit.currency.equals(changed.currency()) ? limit.limit : null;
        limit.limit = changed.limit();
        limit.currency = changed.currency();
        limit.effectiveFrom = changed.effectiveFrom();

        BigDecimal floor = previous == null ? null : previous.multiply(BigDecimal.ONE.subtract(rule.minimumCut()));
        if (previous != null && previous.signum() > 0 && changed.limit().compareTo(previous) < 0 && changed.limit().compareTo(floor) <= 0) {
            String summary = "Credit limit cut from %s to %s %s: %s".formatted(previous.toPlainString(), changed.limit().toPlainString(),
                    changed.currency(), changed.reason());
            alerts.fire(Firing.of(changed.buyerId(), AlertRule.LIMIT_CUT, LIMIT_CUT_CAUSE, rule.severity(), summary,
                    Occurrence.of("limit:" + eventId)).withBaseline(previous.toPlainString() + " " + changed.currency()));
        } else {
            Alert open = Alert.unresolved(changed.buyerId(), AlertRule.LIMIT_CUT, LIMIT_CUT_CAUSE);
            if (open != null && open.baseline != null) {
                String[] baseline = open.baseline.split(" ");
                if (baseline[1].equals(changed.currency()) && changed.limit().compareTo(new BigDecimal(baseline[0])) >= 0) {
                    alerts.clear(open, "limit back to " + changed.limit().toPlainString() + " " + changed.currency());
                }
            }
        }
        receivableRules.limitUtilisation(changed.buyerId(), Receivable.ofBuyer(changed.buyerId()));
    }

    /** Fires for every order decided with a configured decision (BLOCKED); resolved when an order is approved again. */
    public void orderDecided(OrderDecided order) {
        Buyer.lockForUpdate(order.buyerId());
        AlertRulesConfig.OrderBlocked rule = config.orderBlocked();
        if (rule.decisions().contains(order.decision().name())) {
            String summary = "Order %s of %s %s %s (%s)".formatted(order.orderReference(), order.amount().toPlainString(), order.currency(),
                    order.decision().name().toLowerCase().replace('_', ' '),
                    order.reasonCodes().isEmpty() ? "no reason given" : String.join(", ", order.reasonCodes()));
            alerts.fire(Firing.of(order.buyerId(), AlertRule.ORDER_BLOCKED, ORDER_BLOCKED_CAUSE, rule.severity(), summary,
                    Occurrence.of("order:" + order.orderReference())));
        } else if (APPROVALS.contains(order.decision())) {
            alerts.clear(order.buyerId(), AlertRule.ORDER_BLOCKED, ORDER_BLOCKED_CAUSE,
                    "order " + order.orderReference() + " was approved");
        }
    }

    /** Every broken promise counts; resolved when its invoice is settled (or, naming none, nothing is overdue). */
    public void promiseBroken(PromiseBroken promise) {
        Buyer.lockForUpdate(promise.buyerId());
        String summary = "Promise %s to pay %s %s by %s was broken%s".formatted(promise.promiseId(), promise.amount().toPlainString(),
                promise.currency(), promise.promisedDate(), promise.invoiceNumber() == null ? "" : " (invoice " + promise.invoiceNumber() + ")");
        alerts.fire(Firing.of(promise.buyerId(), AlertRule.BROKEN_PROMISE, BROKEN_PROMISE_CAUSE, config.brokenPromise().severity(), summary,
                new Occurrence("promise:" + promise.promiseId(), promise.invoiceNumber())));
    }

    /**
     * A dunning step whose action (or step) is an escalation to legal or the insurer fires; an
     * insurer deadline is recorded and watched until the invoice is settled.
     */
    public void dunningStepExecuted(DunningStepExecuted step) {
        Buyer.lockForUpdate(step.buyerId());
        List<String> escalations = config.escalation().actions();
        if (escalations.contains(step.action()) || escalations.contains(step.step())) {
            String summary = "Invoice %s escalated: %s (%s) on %s, %d days past due".formatted(step.invoiceNumber(), step.action(),
                    step.step(), step.executedOn(), step.daysPastDue());
            alerts.fire(Firing.of(step.buyerId(), AlertRule.ESCALATION, ESCALATION_CAUSE, config.escalation().severity(), summary,
                    new Occurrence("escalation:" + step.invoiceNumber() + ":" + step.action(), step.invoiceNumber())));
        }
        boolean insurerDeadline = step.cause() == CollectionsEvents.Cause.INSURER_DEADLINE || "INSURER_DEADLINE".equals(step.step());
        if (insurerDeadline && step.dueBy() != null) {
            InsurerDeadline deadline = InsurerDeadline.of(step.buyerId(), step.invoiceNumber());
            if (deadline == null) {
                deadline = new InsurerDeadline();
                deadline.buyerId = step.buyerId();
                deadline.invoiceNumber = step.invoiceNumber();
                deadline.dueBy = step.dueBy();
                deadline.persist();
            }
            deadline.dueBy = step.dueBy();
            receivableRules.evaluate(step.buyerId());
        }
    }

    /** A reported signal raises an alert of the severity configured for it; signals not configured raise none. */
    public void riskSignalReported(RiskSignalReported reported, String eventId) {
        Severity severity = config.riskSignals().severities().get(reported.signal().name());
        if (severity == null) {
            return;
        }
        Buyer.lockForUpdate(reported.buyerId());
        String summary = "%s observed %s%s%s".formatted(reported.signal().name().replace('_', ' ').toLowerCase(), reported.observedOn(),
                reported.source() == null ? "" : " (" + reported.source() + ")",
                reported.description() == null ? "" : ": " + reported.description());
        alerts.fire(Firing.of(reported.buyerId(), AlertRule.RISK_SIGNAL, reported.signal().name(), severity,
                Character.toUpperCase(summary.charAt(0)) + summary.substring(1), Occurrence.of("signal:" + eventId)));
    }

    /**
     * Webhook delivery disabled an endpoint that kept failing: an operational alert (filed under
     * the operations subject, not a buyer) says so, in the transaction that disabled it. The target
     * is shown without its query string, which may carry a token.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    void webhookEndpointDisabled(@Observes WebhookEndpointDisabled disabled) {
        String target = withoutQuery(disabled.targetUrl());
        String summary = "Webhook endpoint %s (subscription %s) was disabled: failing since %s%s".formatted(target, disabled.subscriptionId(),
                disabled.failingSince(), disabled.lastFailure() == null ? "" : ", last failure: " + disabled.lastFailure());
        alerts.fire(Firing.of(config.operationsSubject(), AlertRule.WEBHOOK_ENDPOINT_DISABLED,
                clip("webhook:" + disabled.subscriptionId()), config.webhookDisabled().severity(), summary,
                Occurrence.of("disabled:" + disabled.subscriptionId() + ":" + disabled.failingSince())));
    }

    private static String withoutQuery(String url) {
        try {
            URI uri = URI.create(url);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (Exception e) {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query);
        }
    }

    private static String clip(String key) {
        return key.length() > 128 ? key.substring(0, 128) : key;
    }
}
