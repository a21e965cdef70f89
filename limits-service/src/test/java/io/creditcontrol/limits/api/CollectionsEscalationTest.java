package io.creditcontrol.limits.api;

import static io.creditcontrol.limits.api.CreditFixtures.check;
import static io.creditcontrol.limits.api.CreditFixtures.knownBuyer;
import static io.creditcontrol.limits.api.CreditFixtures.limit;
import static io.creditcontrol.limits.messaging.TestEvents.dunningStep;
import static io.creditcontrol.limits.messaging.TestEvents.invoiceIssued;
import static io.creditcontrol.limits.messaging.TestEvents.paymentReceived;
import static io.creditcontrol.limits.messaging.TestEvents.supplyStopRecommended;
import static io.creditcontrol.limits.messaging.TestEvents.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.creditcontrol.limits.TestClock;
import io.quarkus.test.junit.QuarkusTest;

/** What collections reports reaches the credit check: a supply stop blocks orders, a dunning level refers them. */
@QuarkusTest
class CollectionsEscalationTest {

    static final java.time.LocalDate TODAY = TestClock.TODAY;

    @Test
    void aSupplyStopBlocksOrdersWhileTheBuyerHasOverdueItemsAndLapsesWhenTheyArePaid() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "50000.00", "EUR");
        String invoice = unique("INV");
        invoiceIssued(buyer, invoice, "1000.00", "EUR", TODAY.minusDays(40), TODAY.minusDays(10)).publish().awaitApplied();
        supplyStopRecommended(buyer, TODAY.minusDays(1)).publish().awaitApplied();

        check(buyer, "SO-1", "100.00", "EUR").statusCode(200)
                .body("decision", equalTo("BLOCKED"), "reasonCodes", contains("COLLECTIONS_ESCALATION"));

        paymentReceived(buyer, unique("PAY"), "1000.00", "EUR", invoice, "1000.00").publish().awaitApplied();
        check(buyer, "SO-2", "100.00", "EUR").statusCode(200).body("decision", equalTo("APPROVED"));
    }

    @Test
    void theSecondDunningStepAfterTheDueDateRefersOrdersAndPreDueRemindersDoNotCount() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "50000.00", "EUR");
        String invoice = unique("INV");
        invoiceIssued(buyer, invoice, "1000.00", "EUR", TODAY.minusDays(40), TODAY.minusDays(10)).publish().awaitApplied();
        dunningStep(buyer, invoice, "PRE_DUE_REMINDER", TODAY.minusDays(13), -3).publish().awaitApplied();
        dunningStep(buyer, invoice, "REMINDER_1", TODAY.minusDays(3), 7).publish().awaitApplied();
        var repeat = dunningStep(buyer, invoice, "REMINDER_1", TODAY.minusDays(3), 7);
        io.creditcontrol.limits.messaging.TestEvents.withNewId(repeat).publish().awaitApplied();
        check(buyer, "SO-1", "100.00", "EUR").statusCode(200).body("decision", equalTo("APPROVED"));

        dunningStep(buyer, invoice, "DEMAND_LETTER", TODAY.minusDays(1), 9).publish().awaitApplied();
        check(buyer, "SO-2", "100.00", "EUR").statusCode(200)
                .body("decision", equalTo("REFERRED"), "reasonCodes", contains("DUNNING_LEVEL_REACHED"));
    }

    @Test
    void instalmentRemindersAndInsurerDeadlineNoticesAreNoDunningSteps() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "50000.00", "EUR");
        String invoice = unique("INV");
        invoiceIssued(buyer, invoice, "1000.00", "EUR", TODAY.minusDays(40), TODAY.minusDays(10)).publish().awaitApplied();
        dunningStep(buyer, invoice, "REMINDER_1", TODAY.minusDays(5), 5, "SCHEDULE").publish().awaitApplied();
        dunningStep(buyer, invoice, "INSTALMENT_REMINDER", TODAY.minusDays(4), 6, "PAYMENT_PLAN").publish().awaitApplied();
        dunningStep(buyer, invoice, "INSURER_NOTICE", TODAY.minusDays(3), 7, "INSURER_DEADLINE").publish().awaitApplied();
        check(buyer, "SO-1", "100.00", "EUR").statusCode(200).body("decision", equalTo("APPROVED"));

        dunningStep(buyer, invoice, "REMINDER_2", TODAY.minusDays(1), 9, "BROKEN_PROMISE").publish().awaitApplied();
        check(buyer, "SO-2", "100.00", "EUR").statusCode(200)
                .body("decision", equalTo("REFERRED"), "reasonCodes", contains("DUNNING_LEVEL_REACHED"));
    }
}
