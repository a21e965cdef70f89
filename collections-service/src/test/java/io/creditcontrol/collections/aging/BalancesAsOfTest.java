package io.creditcontrol.collections.aging;

import static io.creditcontrol.collections.Api.awaitInvoice;
import static io.creditcontrol.collections.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.creditcontrol.collections.Api;
import io.creditcontrol.collections.aging.AgingReport.CurrencyAging;
import io.creditcontrol.collections.aging.BalancesAsOf.Plan;
import io.creditcontrol.collections.aging.BalancesAsOf.Reading;
import io.creditcontrol.collections.reports.ReceivablesQueries;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * Aging and the report balances as of a day come out the same whichever way they are read:
 * back from today's balances or forward from the invoiced amounts. The ledger has every kind of
 * movement on several dates (allocated and unallocated payments, a credit note, a write-off, a
 * dispute still open and one resolved), in RON, which no other test uses; the portfolio read
 * includes whatever else the test database holds, so it is compared between the readings too.
 */
@QuarkusTest
@TestSecurity(user = "collector.li", roles = { "erp", "analyst", "approver", "collector", "admin", "viewer" })
class BalancesAsOfTest {

    @Inject
    AgingReport aging;
    @Inject
    ReceivablesQueries queries;
    @Inject
    BalancesAsOf balances;

    static final Plan BACK = new Plan(Reading.BACK_FROM_TODAY, true, true, true, true);
    static final Plan FORWARD = new Plan(Reading.FORWARD_FROM_ISSUE, true, true, true, true);

    @Test
    void bothReadingsOfAPastDayGiveTheSameAgingAndBalances() {
        String buyer = unique("B-READ");
        String a = unique("INV");
        String b = unique("INV");
        String c = unique("INV");
        Api.invoice(buyer, a, "2026-01-10", "2026-02-09", "1000.00", "RON");
        Api.invoice(buyer, b, "2026-02-15", "2026-03-17", "600.00", "RON");
        Api.invoice(buyer, c, "2026-04-01", "2026-05-01", "300.00", "RON");
        awaitInvoice(c, json -> true);
        Api.payment(buyer, unique("PAY"), "2026-02-20", "250.00", "RON", a);
        Api.payment(buyer, unique("PAY"), "2026-04-10", "500.00", "RON", null); // oldest first: the rest of a, then b
        Api.creditNote(buyer, unique("CN"), b, "2026-03-05", "100.00", "RON");
        String resolved = unique("DSP");
        Api.dispute(buyer, resolved, b, "2026-03-01", "80.00", "RON");
        Api.dispute(buyer, unique("DSP"), c, "2026-05-05", "40.00", "RON");
        awaitInvoice(c, json -> json.getFloat("disputed") == 40.0f);
        Api.resolve(resolved, "2026-04-20", "REJECTED");
        Api.writeOff(buyer, unique("WO"), b, "2026-05-10", "50.00", "RON");
        awaitInvoice(b, json -> json.getFloat("writtenOff") == 50.0f && json.getFloat("disputed") == 0.0f);

        for (String day : List.of("2026-01-09", "2026-01-31", "2026-02-20", "2026-03-02", "2026-03-31", "2026-04-15", "2026-04-30",
                "2026-05-07", "2026-05-31", "2027-01-01")) {
            LocalDate asOf = LocalDate.parse(day);
            QuarkusTransaction.requiringNew().run(() -> {
                List<CurrencyAging> back = aging.asOf(asOf, null, BACK);
                assertEquals(back, aging.asOf(asOf, null, FORWARD), "portfolio aging as of " + day);
                assertEquals(aging.asOf(asOf, buyer, BACK), aging.asOf(asOf, buyer, FORWARD), "the buyer's aging as of " + day);
                assertEquals(back, aging.asOf(asOf, null), "the plan's reading as of " + day);
                assertEquals(queries.balances(asOf, "RON", BACK), queries.balances(asOf, "RON", FORWARD), "RON balances as of " + day);
                assertEquals(queries.balances(asOf, null, BACK), queries.balances(asOf, null, FORWARD), "balances as of " + day);
                assertEquals(queries.totals(asOf, null, BACK), queries.totals(asOf, null, FORWARD), "currency totals as of " + day);
            });
        }

        // the figures themselves, on a day with every kind of movement before and after it: as of 2026-03-31
        // a: 1000 - 250 = 750; b: 600 - 100 credited = 500, 80 disputed; c: not issued yet
        ReceivablesQueries.BuyerBalance march = QuarkusTransaction.requiringNew().call(() -> queries.balances(LocalDate.parse("2026-03-31"), "RON", FORWARD)
                .stream().filter(x -> x.buyerId().equals(buyer)).findFirst().orElseThrow());
        assertEquals(0, march.open().compareTo(new java.math.BigDecimal("1250")), march.toString());
        assertEquals(0, march.pastDue().compareTo(new java.math.BigDecimal("1250")), march.toString());
        assertEquals(0, march.disputed().compareTo(new java.math.BigDecimal("80")), march.toString());
    }

    @Test
    void aDayAfterEveryMovementIsReadBackFromTodayWithoutJoiningAnyMovement() {
        Plan plan = QuarkusTransaction.requiringNew().call(() -> balances.plan(LocalDate.parse("2999-12-31"), true));
        assertEquals(Reading.BACK_FROM_TODAY, plan.reading());
        assertFalse(plan.payments() || plan.credits() || plan.writeOffs() || plan.disputes(), plan.toString());
    }
}
