package io.creditcontrol.scoring.experience;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.Allocation;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.InvoiceCredited;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.InvoiceDisputed;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.InvoiceIssued;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.PaymentReceived;

/**
 * The {@link PaymentHistory} rules applied in memory, for the backtest's ledger replay: the same
 * {@link InvoiceExperience} objects, settled by their own {@code pay}/{@code credit} (so the open
 * amount and settlement day are computed by the service's code), disputes adding to and resolutions
 * removing from the disputed amount, allocations to an invoice not known yet waiting for it, and
 * unallocated payments paying the oldest open invoices ({@link CashApplication}).
 * Documents the service would dead-letter (unknown invoice, other currency) are skipped and counted.
 * Nothing is persisted.
 */
public final class ReplayedPaymentHistory {

    private final Map<String, Map<String, InvoiceExperience>> invoices = new HashMap<>();
    private final Map<String, Set<String>> disputedInvoices = new HashMap<>();
    private final Map<String, InvoiceDispute> openDisputes = new HashMap<>();
    private final Map<String, List<PaymentAllocation>> pending = new HashMap<>();
    private final Set<String> creditNotes = new HashSet<>();
    private final Set<String> payments = new HashSet<>();
    private int skipped;

    public void invoiceIssued(InvoiceIssued issued) {
        Map<String, InvoiceExperience> ofBuyer = invoices.computeIfAbsent(issued.buyerId(), b -> new LinkedHashMap<>());
        if (ofBuyer.containsKey(issued.invoiceNumber())) {
            skipped++;
            return;
        }
        InvoiceExperience invoice = new InvoiceExperience();
        invoice.buyerId = issued.buyerId();
        invoice.invoiceNumber = issued.invoiceNumber();
        invoice.currency = issued.currency();
        invoice.amount = issued.amount();
        invoice.issueDate = issued.issueDate();
        invoice.dueDate = issued.dueDate();
        ofBuyer.put(invoice.invoiceNumber, invoice);
        List<PaymentAllocation> waiting = pending.remove(issued.buyerId() + "|" + issued.invoiceNumber());
        for (PaymentAllocation allocation : waiting == null ? List.<PaymentAllocation>of() : waiting) {
            if (allocation.currency.equals(invoice.currency)) {
                invoice.pay(allocation.allocatedAmount, allocation.receivedOn);
            } else {
                skipped++;
            }
        }
    }

    public void invoiceCredited(InvoiceCredited credited) {
        InvoiceExperience invoice = invoice(credited.buyerId(), credited.invoiceNumber(), credited.currency());
        if (invoice == null || !creditNotes.add(credited.buyerId() + "|" + credited.creditNoteNumber())) {
            skipped++;
            return;
        }
        invoice.credit(credited.amount(), credited.issueDate());
    }

    public void invoiceDisputed(InvoiceDisputed disputed) {
        InvoiceExperience invoice = invoice(disputed.buyerId(), disputed.invoiceNumber(), disputed.currency());
        String key = disputed.buyerId() + "|" + disputed.disputeId();
        if (invoice == null || openDisputes.containsKey(key)) {
            skipped++;
            return;
        }
        InvoiceDispute dispute = new InvoiceDispute();
        dispute.buyerId = disputed.buyerId();
        dispute.disputeId = disputed.disputeId();
        dispute.invoiceNumber = disputed.invoiceNumber();
        dispute.amount = disputed.amount();
        dispute.openedOn = disputed.openedOn();
        openDisputes.put(key, dispute);
        disputedInvoices.computeIfAbsent(disputed.buyerId(), b -> new HashSet<>()).add(disputed.invoiceNumber());
        invoice.disputedAmount = invoice.disputedAmount.add(disputed.amount());
    }

    /** Closes the dispute: its amount is no longer disputed (an upheld dispute's credit note comes as its own document). */
    public void disputeResolved(String buyerId, String disputeId, java.time.LocalDate resolvedOn) {
        InvoiceDispute dispute = openDisputes.remove(buyerId + "|" + disputeId);
        if (dispute == null) {
            skipped++;
            return;
        }
        dispute.resolvedOn = resolvedOn;
        InvoiceExperience invoice = invoices.get(buyerId).get(dispute.invoiceNumber);
        invoice.disputedAmount = invoice.disputedAmount.subtract(dispute.amount).max(BigDecimal.ZERO);
    }

    public void paymentReceived(PaymentReceived received) {
        BigDecimal allocated = received.allocations().stream().map(Allocation::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (allocated.compareTo(received.amount()) > 0 || !payments.add(received.buyerId() + "|" + received.paymentReference())) {
            skipped++;
            return;
        }
        for (Allocation allocation : received.allocations()) {
            PaymentAllocation row = new PaymentAllocation();
            row.buyerId = received.buyerId();
            row.paymentReference = received.paymentReference();
            row.invoiceNumber = allocation.invoiceNumber();
            row.currency = received.currency();
            row.receivedOn = received.receivedOn();
            row.allocatedAmount = allocation.amount();
            InvoiceExperience invoice = invoices.getOrDefault(received.buyerId(), Map.of()).get(allocation.invoiceNumber());
            if (invoice == null) {
                pending.computeIfAbsent(received.buyerId() + "|" + allocation.invoiceNumber(), k -> new ArrayList<>()).add(row);
            } else if (!invoice.currency.equals(received.currency())) {
                skipped++;
            } else {
                invoice.pay(row.allocatedAmount, row.receivedOn);
            }
        }
        if (received.allocations().isEmpty()) {
            Map<String, InvoiceExperience> ofBuyer = invoices.getOrDefault(received.buyerId(), Map.of());
            List<CashApplication.Candidate> candidates = ofBuyer.values().stream()
                    .filter(i -> i.currency.equals(received.currency()) && i.undisputedOpenAmount().signum() > 0)
                    .map(InvoiceExperience::asCandidate)
                    .toList();
            CashApplication.oldestFirst(candidates, received.amount())
                    .forEach((invoiceNumber, amount) -> ofBuyer.get(invoiceNumber).pay(amount, received.receivedOn()));
        }
    }

    /** The buyer's invoices, in the order the service reads them (due date, then invoice number). */
    public List<InvoiceExperience> invoicesOf(String buyerId) {
        List<InvoiceExperience> list = new ArrayList<>(invoices.getOrDefault(buyerId, Map.of()).values());
        list.sort(java.util.Comparator.comparing((InvoiceExperience i) -> i.dueDate).thenComparing(i -> i.invoiceNumber));
        return list;
    }

    /** Invoices of the buyer ever disputed. */
    public Set<String> disputedInvoicesOf(String buyerId) {
        return disputedInvoices.getOrDefault(buyerId, Set.of());
    }

    /** Documents the service would have rejected or ignored as repeats. */
    public int skipped() {
        return skipped;
    }

    private InvoiceExperience invoice(String buyerId, String invoiceNumber, String currency) {
        InvoiceExperience invoice = invoices.getOrDefault(buyerId, Map.of()).get(invoiceNumber);
        return invoice == null || !invoice.currency.equals(currency) ? null : invoice;
    }
}
