package io.creditcontrol.alerts.rules;

import static io.creditcontrol.alerts.TestAlerts.alertsOf;
import static io.creditcontrol.alerts.TestAlerts.awaitAlert;
import static io.creditcontrol.alerts.TestAlerts.awaitApplied;
import static io.creditcontrol.alerts.TestAlerts.unresolved;
import static io.creditcontrol.alerts.messaging.TestEvents.buyerMasterData;
import static io.creditcontrol.alerts.messaging.TestEvents.dunningStep;
import static io.creditcontrol.alerts.messaging.TestEvents.event;
import static io.creditcontrol.alerts.messaging.TestEvents.invoiceIssued;
import static io.creditcontrol.alerts.messaging.TestEvents.limitChanged;
import static io.creditcontrol.alerts.messaging.TestEvents.orderDecided;
import static io.creditcontrol.alerts.messaging.TestEvents.paymentReceived;
import static io.creditcontrol.alerts.messaging.TestEvents.promiseBroken;
import static io.creditcontrol.alerts.messaging.TestEvents.publishBuyerEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.publishCollectionsEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.publishInvoiceEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.publishLimitEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.publishPaymentEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.publishScoreEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.riskSignalData;
import static io.creditcontrol.alerts.messaging.TestEvents.scoreChanged;
import static io.creditcontrol.alerts.messaging.TestEvents.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.creditcontrol.alerts.TestAlerts;
import io.creditcontrol.alerts.messaging.events.BuyerEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * Each early-warning rule fires on the facts it watches, and does not fire just below its
 * threshold (defaults of application.properties; today is 2026-11-24, TestClock). Events reach the
 * service through the real broker, as the other services publish them.
 */
@QuarkusTest
@TestSecurity(user = "test-viewer", roles = "viewer")
class AlertRulesTest {

    @Inject
    ScheduledEvaluation evaluation;

    // --- overdue beyond 30 days ----------------------------------------------------------------------

    @Test
    void overdueMoreThanThirtyDaysFiresAndTwoWeeksDoesNot() {
        String late = unique("B");
        String recent = unique("B");
        String veryLate = unique("B");
        publishInvoiceEvent(late, invoiceIssued(late, unique("INV"), "EUR", "1200.00", "2026-09-01", "2026-10-01"));
        String fourteenDays = invoiceIssued(recent, unique("INV"), "EUR", "800.00", "2026-10-10", "2026-11-10");
        publishInvoiceEvent(recent, fourteenDays);
        publishInvoiceEvent(veryLate, invoiceIssued(veryLate, unique("INV"), "EUR", "500.00", "2026-07-01", "2026-08-01"));

        Map<String, Object> alert = awaitAlert(late, "OVERDUE");
        assertEquals("WARNING", alert.get("severity"));
        assertEquals("OPEN", alert.get("state"));
        assertTrue(((String) alert.get("summary")).contains("the oldest 54 days"), (String) alert.get("summary"));
        // beyond 90 days it is critical
        assertEquals("CRITICAL", awaitAlert(veryLate, "OVERDUE").get("severity"));

        awaitApplied(fourteenDays);
        evaluation.evaluateAll();
        assertEquals(List.of(), alertsOf(recent, "OVERDUE"));
    }

    // --- predicted late payment ------------------------------------------------------------------------

    @Test
    void anInvoiceDueSoonOfABuyerWhoPaysLateIsPredictedLateAndOneOfAPunctualBuyerIsNot() {
        String latePayer = unique("B");
        String punctual = unique("B");
        String flagged = unique("INV");
        String farAhead = unique("INV");
        history(latePayer, 20);
        history(punctual, 0);
        publishInvoiceEvent(latePayer, invoiceIssued(latePayer, flagged, "EUR", "4000.00", "2026-11-05", "2026-12-05"));
        publishInvoiceEvent(latePayer, invoiceIssued(latePayer, farAhead, "EUR", "4000.00", "2026-11-20", "2027-01-20"));

        Map<String, Object> alert = awaitAlert(latePayer, "PREDICTED_LATE_PAYMENT",
                a -> ((String) a.get("summary")).contains(flagged));
        // only the invoice due within 15 days is flagged, not the one due in January
        assertTrue(!((String) alert.get("summary")).contains(farAhead), (String) alert.get("summary"));
        assertEquals(1, alert.get("count"));

        // the punctual buyer's new invoice comes once its payments are on the books: invoices and payments travel on
        // two topics, and an invoice evaluated before the payments of the earlier ones arrive sees them as overdue
        await().atMost(TestAlerts.PATIENCE).until(() -> receivablesPaid(punctual, 4));
        String punctualOpen = invoiceIssued(punctual, unique("INV"), "EUR", "4000.00", "2026-11-05", "2026-12-05");
        publishInvoiceEvent(punctual, punctualOpen);
        awaitApplied(punctualOpen);
        evaluation.evaluateAll();
        assertEquals(List.of(), alertsOf(punctual, "PREDICTED_LATE_PAYMENT"));

        // paid: the prediction's cause is gone
        publishPaymentEvent(latePayer, paymentReceived(latePayer, unique("PAY"), "EUR", "4000.00", "2026-11-24", flagged, "4000.00"));
        awaitAlert(latePayer, "PREDICTED_LATE_PAYMENT", a -> "RESOLVED".equals(a.get("state")));
    }

