package io.creditcontrol.alerts.receivables;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a buyer owes in one currency on a given day: everything open, the part past its due
 * date, and how many days the oldest overdue invoice is late (0 when nothing is overdue).
 */
public record CurrencyBalance(String currency, BigDecimal open, BigDecimal overdue, long oldestOverdueDays) {

    /** One balance per currency the buyer was ever invoiced in, in currency order. */
    public static List<CurrencyBalance> of(List<Receivable> items, LocalDate today) {
        Map<String, CurrencyBalance> balances = new TreeMap<>();
        for (Receivable item : items) {
            CurrencyBalance one = new CurrencyBalance(item.currency, item.openAmount,
                    item.isOverdueOn(today) ? item.openAmount : BigDecimal.ZERO, item.daysOverdueOn(today));
            balances.merge(item.currency, one, CurrencyBalance::plus);
        }
        return List.copyOf(balances.values());
    }

    private CurrencyBalance plus(CurrencyBalance other) {
        return new CurrencyBalance(currency, open.add(other.open), overdue.add(other.overdue),
                Math.max(oldestOverdueDays, other.oldestOverdueDays));
    }
}
