package io.creditcontrol.alerts.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.creditcontrol.alerts.alert.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Thresholds and severities of the early-warning rules (credit.alerts.*; docs/alerts.md lists
 * every key with its default). Changing them needs a restart; the rules read them on every
 * evaluation.
 */
@ConfigMapping(prefix = "credit.alerts")
public interface AlertRulesConfig {

    /** Payment cycle lengthening: amount-weighted days beyond terms, recent window against the buyer's own history. */
    PaymentCycle paymentCycle();

    PredictedLate predictedLate();

    GradeDowngrade gradeDowngrade();

    LimitUtilisation limitUtilisation();

    LimitCut limitCut();

    OrderBlocked orderBlocked();

    Overdue overdue();

    BrokenPromise brokenPromise();

    Escalation escalation();

    InsurerDeadline insurerDeadline();

    RiskSignals riskSignals();

    Concentration concentration();

    WebhookDisabled webhookDisabled();

    /** How often the time-based rules are evaluated for every buyer ("15m"; "off" disables the schedule). */
    String evaluationInterval();

    Api api();

    interface Api {
        /** Largest page of GET /api/v1/alerts; a larger size is a 400 problem. */
        @WithDefault("200")
        int maxPageSize();
    }

    /** The subject (buyerId position) of operational alerts that concern no buyer, e.g. a disabled webhook endpoint. */
    @WithDefault("OPERATIONS")
    String operationsSubject();

    interface PaymentCycle {
        /** Fires when the recent days beyond terms exceed the history's by more than this many days. */
        @WithDefault("10")
        int thresholdDays();

        /** The recent window: invoices settled in the last this-many days. */
        @WithDefault("90")
        int recentDays();

        /** The history: invoices settled in this many days before the recent window. */
        @WithDefault("365")
        int historyDays();

        /** Paid invoices needed in each window before the comparison means anything. */
        @WithDefault("3")
        int minimumInvoices();

        @WithDefault("WARNING")
        Severity severity();
    }

    interface PredictedLate {
        /** Open invoices due within this many days are checked (flagged about 15 days ahead). */
        @WithDefault("15")
        int lookaheadDays();

        /** Paid more than this many days after the due date counts as late. */
        @WithDefault("0")
        int graceDays();

        /** Flag when the estimated probability of a late payment is at least this. */
        @WithDefault("0.5")
        double probabilityThreshold();

        /** Invoices of the buyer's history (paid, or open past due) needed before predicting. */
        @WithDefault("3")
        int minimumHistory();

        @WithDefault("365")
        int historyDays();

        /** Weight of an observation halves every this many days of age. */
        @WithDefault("90")
        int halfLifeDays();

        @WithDefault("WARNING")
        Severity severity();
    }

    interface GradeDowngrade {
        /** A downgrade of at least this many grades fires (1 best .. 10 default). */
        @WithDefault("2")
        int minimumSteps();

        @WithDefault("WARNING")
        Severity severity();

        /** Entering this grade or a worse one fires, whatever the step. */
        @WithDefault("8")
        int badGrade();

        @WithDefault("CRITICAL")
        Severity badGradeSeverity();
    }

    interface LimitUtilisation {
        /** Open receivables in the limit's currency / limit above this fraction fires. */
        @WithDefault("0.90")
        BigDecimal threshold();

        @WithDefault("WARNING")
        Severity severity();

        /** Severity once the open receivables exceed the limit itself. */
        @WithDefault("CRITICAL")
        Severity overLimitSeverity();
    }

    interface LimitCut {
        /** A cut of at least this fraction of the previous limit fires (0.10 = 10 %). */
        @WithDefault("0.10")
        BigDecimal minimumCut();

        @WithDefault("WARNING")
        Severity severity();
    }

    interface OrderBlocked {
        /** Decisions of credit.order.decided that fire. */
        @WithDefault("BLOCKED")
        List<String> decisions();

        @WithDefault("WARNING")
        Severity severity();
    }

    interface Overdue {
        /** An invoice more than this many days past due fires. */
        @WithDefault("30")
        int days();

        @WithDefault("WARNING")
        Severity severity();

        @WithDefault("90")
        int criticalDays();

        @WithDefault("CRITICAL")
        Severity criticalSeverity();
    }

    interface BrokenPromise {
        @WithDefault("WARNING")
        Severity severity();
    }

    interface Escalation {
        /** Dunning actions (or steps) of credit.dunning.step-executed that mean escalation to legal or the insurer. */
        @WithDefault("LEGAL_HANDOVER,INSURER_HANDOVER")
        List<String> actions();

        @WithDefault("CRITICAL")
        Severity severity();
    }

    interface InsurerDeadline {
        /** Warn this many days before the date a default must be reported to the insurer by. */
        @WithDefault("10")
        int warningDays();

        @WithDefault("WARNING")
        Severity severity();

        @WithDefault("3")
        int criticalDays();

        @WithDefault("CRITICAL")
        Severity criticalSeverity();
    }

    interface RiskSignals {
        /** Severity per reported signal; a signal not listed raises no alert. */
        Map<String, Severity> severities();
    }

    interface Concentration {
        /** One buyer (or group) owing more than this fraction of a currency's open receivables fires. */
        @WithDefault("0.25")
        BigDecimal maximumShare();

        /** Below this many buyers with open items a portfolio is too small for the share to mean anything. */
        @WithDefault("3")
        int minimumBuyers();

        @WithDefault("WARNING")
        Severity severity();
    }

    interface WebhookDisabled {
        @WithDefault("WARNING")
        Severity severity();
    }
}
