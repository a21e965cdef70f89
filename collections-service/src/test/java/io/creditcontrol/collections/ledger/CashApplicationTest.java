package io.creditcontrol.collections.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.creditcontrol.collections.ledger.CashApplication.Candidate;

class CashApplicationTest {

    static Candidate item(String number, String due, String issued, String open) {
        return new Candidate(number, LocalDate.parse(due), LocalDate.parse(issued), new BigDecimal(open));
    }

    @Test
    void paysTheOldestDueInvoiceFirstAndThePartOfTheNextWithTheRest() {
        Map<String, BigDecimal> applied = CashApplication.oldestFirst(List.of(
                item("INV-3", "2026-03-31", "2026-03-01", "300.00"),
                item("INV-1", "2026-01-31", "2026-01-01", "100.00"),
                item("INV-2", "2026-02-28", "2026-02-01", "200.00")), new BigDecimal("250.00"));

        assertEquals(List.of("INV-1", "INV-2"), List.copyOf(applied.keySet()));
        assertEquals(new BigDecimal("100.00"), applied.get("INV-1"));
        assertEquals(new BigDecimal("150.00"), applied.get("INV-2"));
    }

    @Test
    void onTheSameDueDateTheEarlierIssuedThenTheLowerNumberGoesFirst() {
        Map<String, BigDecimal> applied = CashApplication.oldestFirst(List.of(
                item("INV-B", "2026-01-31", "2026-01-02", "50.00"),
                item("INV-C", "2026-01-31", "2026-01-01", "50.00"),
                item("INV-A", "2026-01-31", "2026-01-02", "50.00")), new BigDecimal("120.00"));

        assertEquals(List.of("INV-C", "INV-A", "INV-B"), List.copyOf(applied.keySet()));
        assertEquals(new BigDecimal("20.00"), applied.get("INV-B"));
    }

    @Test
    void cashBeyondEverythingOpenIsLeftOver() {
        Map<String, BigDecimal> applied = CashApplication.oldestFirst(List.of(item("INV-1", "2026-01-31", "2026-01-01", "80.00")),
                new BigDecimal("100.00"));

        assertEquals(Map.of("INV-1", new BigDecimal("80.00")), applied);
    }

    @Test
    void nothingOpenMeansNothingApplied() {
        assertEquals(Map.of(), CashApplication.oldestFirst(List.of(), new BigDecimal("10.00")));
    }
}
