package io.creditcontrol.limits.exposure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.creditcontrol.limits.messaging.events.BuyerEvents.BuyerMasterData;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.Allocation;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.InvoiceIssued;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.PaymentReceived;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Invoices and payments are consumed in parallel. An invoice and the payment for it applied at
 * the same moment must neither lose the payment (each transaction not seeing the other: the
 * allocation left pending for an invoice that already exists) nor count it twice.
 */
@QuarkusTest
class ConcurrentEventsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 1);

    @Inject
    ExposureLedger ledger;
    @Inject
    BuyerRegistry buyers;

    @Test
    void aPaymentRacingItsInvoiceIsAppliedExactlyOnce() throws Exception {
        String buyer = "B-RACE-" + UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> buyers.masterDataChanged(
                new BuyerMasterData(buyer, "Racing GmbH", "DE", null, null, null, null)));
        int races = 25;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int race = 0; race < races; race++) {
                String invoice = "INV-" + race;
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<?>> both = new ArrayList<>();
                both.add(threads.submit(() -> {
                    start.await();
                    QuarkusTransaction.requiringNew().run(() -> ledger.invoiceIssued(
                            new InvoiceIssued(buyer, invoice, DAY, DAY.plusDays(30), new BigDecimal("100.00"), "EUR", null, 30)));
                    return null;
                }));
                both.add(threads.submit(() -> {
                    start.await();
                    QuarkusTransaction.requiringNew().run(() -> ledger.paymentReceived(new PaymentReceived(buyer,
                            "PAY-" + invoice, DAY.plusDays(3), new BigDecimal("40.00"), "EUR", null,
                            List.of(new Allocation(invoice, new BigDecimal("40.00"))))));
                    return null;
                }));
                for (Future<?> done : both) {
                    done.get(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            threads.shutdownNow();
        }

        long pending = QuarkusTransaction.requiringNew().call(() -> PaymentAllocation.count(
                "buyerId = ?1 and status = ?2", buyer, PaymentAllocation.Status.PENDING));
        assertEquals(0, pending, "allocations left waiting for invoices that exist");
        BuyerExposure eur = QuarkusTransaction.requiringNew().call(() -> BuyerExposure.ofBuyer(buyer).get(0));
        assertEquals(races, eur.openInvoices);
        assertEquals(0, new BigDecimal("1500.00").compareTo(eur.openAmount), "25 x (100 - 40) open, was " + eur.openAmount);
    }
}
