package io.creditcontrol.limits.exposure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.creditcontrol.limits.messaging.MalformedEventException;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.Allocation;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.DisputeOutcome;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.DisputeResolved;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.InvoiceCredited;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.InvoiceDisputed;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.InvoiceIssued;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.InvoiceWrittenOff;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.PaymentReceived;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The exposure rows are moved by differences, event by event; they must never drift from what
 * the invoices add up to. A seeded mix of every kind of event (payments before and after their
 * invoices, over-payments, credit notes, disputes, write-offs, repeats and rejected events) is
 * applied one event per transaction, and after each one every exposure row of the buyer is
 * compared with the sum over the buyer's invoices, computed by SQL straight from the invoice table.
 */
@QuarkusTest
class ExposureInvariantTest {

    private static final String[] CURRENCIES = {"EUR", "USD"};
    private static final LocalDate DAY = LocalDate.of(2026, 10, 1);

    @Inject
    ExposureLedger ledger;
    @Inject
    EntityManager em;

    @Test
    void theExposureRowsAlwaysEqualTheSumOverTheBuyersInvoices() {
        Random random = new Random(20261123);
        String buyer = "B-MIX-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> issuedCurrency = new HashMap<>();
        List<String> disputes = new ArrayList<>();
        int applied = 0;
        int rejected = 0;
        boolean sawDisputedExposure = false;

        for (int step = 0; step < 400; step++) {
            // a window of invoice numbers that moves on: new invoices keep coming, payments name
            // some that are not issued yet, older ones get settled
            List<String> numbers = new ArrayList<>();
            for (int i = step / 10; i < step / 10 + 6; i++) {
                numbers.add("INV-" + i);
            }
            String number = numbers.get(random.nextInt(numbers.size()));
            String currency = issuedCurrency.getOrDefault(number, CURRENCIES[random.nextInt(2)]);
            BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(200_000), 2);
            int kind = random.nextInt(100);
            Runnable event;
            if (kind < 25) {
                String issuedIn = CURRENCIES[random.nextInt(2)];
                event = () -> ledger.invoiceIssued(new InvoiceIssued(buyer, number, DAY, DAY.plusDays(random.nextInt(60)),
                        amount, issuedIn, null, 30));
            } else if (kind < 55) {
                // a payment over one or two invoices, some not issued yet, sometimes in the wrong currency
                String other = numbers.get(random.nextInt(numbers.size()));
                BigDecimal second = BigDecimal.valueOf(1 + random.nextInt(50_000), 2);
                String paidIn = random.nextInt(10) == 0 ? "USD" : currency;
                event = () -> ledger.paymentReceived(new PaymentReceived(buyer, "PAY-" + UUID.randomUUID(), DAY.plusDays(20),
                        amount.add(second), paidIn, null, List.of(new Allocation(number, amount), new Allocation(other, second))));
            } else if (kind < 70) {
                event = () -> ledger.invoiceCredited(new InvoiceCredited(buyer, "CN-" + UUID.randomUUID(), number, DAY.plusDays(10),
                        amount, currency, null));
            } else if (kind < 82) {
                String disputeId = "DSP-" + step;
                event = () -> {
                    ledger.invoiceDisputed(new InvoiceDisputed(buyer, disputeId, number, amount, currency, DAY.plusDays(5), "damaged"));
                    disputes.add(disputeId + "|" + number);
                };
            } else if (kind < 92 && !disputes.isEmpty()) {
                String[] dispute = disputes.get(random.nextInt(disputes.size())).split("\\|");
                event = () -> ledger.disputeResolved(new DisputeResolved(buyer, dispute[0], dispute[1], DAY.plusDays(15),
                        DisputeOutcome.REJECTED, null, null, null));
            } else {
                event = () -> ledger.invoiceWrittenOff(new InvoiceWrittenOff(buyer, number, amount, currency, DAY.plusDays(40), null));
            }
            try {
                QuarkusTransaction.requiringNew().run(event);
                applied++;
            } catch (MalformedEventException e) {
                rejected++; // rolled back whole, like a dead-lettered event
            }
            QuarkusTransaction.requiringNew().run(() -> {
                List<Invoice> invoices = Invoice.list("buyerId", buyer);
                invoices.forEach(i -> issuedCurrency.put(i.invoiceNumber, i.currency));
            });
            Map<String, Row> rows = assertRowsEqualTheInvoices(buyer, step);
            sawDisputedExposure |= rows.values().stream().anyMatch(r -> r.openInvoices > 1 && r.disputed.signum() > 0);
        }

        // the mix really exercised the rules: events were applied and rejected, allocations were
        // applied, and some waited for an invoice that then came in another currency
        assertTrue(applied > 200 && rejected > 10, "applied " + applied + ", rejected " + rejected);
        assertTrue(allocations(buyer, PaymentAllocation.Status.APPLIED) > 0);
        assertTrue(allocations(buyer, PaymentAllocation.Status.REJECTED) > 0);
        assertTrue(sawDisputedExposure, "the buyer had several open invoices, some disputed, at some point");
        Map<String, Row> finalRows = QuarkusTransaction.requiringNew().call(() -> rowsOf(buyer));
        assertTrue(finalRows.values().stream().anyMatch(r -> r.openInvoices > 0), "some exposure remains: " + finalRows);
    }

    private Map<String, Row> assertRowsEqualTheInvoices(String buyer, int step) {
        Map<String, Row> expected = QuarkusTransaction.requiringNew().call(() -> sumOverInvoices(buyer));
        Map<String, Row> actual = QuarkusTransaction.requiringNew().call(() -> rowsOf(buyer));
        for (String currency : CURRENCIES) {
            Row want = expected.getOrDefault(currency, Row.ZERO);
            Row have = actual.getOrDefault(currency, Row.ZERO);
            assertEquals(want.normalised(), have.normalised(), "exposure in " + currency + " after event " + step);
        }
        return actual;
    }

    private static long allocations(String buyer, PaymentAllocation.Status status) {
        return QuarkusTransaction.requiringNew().call(() -> PaymentAllocation.count("buyerId = ?1 and status = ?2", buyer, status));
    }

    private Map<String, Row> sumOverInvoices(String buyer) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT currency, COUNT(*), SUM(open_amount), SUM(LEAST(disputed_amount, open_amount))
                FROM (SELECT currency, disputed_amount,
                             amount - paid_amount - credited_amount - written_off_amount AS open_amount
                      FROM invoice WHERE buyer_id = ?1) i
                WHERE open_amount > 0
                GROUP BY currency""").setParameter(1, buyer).getResultList();
        Map<String, Row> sums = new TreeMap<>();
        for (Object[] row : rows) {
            sums.put((String) row[0], new Row(((Number) row[1]).intValue(), (BigDecimal) row[2], (BigDecimal) row[3]));
        }
        return sums;
    }

    private static Map<String, Row> rowsOf(String buyer) {
        Map<String, Row> rows = new TreeMap<>();
        for (BuyerExposure row : BuyerExposure.ofBuyer(buyer)) {
            rows.put(row.currency, new Row(row.openInvoices, row.openAmount, row.disputedAmount));
        }
        return rows;
    }

    record Row(int openInvoices, BigDecimal open, BigDecimal disputed) {
        static final Row ZERO = new Row(0, BigDecimal.ZERO, BigDecimal.ZERO);

        Row normalised() {
            return new Row(openInvoices, open.stripTrailingZeros(), disputed.stripTrailingZeros());
        }
    }
}
