package io.creditcontrol.alerts.api;

import static io.creditcontrol.alerts.TestApi.amount;
import static io.creditcontrol.alerts.TestApi.api;
import static io.creditcontrol.alerts.messaging.TestEvents.invoiceIssued;
import static io.creditcontrol.alerts.messaging.TestEvents.invoiceWrittenOff;
import static io.creditcontrol.alerts.messaging.TestEvents.paymentReceived;
import static io.creditcontrol.alerts.messaging.TestEvents.publishInvoiceEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.publishPaymentEvent;
import static io.creditcontrol.alerts.messaging.TestEvents.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * The portfolio is shared by every test of the run, so this one works in a currency no other
 * test uses (CHF) and sees exactly its own invoices there.
 */
@QuarkusTest
@TestSecurity(user = "test-viewer", roles = "viewer")
class PortfolioResourceTest {

    private static final String CHF = "currencies.find { it.currency == 'CHF' }";

    @Test
    void showsOpenReceivablesPerCurrencyAndTheLargestBuyersShare() {
        String largest = unique("B");
        String smaller = unique("B");
        String settled = unique("B");
        String smallerInvoice = unique("INV");
        String settledInvoice = unique("INV");
        publishInvoiceEvent(largest, invoiceIssued(largest, unique("INV"), "CHF", "600.00", "2026-11-01", "2026-12-01"));
        publishInvoiceEvent(largest, invoiceIssued(largest, unique("INV"), "CHF", "100.00", "2026-11-02", "2026-12-02"));
        publishInvoiceEvent(smaller, invoiceIssued(smaller, smallerInvoice, "CHF", "300.00", "2026-11-03", "2026-12-03"));
        publishInvoiceEvent(settled, invoiceIssued(settled, settledInvoice, "CHF", "200.00", "2026-11-04", "2026-12-04"));
        publishPaymentEvent(settled, paymentReceived(settled, unique("PAY"), "CHF", "200.00", "2026-11-20", settledInvoice, "200.00"));

        // 700 + 300 open (the paid buyer owes nothing): the largest buyer owes 70 %
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api().get("/api/v1/portfolio")
                .then().statusCode(200)
                .body(CHF + ".totalOpen", amount("1000"),
                        CHF + ".buyersWithOpenItems", equalTo(2),
                        CHF + ".largestBuyerShare", amount("0.7000")));

        publishInvoiceEvent(smaller, invoiceWrittenOff(smaller, smallerInvoice, "CHF", "300.00", "2026-11-21"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api().get("/api/v1/portfolio")
                .then().statusCode(200)
                .body(CHF + ".totalOpen", amount("700"),
                        CHF + ".buyersWithOpenItems", equalTo(1),
                        CHF + ".largestBuyerShare", amount("1")));
    }

    @Test
    void theLargestBuyersShareIsRoundedToFourDecimals() {
        String third = unique("B");
        String rest = unique("B");
        publishInvoiceEvent(third, invoiceIssued(third, unique("INV"), "SEK", "100.00", "2026-11-01", "2026-12-01"));
        publishInvoiceEvent(rest, invoiceIssued(rest, unique("INV"), "SEK", "100.00", "2026-11-01", "2026-12-01"));
        publishInvoiceEvent(rest, invoiceIssued(rest, unique("INV"), "SEK", "100.00", "2026-11-01", "2026-12-01"));

        // 200 of 300
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api().get("/api/v1/portfolio")
                .then().statusCode(200)
                .body("currencies.find { it.currency == 'SEK' }.largestBuyerShare", equalTo(new BigDecimal("0.6667")),
                        "currencies.find { it.currency == 'SEK' }.totalOpen", amount("300")));
    }
}
