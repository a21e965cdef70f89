package io.creditcontrol.scoring.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Amounts as the reconciliation writes them: at the currency's minor unit, never rounded. */
class CurrencyAmountTest {

    @Test
    void anAmountIsWrittenAtItsCurrencysMinorUnit() {
        assertEquals("1200.50", CurrencyAmount.text(new BigDecimal("1200.5000"), "EUR"));
        assertEquals("0.00", CurrencyAmount.text(new BigDecimal("0.0000"), "USD"));
        assertEquals("-30.00", CurrencyAmount.text(new BigDecimal("-30.0000"), "GBP"));
        assertEquals("150000", CurrencyAmount.text(new BigDecimal("150000.0000"), "ISK"));
        assertEquals("1200", CurrencyAmount.text(new BigDecimal("1.2E+3"), "JPY"));
        assertEquals("0.500", CurrencyAmount.text(new BigDecimal("0.5000"), "BHD"));
    }

    @Test
    void aDigitBeyondTheMinorUnitIsNeverRoundedAway() {
        assertEquals("0.125", CurrencyAmount.text(new BigDecimal("0.1250"), "EUR"));
        assertEquals("10.0001", CurrencyAmount.text(new BigDecimal("10.0001"), "CNY"));
        assertEquals("12.5", CurrencyAmount.text(new BigDecimal("12.5000"), "JPY"));
    }

    @Test
    void aCodeWithoutMinorUnitShowsTheAmountAsItIs() {
        assertEquals("5", CurrencyAmount.text(new BigDecimal("5.0000"), "XAU"));
        assertEquals("2.75", CurrencyAmount.text(new BigDecimal("2.7500"), "XAU"));
    }
}
