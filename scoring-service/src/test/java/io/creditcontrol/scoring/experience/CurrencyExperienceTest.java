package io.creditcontrol.scoring.experience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The PAYDEX-style figures, without Kafka or a database. */
class CurrencyExperienceTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-23");

    static InvoiceExperience invoice(String amount, String dueDate) {
        InvoiceExperience invoice = new InvoiceExperience();
        invoice.invoiceNumber = "INV-" + amount;
        invoice.currency = "EUR";
        invoice.amount = new BigDecimal(amount);
        invoice.issueDate = LocalDate.parse(dueDate).minusDays(30);
        invoice.dueDate = LocalDate.parse(dueDate);
        return invoice;
    }

    @Test
    void daysBeyondTermsAreWeightedByInvoiceAmountAndRoundedHalfUpToOneDecimal() {
        InvoiceExperience lateSmall = invoice("100.00", "2026-10-01");
        lateSmall.pay(new BigDecimal("100.00"), LocalDate.parse("2026-10-02")); // 1 day late
        InvoiceExperience onTimeLarge = invoice("300.00", "2026-10-01");
        onTimeLarge.pay(new BigDecimal("300.00"), LocalDate.parse("2026-09-20")); // early counts as 0, not -11
        InvoiceExperience stillOpen = invoice("5000.00", "2026-10-01"); // open: not in the average

        CurrencyExperience eur = CurrencyExperience.of(List.of(lateSmall, onTimeLarge, stillOpen), List.of(), TODAY).get(0);

        // (100 * 1 + 300 * 0) / 400 = 0.25 -> 0.3
        assertEquals(new BigDecimal("0.3"), eur.averageDaysBeyondTerms());
        assertEquals(2, eur.settledInvoices());
        assertEquals(1, eur.settledLate());
        assertEquals(0, new BigDecimal("5000").compareTo(eur.open()));
        assertEquals(0, new BigDecimal("5000").compareTo(eur.overdue()));
    }

    @Test
    void anInvoiceIsSettledOnTheLatestDateOfTheDocumentsThatClosedItWhateverTheirArrivalOrder() {
        InvoiceExperience invoice = invoice("800.00", "2026-10-01");
        invoice.credit(new BigDecimal("200.00"), LocalDate.parse("2026-10-20"));
        invoice.pay(new BigDecimal("600.00"), LocalDate.parse("2026-10-05")); // arrived last, received earlier

        assertEquals(LocalDate.parse("2026-10-20"), invoice.settledOn);
        assertEquals(19L, invoice.daysBeyondTerms().orElseThrow());
    }

    @Test
    void onlyTheOpenAmountCountsAsPaidAndTheRestIsAnOverPayment() {
        InvoiceExperience invoice = invoice("500.00", "2026-10-01");

        BigDecimal applied = invoice.pay(new BigDecimal("650.00"), LocalDate.parse("2026-09-30"));

        assertEquals(0, new BigDecimal("500").compareTo(applied));
        assertEquals(0, BigDecimal.ZERO.compareTo(invoice.openAmount()));
        assertEquals(0L, invoice.daysBeyondTerms().orElseThrow());
    }

    @Test
    void withNothingSettledThereIsNoAverage() {
        CurrencyExperience eur = CurrencyExperience.of(List.of(invoice("100.00", "2026-12-01")), List.of(), TODAY).get(0);

        assertNull(eur.averageDaysBeyondTerms());
        assertEquals(0, BigDecimal.ZERO.compareTo(eur.overdue()), "not due yet");
    }
}