    /** Four invoices due July to October 2026, each paid {@code daysLate} days after its due date. */
    private static void history(String buyer, int daysLate) {
        String[] due = {"2026-07-10", "2026-08-10", "2026-09-10", "2026-10-10"};
        for (String dueDate : due) {
            String invoice = unique("INV");
            java.time.LocalDate d = java.time.LocalDate.parse(dueDate);
            publishInvoiceEvent(buyer, invoiceIssued(buyer, invoice, "EUR", "1000.00", d.minusDays(30).toString(), dueDate));
            publishPaymentEvent(buyer, paymentReceived(buyer, unique("PAY"), "EUR", "1000.00", d.plusDays(daysLate).toString(), invoice, "1000.00"));
        }
    }

    private static boolean receivablesPaid(String buyer, int count) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                io.creditcontrol.alerts.receivables.Receivable.count("buyerId = ?1 and settledOn is not null", buyer) >= count);
    }

    // --- payment cycle lengthening ---------------------------------------------------------------------

    @Test
    void daysBeyondTermsRisingByMoreThanTenDaysFiresAndByFiveDoesNot() {
        String drifting = unique("B");
        String steady = unique("B");
        // history window (before 2026-08-26): paid on time; recent window: 20 resp. 5 days late
        paidInvoices(drifting, new String[] {"2026-03-10", "2026-04-10", "2026-05-10"}, 0);
        paidInvoices(drifting, new String[] {"2026-09-10", "2026-10-01", "2026-10-20"}, 20);
        paidInvoices(steady, new String[] {"2026-03-10", "2026-04-10", "2026-05-10"}, 0);
        paidInvoices(steady, new String[] {"2026-09-10", "2026-10-01", "2026-10-20"}, 5);

        Map<String, Object> alert = awaitAlert(drifting, "PAYMENT_CYCLE_LENGTHENING");
        assertTrue(((String) alert.get("summary")).contains("days beyond terms 20.0 over the last 90 days against 0.0 before"),
                (String) alert.get("summary"));
        assertEquals("EUR", alert.get("cause"));

        await().atMost(TestAlerts.PATIENCE).until(() -> receivablesPaid(steady, 6));
        evaluation.evaluateAll();
        assertEquals(List.of(), alertsOf(steady, "PAYMENT_CYCLE_LENGTHENING"));
    }

    private static void paidInvoices(String buyer, String[] dueDates, int daysLate) {
        for (String dueDate : dueDates) {
            String invoice = unique("INV");
            java.time.LocalDate d = java.time.LocalDate.parse(dueDate);
            publishInvoiceEvent(buyer, invoiceIssued(buyer, invoice, "EUR", "2000.00", d.minusDays(30).toString(), dueDate));
            publishPaymentEvent(buyer, paymentReceived(buyer, unique("PAY"), "EUR", "2000.00", d.plusDays(daysLate).toString(), invoice, "2000.00"));
        }
    }

    // --- grade downgrade --------------------------------------------------------------------------------

    @Test
    void aDowngradeOfTwoGradesOrIntoTheBadGradeFiresAndOneGradeDoesNot() {
        String twoSteps = unique("B");
        String oneStep = unique("B");
        String intoBad = unique("B");
        publishScoreEvent(twoSteps, scoreChanged(twoSteps, 6, 4));
        String small = scoreChanged(oneStep, 5, 4);
        publishScoreEvent(oneStep, small);
        publishScoreEvent(intoBad, scoreChanged(intoBad, 8, 7));

        Map<String, Object> alert = awaitAlert(twoSteps, "GRADE_DOWNGRADE");
        assertEquals("WARNING", alert.get("severity"));
        assertTrue(((String) alert.get("summary")).startsWith("Grade 4 -> 6"), (String) alert.get("summary"));
        assertEquals("CRITICAL", awaitAlert(intoBad, "GRADE_DOWNGRADE").get("severity"));

        awaitApplied(small);
        assertEquals(List.of(), alertsOf(oneStep, "GRADE_DOWNGRADE"));

        // back to the grade before the downgrade: resolved by the rule
        publishScoreEvent(twoSteps, scoreChanged(twoSteps, 4, 6));
        Map<String, Object> resolved = awaitAlert(twoSteps, "GRADE_DOWNGRADE", a -> "RESOLVED".equals(a.get("state")));
        assertEquals("system", resolved.get("resolvedBy"));
    }

    // --- limit utilisation, limit cut, order blocked ----------------------------------------------------

    @Test
    void openReceivablesAboveNinetyPercentOfTheLimitFireAndBelowDoNot() {
        String high = unique("B");
        String low = unique("B");
        publishLimitEvent(high, limitChanged(high, "1000.00", null, "EUR"));
        publishInvoiceEvent(high, invoiceIssued(high, unique("INV"), "EUR", "950.00", "2026-11-20", "2026-12-20"));
        publishLimitEvent(low, limitChanged(low, "1000.00", null, "EUR"));
        String lowInvoice = invoiceIssued(low, unique("INV"), "EUR", "850.00", "2026-11-20", "2026-12-20");
        publishInvoiceEvent(low, lowInvoice);

        Map<String, Object> alert = awaitAlert(high, "LIMIT_UTILISATION");
        assertEquals("WARNING", alert.get("severity"));
        assertTrue(((String) alert.get("summary")).contains("95.0 %"), (String) alert.get("summary"));

        // over the limit itself: the same alert, now critical
        publishInvoiceEvent(high, invoiceIssued(high, unique("INV"), "EUR", "100.00", "2026-11-21", "2026-12-21"));
        awaitAlert(high, "LIMIT_UTILISATION", a -> "CRITICAL".equals(a.get("severity")));

        awaitApplied(lowInvoice);
        await().atMost(TestAlerts.PATIENCE).until(() -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> BuyerCreditLimit.findById(low) != null));
        evaluation.evaluateAll();
        assertEquals(List.of(), alertsOf(low, "LIMIT_UTILISATION"));
    }

    @Test
    void aLimitCutOfHalfFiresAndOfFivePercentDoesNot() {
        String cut = unique("B");
        String trimmed = unique("B");
        publishLimitEvent(cut, limitChanged(cut, "50000.00", "100000.00", "EUR"));
        String small = limitChanged(trimmed, "95000.00", "100000.00", "EUR");
        publishLimitEvent(trimmed, small);

        Map<String, Object> alert = awaitAlert(cut, "LIMIT_CUT");
        assertTrue(((String) alert.get("summary")).startsWith("Credit limit cut from 100000.00 to 50000.00 EUR"), (String) alert.get("summary"));
        awaitApplied(small);
        assertEquals(List.of(), alertsOf(trimmed, "LIMIT_CUT"));

        // restored: resolved
        publishLimitEvent(cut, limitChanged(cut, "100000.00", "50000.00", "EUR"));
        awaitAlert(cut, "LIMIT_CUT", a -> "RESOLVED".equals(a.get("state")));
    }

    @Test
    void aBlockedOrderFiresAReferredOneDoesNotAndAnApprovalResolves() {
        String blocked = unique("B");
        String referred = unique("B");
        publishLimitEvent(blocked, orderDecided(blocked, "SO-1", "BLOCKED"));
        publishLimitEvent(blocked, orderDecided(blocked, "SO-2", "BLOCKED"));
        String referral = orderDecided(referred, "SO-3", "REFERRED");
        publishLimitEvent(referred, referral);

        // two blocked orders, one alert counting both
        awaitAlert(blocked, "ORDER_BLOCKED", a -> Integer.valueOf(2).equals(a.get("count")));
        awaitApplied(referral);
        assertEquals(List.of(), alertsOf(referred, "ORDER_BLOCKED"));

        publishLimitEvent(blocked, orderDecided(blocked, "SO-4", "APPROVED"));
        awaitAlert(blocked, "ORDER_BLOCKED", a -> "RESOLVED".equals(a.get("state")));
    }

    // --- broken promise, escalation, insurer deadline ------------------------------------------------------

    @Test
    void aBrokenPromiseFiresAndIsResolvedWhenItsInvoiceIsPaid() {
        String buyer = unique("B");
        String invoice = unique("INV");
        publishInvoiceEvent(buyer, invoiceIssued(buyer, invoice, "EUR", "9800.00", "2026-10-01", "2026-10-31"));
        publishCollectionsEvent(buyer, promiseBroken(buyer, unique("PTP"), invoice));

        Map<String, Object> alert = awaitAlert(buyer, "BROKEN_PROMISE");
        assertEquals("WARNING", alert.get("severity"));

        publishPaymentEvent(buyer, paymentReceived(buyer, unique("PAY"), "EUR", "9800.00", "2026-11-23", invoice, "9800.00"));
        awaitAlert(buyer, "BROKEN_PROMISE", a -> "RESOLVED".equals(a.get("state")));
    }

    @Test
    void aHandoverToLegalFiresAndAReminderDoesNot() {
        String escalated = unique("B");
        String reminded = unique("B");
        publishCollectionsEvent(escalated, dunningStep(escalated, unique("INV"), "LEGAL", "LEGAL_HANDOVER", "SCHEDULE", null));
        String reminder = dunningStep(reminded, unique("INV"), "REMINDER_1", "EMAIL_SENT", "SCHEDULE", null);
        publishCollectionsEvent(reminded, reminder);

        Map<String, Object> alert = awaitAlert(escalated, "ESCALATION");
        assertEquals("CRITICAL", alert.get("severity"));
        awaitApplied(reminder);
        assertEquals(List.of(), alertsOf(reminded, "ESCALATION"));
    }

    @Test
    void anInsurerDeadlineWithinTenDaysFiresAndOneInAMonthDoesNotYet() {
        String close = unique("B");
        String urgent = unique("B");
        String distant = unique("B");
        publishCollectionsEvent(close, dunningStep(close, unique("INV"), "INSURER_DEADLINE", "INSURER_REPORT_DUE", "INSURER_DEADLINE", "2026-11-30"));
        publishCollectionsEvent(urgent, dunningStep(urgent, unique("INV"), "INSURER_DEADLINE", "INSURER_REPORT_DUE", "INSURER_DEADLINE", "2026-11-26"));
        String later = dunningStep(distant, unique("INV"), "INSURER_DEADLINE", "INSURER_REPORT_DUE", "INSURER_DEADLINE", "2026-12-24");
        publishCollectionsEvent(distant, later);

        Map<String, Object> alert = awaitAlert(close, "INSURER_DEADLINE");
        assertEquals("WARNING", alert.get("severity"));
        assertTrue(((String) alert.get("summary")).contains("by 2026-11-30 (6 day(s) left)"), (String) alert.get("summary"));
        assertEquals("CRITICAL", awaitAlert(urgent, "INSURER_DEADLINE").get("severity"));

        awaitApplied(later);
        evaluation.evaluateAll();
        assertEquals(List.of(), alertsOf(distant, "INSURER_DEADLINE"));
    }

    // --- risk signals -----------------------------------------------------------------------------------------

    @Test
    void configuredRiskSignalsFireWithTheirSeverityAndOthersDoNot() {
        String buyer = unique("B");
        publishBuyerEvent(buyer, event(BuyerEvents.RISK_SIGNAL_REPORTED, buyer, riskSignalData(buyer, "INSOLVENCY_FILING", "2026-11-20", "HIGH")));
        publishBuyerEvent(buyer, event(BuyerEvents.RISK_SIGNAL_REPORTED, buyer, riskSignalData(buyer, "BANK_ACCOUNT_CHANGE", "2026-11-20", "MEDIUM")));
        publishBuyerEvent(buyer, event(BuyerEvents.RISK_SIGNAL_REPORTED, buyer, riskSignalData(buyer, "MANAGEMENT_CHANGE", "2026-11-20", "MEDIUM")));
        publishBuyerEvent(buyer, event(BuyerEvents.RISK_SIGNAL_REPORTED, buyer, riskSignalData(buyer, "NEGATIVE_NEWS", "2026-11-20", "LOW")));
        String unconfigured = event(BuyerEvents.RISK_SIGNAL_REPORTED, buyer, riskSignalData(buyer, "SHAREHOLDER_CHANGE", "2026-11-21", "LOW"));
        publishBuyerEvent(buyer, unconfigured);

        awaitApplied(unconfigured);
        List<Map<String, Object>> alerts = alertsOf(buyer, "RISK_SIGNAL");
        Map<Object, Object> severityByCause = new java.util.TreeMap<>();
        alerts.forEach(a -> severityByCause.put(a.get("cause"), a.get("severity")));
        assertEquals(Map.of("INSOLVENCY_FILING", "CRITICAL", "BANK_ACCOUNT_CHANGE", "WARNING", "MANAGEMENT_CHANGE", "WARNING",
                "NEGATIVE_NEWS", "INFO"), severityByCause);
    }

    // --- concentration ------------------------------------------------------------------------------------------

    @Test
    void aBuyerOwingMoreThanAQuarterOfACurrencysReceivablesFiresAndTheSmallerOnesDoNot() {
        // NOK is used by no other test: this portfolio is exactly these four buyers
        String large = unique("B");
        List<String> small = List.of(unique("B"), unique("B"), unique("B"));
        publishInvoiceEvent(large, invoiceIssued(large, unique("INV"), "NOK", "600.00", "2026-11-01", "2026-12-31"));
        List<String> last = small.stream().map(b -> {
            String issued = invoiceIssued(b, unique("INV"), "NOK", "100.00", "2026-11-01", "2026-12-31");
            publishInvoiceEvent(b, issued);
            return issued;
        }).toList();
        last.forEach(io.creditcontrol.alerts.TestAlerts::awaitApplied);
        evaluation.evaluateAll();

        Map<String, Object> alert = awaitAlert(large, "CONCENTRATION");
        assertEquals("NOK", alert.get("cause"));
        assertTrue(((String) alert.get("summary")).contains("66.7 %"), (String) alert.get("summary"));
        // whichever small buyer briefly looked large while the invoices arrived is resolved now
        small.forEach(b -> assertEquals(List.of(), unresolved(b, "CONCENTRATION"), b));
    }

    @Test
    void aGroupOwingMoreThanAQuarterFiresUnderTheParentWhileEachSubsidiaryStaysBelow() {
        // DKK is used by no other test
        String parent = unique("G");
        String first = unique("B");
        String second = unique("B");
        List<String> others = List.of(unique("B"), unique("B"), unique("B"), unique("B"));
        String firstRegistered = buyerMasterData(BuyerEvents.BUYER_REGISTERED, first, "Group Sub One", "DK", "C28", parent);
        String secondRegistered = buyerMasterData(BuyerEvents.BUYER_REGISTERED, second, "Group Sub Two", "DK", "C28", parent);
        publishBuyerEvent(first, firstRegistered);
        publishBuyerEvent(second, secondRegistered);
        awaitApplied(firstRegistered);
        awaitApplied(secondRegistered);
        publishInvoiceEvent(first, invoiceIssued(first, unique("INV"), "DKK", "300.00", "2026-11-01", "2026-12-31"));
        publishInvoiceEvent(second, invoiceIssued(second, unique("INV"), "DKK", "300.00", "2026-11-01", "2026-12-31"));
        List<String> issued = others.stream().map(b -> {
            String event = invoiceIssued(b, unique("INV"), "DKK", "200.00", "2026-11-01", "2026-12-31");
            publishInvoiceEvent(b, event);
            return event;
        }).toList();
        issued.forEach(io.creditcontrol.alerts.TestAlerts::awaitApplied);
        await().atMost(TestAlerts.PATIENCE).until(() -> receivablesOpen(first) && receivablesOpen(second));
        evaluation.evaluateAll();

        // 600 of 1400 = 42.9 % for the group; 300 of 1400 = 21.4 % for each subsidiary
        Map<String, Object> alert = awaitAlert(parent, "CONCENTRATION");
        assertEquals("GROUP:DKK", alert.get("cause"));
        assertTrue(((String) alert.get("summary")).contains("42.9 %"), (String) alert.get("summary"));
        assertEquals(List.of(), unresolved(first, "CONCENTRATION"));
        assertEquals(List.of(), unresolved(second, "CONCENTRATION"));
    }

    private static boolean receivablesOpen(String buyer) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                io.creditcontrol.alerts.receivables.Receivable.count("buyerId = ?1", buyer) > 0);
    }
}
