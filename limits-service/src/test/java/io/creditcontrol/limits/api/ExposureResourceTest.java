package io.creditcontrol.limits.api;

import static io.creditcontrol.limits.Amounts.amount;
import static io.creditcontrol.limits.messaging.TestEvents.buyerRegistered;
import static io.creditcontrol.limits.messaging.TestEvents.buyerUpdated;
import static io.creditcontrol.limits.messaging.TestEvents.disputeResolved;
import static io.creditcontrol.limits.messaging.TestEvents.invoiceCredited;
import static io.creditcontrol.limits.messaging.TestEvents.invoiceDisputed;
import static io.creditcontrol.limits.messaging.TestEvents.invoiceIssued;
import static io.creditcontrol.limits.messaging.TestEvents.invoiceWrittenOff;
import static io.creditcontrol.limits.messaging.TestEvents.paymentReceived;
import static io.creditcontrol.limits.messaging.TestEvents.unique;
import static io.creditcontrol.limits.messaging.TestEvents.withNewId;
import static io.creditcontrol.limits.Auth.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.creditcontrol.limits.TestClock;
import io.creditcontrol.limits.exposure.PaymentAllocation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The exposure and invoice endpoints, fed through the real topics the way an ERP feeds them. */
@QuarkusTest
class ExposureResourceTest {

    static final LocalDate TODAY = TestClock.TODAY;

    @Test
    void theExposureShowsOpenDisputedAndOverdueAmountsPerCurrency() {
        String buyer = unique("B");
        String parent = unique("G");
        String a = unique("INV-A");
        String b = unique("INV-B");
        String c = unique("INV-C");
        String d = unique("INV-D");
        buyerRegistered(buyer, "Nordwind Maschinenbau GmbH", parent).publish();
        // A: 1000 EUR, due six weeks ago; 400 paid -> 600 open and overdue
        invoiceIssued(buyer, a, "1000.00", "EUR", TODAY.minusDays(75), TODAY.minusDays(45)).publish();
        // B: 2500 EUR, not due yet; 500 credited, 200 disputed -> 2000 open, 200 of it disputed
        invoiceIssued(buyer, b, "2500.00", "EUR", TODAY.minusDays(14), TODAY.plusDays(16)).publish();
        // C: 700 USD, due yesterday; 100 written off -> 600 open and overdue
        invoiceIssued(buyer, c, "700.00", "USD", TODAY.minusDays(31), TODAY.minusDays(1)).publish();
        // D: 300 EUR, overdue but paid in full -> no longer exposure
        invoiceIssued(buyer, d, "300.00", "EUR", TODAY.minusDays(60), TODAY.minusDays(30)).publish();
        invoiceCredited(buyer, unique("CN"), b, "500.00", "EUR").publish();
        invoiceDisputed(buyer, unique("DSP"), b, "200.00", "EUR").publish();
        invoiceWrittenOff(buyer, c, "100.00", "USD").publish();
        paymentReceived(buyer, unique("PAY"), "700.00", "EUR", a, "400.00", d, "300.00").publish();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/buyers/" + buyer + "/exposure")
                .then().statusCode(200)
                .body("buyerId", equalTo(buyer),
                        "name", equalTo("Nordwind Maschinenbau GmbH"),
                        "parentId", equalTo(parent),
                        "asOf", equalTo(TODAY.toString()),
                        "exposures.currency", contains("EUR", "USD"),
                        "exposures[0].openInvoices", equalTo(2),
                        "exposures[0].openAmount", amount("2600.00"),
                        "exposures[0].disputedAmount", amount("200.00"),
                        "exposures[0].overdueAmount", amount("600.00"),
                        "exposures[1].openInvoices", equalTo(1),
                        "exposures[1].openAmount", amount("600.00"),
                        "exposures[1].disputedAmount", amount("0"),
                        "exposures[1].overdueAmount", amount("600.00")));

        given().get("/api/v1/invoices/" + a)
                .then().statusCode(200)
                .body("buyerId", equalTo(buyer), "currency", equalTo("EUR"),
                        "amount", amount("1000.00"), "paid", amount("400.00"), "credited", amount("0"),
                        "writtenOff", amount("0"), "disputed", amount("0"), "open", amount("600.00"),
                        "dueDate", equalTo(TODAY.minusDays(45).toString()),
                        "status", equalTo("OPEN"), "overdue", equalTo(true));
        given().get("/api/v1/invoices/" + b)
                .then().statusCode(200)
                .body("credited", amount("500.00"), "disputed", amount("200.00"), "open", amount("2000.00"), "overdue", equalTo(false));
        given().get("/api/v1/invoices/" + d)
                .then().statusCode(200)
                .body("paid", amount("300.00"), "open", amount("0"), "status", equalTo("CLOSED"), "overdue", equalTo(false));
    }

    @Test
    void aResolvedDisputeNoLongerCountsAsDisputed() {
        String buyer = unique("B");
        String invoice = unique("INV");
        String dispute = unique("DSP");
        invoiceIssued(buyer, invoice, "800.00", "EUR", TODAY.minusDays(10), TODAY.plusDays(20)).publish();
        invoiceDisputed(buyer, dispute, invoice, "800.00", "EUR").publish().awaitApplied();
        given().get("/api/v1/buyers/" + buyer + "/exposure").then().body("exposures[0].disputedAmount", amount("800.00"));

        disputeResolved(buyer, dispute, invoice, "REJECTED").publish().awaitApplied();

        given().get("/api/v1/buyers/" + buyer + "/exposure")
                .then().statusCode(200)
                .body("exposures[0].openAmount", amount("800.00"), "exposures[0].disputedAmount", amount("0"));
    }

    @Test
    void aPaymentThatArrivesBeforeItsInvoiceIsAppliedWhenTheInvoiceArrives() {
        String buyer = unique("B");
        String invoice = unique("INV");
        // the payment overtakes its invoice: it is on another topic
        paymentReceived(buyer, unique("PAY"), "250.00", "EUR", invoice, "250.00").publish().awaitApplied();
        given().get("/api/v1/invoices/" + invoice).then().statusCode(404);

        invoiceIssued(buyer, invoice, "1000.00", "EUR", TODAY.minusDays(5), TODAY.plusDays(25)).publish().awaitApplied();

        given().get("/api/v1/invoices/" + invoice)
                .then().statusCode(200).body("paid", amount("250.00"), "open", amount("750.00"));
        given().get("/api/v1/buyers/" + buyer + "/exposure")
                .then().statusCode(200).body("exposures[0].openAmount", amount("750.00"), "exposures[0].openInvoices", equalTo(1));
    }

    /**
     * A payment without remittance advice pays the buyer's oldest open invoices in its currency,
     * each up to its undisputed open amount, as collections-service applies it (docs/events/README.md):
     * the invoices it paid are no longer exposure nor overdue. Redelivered, or resent under a new
     * event id, it changes nothing. Cash beyond everything open stays unapplied, and an invoice
     * issued later is not paid by it (nor is it in collections).
     */
    @Test
    void anUnallocatedPaymentPaysTheOldestOpenInvoicesFirstAndOnce() {
        String buyer = unique("B");
        String oldest = unique("INV-OLD");
        String next = unique("INV-MID");
        String newest = unique("INV-NEW");
        String dollars = unique("INV-USD");
        invoiceIssued(buyer, newest, "1000.00", "EUR", TODAY.minusDays(35), TODAY.minusDays(5)).publish();
        invoiceIssued(buyer, next, "400.00", "EUR", TODAY.minusDays(65), TODAY.minusDays(35)).publish();
        invoiceIssued(buyer, oldest, "500.00", "EUR", TODAY.minusDays(75), TODAY.minusDays(45)).publish();
        invoiceIssued(buyer, dollars, "600.00", "USD", TODAY.minusDays(90), TODAY.minusDays(60)).publish();
        invoiceDisputed(buyer, unique("DSP"), oldest, "200.00", "EUR").publish().awaitApplied();

        // the undisputed 300 of the oldest, all of the next, 200 of the newest
        var unallocated = paymentReceived(buyer, unique("PAY"), "900.00", "EUR").publish().awaitApplied();
        unallocated.publish();
        withNewId(unallocated).publish().awaitApplied();
        given().get("/api/v1/invoices/" + oldest).then().statusCode(200).body("paid", amount("300.00"), "open", amount("200.00"));
        given().get("/api/v1/invoices/" + next).then().statusCode(200).body("paid", amount("400.00"), "status", equalTo("CLOSED"));
        given().get("/api/v1/invoices/" + newest).then().statusCode(200).body("paid", amount("200.00"), "open", amount("800.00"));
        given().get("/api/v1/invoices/" + dollars).then().statusCode(200).body("paid", amount("0"));

        // the rest of the newest, and 200 left over; an invoice issued afterwards is not paid by it
        paymentReceived(buyer, unique("PAY"), "1000.00", "EUR").publish().awaitApplied();
        String later = unique("INV-LATER");
        invoiceIssued(buyer, later, "300.00", "EUR", TODAY.minusDays(1), TODAY.plusDays(29)).publish().awaitApplied();

        given().get("/api/v1/buyers/" + buyer + "/exposure")
                .then().statusCode(200)
                .body("exposures.currency", contains("EUR", "USD"),
                        "exposures[0].openInvoices", equalTo(2),
                        "exposures[0].openAmount", amount("500.00"),
                        "exposures[0].disputedAmount", amount("200.00"),
                        "exposures[0].overdueAmount", amount("200.00"),
                        "exposures[1].openAmount", amount("600.00"));
        given().get("/api/v1/invoices/" + later).then().statusCode(200).body("paid", amount("0"), "open", amount("300.00"));
        given().queryParam("buyerId", buyer).get("/api/v1/reconciliation")
                .then().statusCode(200)
                .body("invoices[0].paid", equalTo("1700.00"),
                        "payments[0].count", equalTo(2),
                        "payments[0].amount", equalTo("1900.00"),
                        "payments[0].unapplied", equalTo("200.00"));
    }

    @Test
    void aWaitingAllocationToAnInvoiceInAnotherCurrencyIsNotApplied() {
        String buyer = unique("B");
        String invoice = unique("INV");
        String reference = unique("PAY");
        paymentReceived(buyer, reference, "250.00", "USD", invoice, "250.00").publish().awaitApplied();

        invoiceIssued(buyer, invoice, "1000.00", "EUR", TODAY.minusDays(5), TODAY.plusDays(25)).publish().awaitApplied();

        given().get("/api/v1/invoices/" + invoice).then().statusCode(200).body("paid", amount("0"), "open", amount("1000.00"));
        PaymentAllocation allocation = QuarkusTransaction.requiringNew()
                .call(() -> PaymentAllocation.<PaymentAllocation>find("paymentReference", reference).singleResult());
        assertEquals(PaymentAllocation.Status.REJECTED, allocation.status);
        assertEquals("invoice is in EUR, the payment in USD", allocation.note);
    }

    @Test
    void aRedeliveredPaymentIsNotCountedTwice() {
        String buyer = unique("B");
        String invoice = unique("INV");
        invoiceIssued(buyer, invoice, "1000.00", "EUR", TODAY.minusDays(5), TODAY.plusDays(25)).publish().awaitApplied();
        var payment = paymentReceived(buyer, unique("PAY"), "300.00", "EUR", invoice, "300.00");
        payment.publish();
        payment.publish(); // the producer retried: same CloudEvent id
        // a later payment on the same partition: once it is applied, both copies above were handled
        paymentReceived(buyer, unique("PAY"), "100.00", "EUR", invoice, "100.00").publish().awaitApplied();

        given().get("/api/v1/invoices/" + invoice).then().statusCode(200).body("paid", amount("400.00"), "open", amount("600.00"));
        given().get("/api/v1/buyers/" + buyer + "/exposure").then().body("exposures[0].openAmount", amount("600.00"));
    }

    @Test
    void aPaymentSentAgainUnderANewEventIdIsNotCountedTwice() {
        String buyer = unique("B");
        String invoice = unique("INV");
        invoiceIssued(buyer, invoice, "1000.00", "EUR", TODAY.minusDays(5), TODAY.plusDays(25)).publish().awaitApplied();
        var payment = paymentReceived(buyer, unique("PAY"), "300.00", "EUR", invoice, "300.00").publish();
        withNewId(payment).publish().awaitApplied();

        given().get("/api/v1/invoices/" + invoice).then().statusCode(200).body("paid", amount("300.00"), "open", amount("700.00"));
    }

    @Test
    void masterDataNamesTheGroupParentAndAnUpdateReplacesIt() {
        String buyer = unique("B");
        buyerRegistered(buyer, "Nordwind GmbH", "G-OLD").publish().awaitApplied();
        given().get("/api/v1/buyers/" + buyer + "/exposure")
                .then().statusCode(200).body("parentId", equalTo("G-OLD"), "exposures", empty());

        buyerUpdated(buyer, "Nordwind GmbH & Co. KG", null).publish().awaitApplied();

        given().get("/api/v1/buyers/" + buyer + "/exposure")
                .then().statusCode(200)
                .body("name", equalTo("Nordwind GmbH & Co. KG"), "parentId", nullValue(), "exposures", empty());
    }

    @Test
    void anInvoiceNumberOfTwoBuyersIsTwoInvoicesAndMustBeAskedForByBuyer() {
        String first = unique("B");
        String second = unique("B");
        String invoice = unique("INV");
        invoiceIssued(first, invoice, "100.00", "EUR", TODAY, TODAY.plusDays(30)).publish().awaitApplied();
        invoiceIssued(second, invoice, "900.00", "EUR", TODAY, TODAY.plusDays(30)).publish().awaitApplied();

        given().get("/api/v1/invoices/" + invoice)
                .then().statusCode(409).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://creditcontrol.io/problems/ambiguous-invoice-number"),
                        "detail", containsString(first));
        given().queryParam("buyerId", second).get("/api/v1/invoices/" + invoice)
                .then().statusCode(200).body("buyerId", equalTo(second), "amount", amount("900.00"));
        given().get("/api/v1/buyers/" + first + "/exposure").then().body("exposures[0].openAmount", amount("100.00"));
    }

    @Test
    void anUnknownBuyerIsANotFoundProblem() {
        given().get("/api/v1/buyers/NO-SUCH-BUYER/exposure")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://creditcontrol.io/problems/not-found"),
                        "status", equalTo(404),
                        "detail", containsString("NO-SUCH-BUYER"),
                        "instance", equalTo("/api/v1/buyers/NO-SUCH-BUYER/exposure"));
    }

    @Test
    void anUnknownInvoiceIsANotFoundProblem() {
        given().get("/api/v1/invoices/NO-SUCH-INVOICE")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://creditcontrol.io/problems/not-found"));
    }
}
