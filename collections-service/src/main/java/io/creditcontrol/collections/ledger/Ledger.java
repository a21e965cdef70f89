package io.creditcontrol.collections.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.creditcontrol.collections.messaging.MalformedEventException;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.Allocation;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.DisputeResolved;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.InvoiceCredited;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.InvoiceDisputed;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.InvoiceIssued;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.InvoiceWrittenOff;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.PaymentReceived;

/**
 * The receivables ledger: applies invoice and payment events to open items. Every method runs
 * inside the inbox transaction that records the event as applied. An event that contradicts
 * the ledger (a credit note for an unknown invoice, a currency mismatch) can never be applied
 * and is rejected as malformed, so it is dead-lettered with its reason instead of retried.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Ledger {

    private static final Logger LOG = Logger.getLogger(Ledger.class);

    public void invoiceIssued(InvoiceIssued issued) {
        OpenItem existing = OpenItem.findById(issued.invoiceNumber());
        if (existing != null) {
            if (sameDocument(existing, issued)) {
                // The same invoice under another event id: the ERP sent the document twice.
                LOG.warnf("Invoice %s is already in the ledger; the repeated issue is ignored", issued.invoiceNumber());
                return;
            }
            // An invoice number is used once in the seller's ledger: other content is a mistake to look at.
            throw new MalformedEventException("invoice " + issued.invoiceNumber() + " is already in the ledger with other content (buyer "
                    + existing.buyerId + ", " + existing.amount.stripTrailingZeros().toPlainString() + " " + existing.currency + ", due " + existing.dueDate + ")");
        }
        OpenItem item = new OpenItem();
        item.invoiceNumber = issued.invoiceNumber();
        item.buyerId = issued.buyerId();
        item.currency = issued.currency();
        item.amount = issued.amount();
        item.issueDate = issued.issueDate();
        item.dueDate = issued.dueDate();
        item.orderReference = issued.orderReference();
        // the dunning worker decides from the issue date on (a pre-due reminder may be due at once)
        item.dunningReviewOn = issued.issueDate();
        item.persist();
        applyPendingAllocations(item);
    }

    private static boolean sameDocument(OpenItem existing, InvoiceIssued issued) {
        return existing.buyerId.equals(issued.buyerId())
                && existing.currency.equals(issued.currency())
                && existing.amount.compareTo(issued.amount()) == 0
                && existing.issueDate.equals(issued.issueDate())
                && existing.dueDate.equals(issued.dueDate());
    }

    /** Payments that arrived before this invoice and named it are applied now. */
    private void applyPendingAllocations(OpenItem item) {
        for (PendingAllocation pending : PendingAllocation.forInvoice(item.invoiceNumber)) {
            ReceivedPayment payment = ReceivedPayment.findById(pending.paymentReference);
            if (payment.buyerId.equals(item.buyerId) && payment.currency.equals(item.currency)) {
                apply(payment, item, pending.amount);
            } else {
                LOG.warnf("Payment %s named invoice %s, which belongs to buyer %s in %s; left unapplied",
                        payment.paymentReference, item.invoiceNumber, item.buyerId, item.currency);
            }
            pending.delete();
        }
    }

    public void invoiceCredited(InvoiceCredited credited) {
        OpenItem item = invoiceOf(credited.buyerId(), credited.invoiceNumber(), credited.currency());
        if (InvoiceCredit.findById(credited.creditNoteNumber()) != null) {
            LOG.warnf("Credit note %s is already in the ledger; the repeat is ignored", credited.creditNoteNumber());
            return;
        }
        InvoiceCredit credit = new InvoiceCredit();
        credit.creditNoteNumber = credited.creditNoteNumber();
        credit.invoiceNumber = item.invoiceNumber;
        credit.amount = credited.amount();
        credit.issuedOn = credited.issueDate();
        credit.persist();
        item.creditedAmount = item.creditedAmount.add(credited.amount());
    }

    public void invoiceDisputed(InvoiceDisputed disputed) {
        OpenItem item = invoiceOf(disputed.buyerId(), disputed.invoiceNumber(), disputed.currency());
        if (InvoiceDispute.findById(disputed.disputeId()) != null) {
            LOG.warnf("Dispute %s is already recorded; the repeat is ignored", disputed.disputeId());
            return;
        }
        InvoiceDispute dispute = new InvoiceDispute();
        dispute.disputeId = disputed.disputeId();
        dispute.invoiceNumber = item.invoiceNumber;
        dispute.buyerId = item.buyerId;
        dispute.amount = disputed.amount();
        dispute.reason = disputed.reason();
        dispute.openedOn = disputed.openedOn();
        dispute.persist();
        item.disputedAmount = item.disputedAmount.add(disputed.amount());
    }

    public void disputeResolved(DisputeResolved resolved) {
        InvoiceDispute dispute = InvoiceDispute.findById(resolved.disputeId());
        if (dispute == null || !dispute.buyerId.equals(resolved.buyerId())) {
            throw new MalformedEventException("dispute " + resolved.disputeId() + " is not known for buyer " + resolved.buyerId());
        }
        if (!dispute.isOpen()) {
            return;
        }
        dispute.resolvedOn = resolved.resolvedOn();
        dispute.outcome = resolved.outcome().name();
        OpenItem item = OpenItem.findById(dispute.invoiceNumber);
        item.disputedAmount = item.disputedAmount.subtract(dispute.amount).max(BigDecimal.ZERO);
        // the amount is chased again: the worker picks the sequence up where it paused
        item.reviewDunningBy(resolved.resolvedOn());
    }

    public void invoiceWrittenOff(InvoiceWrittenOff writtenOff) {
        OpenItem item = invoiceOf(writtenOff.buyerId(), writtenOff.invoiceNumber(), writtenOff.currency());
        InvoiceWriteOff row = new InvoiceWriteOff();
        row.invoiceNumber = item.invoiceNumber;
        row.amount = writtenOff.amount();
        row.writtenOffOn = writtenOff.writtenOffOn();
        row.reason = writtenOff.reason();
        row.persist();
        item.writtenOffAmount = item.writtenOffAmount.add(writtenOff.amount());
    }

    /**
     * Cash application: each allocation is applied to its invoice up to that invoice's open
     * amount; whatever is left (no allocation, an over-payment, an invoice of another buyer or
     * currency) stays on the payment as unapplied cash. An allocation to an invoice the ledger
     * has not received yet waits for it (invoices and payments are separate topics).
     */
    public void paymentReceived(PaymentReceived received) {
        if (ReceivedPayment.findById(received.paymentReference()) != null) {
            LOG.warnf("Payment %s is already in the ledger; the repeat is ignored", received.paymentReference());
            return;
        }
        ReceivedPayment payment = new ReceivedPayment();
        payment.paymentReference = received.paymentReference();
        payment.buyerId = received.buyerId();
        payment.currency = received.currency();
        payment.amount = received.amount();
        payment.unappliedAmount = received.amount();
        payment.receivedOn = received.receivedOn();
        payment.method = received.method() == null ? null : received.method().name();
        payment.persist();
        for (Allocation allocation : received.allocations()) {
            OpenItem item = OpenItem.findById(allocation.invoiceNumber());
            if (item == null) {
                PendingAllocation pending = new PendingAllocation();
                pending.paymentReference = payment.paymentReference;
                pending.invoiceNumber = allocation.invoiceNumber();
                pending.amount = allocation.amount();
                pending.persist();
            } else if (item.buyerId.equals(received.buyerId()) && item.currency.equals(received.currency())) {
                apply(payment, item, allocation.amount());
            } else {
                LOG.warnf("Payment %s names invoice %s, which belongs to buyer %s in %s; left unapplied",
                        received.paymentReference(), allocation.invoiceNumber(), item.buyerId, item.currency);
            }
        }
        if (received.allocations().isEmpty()) {
            applyOldestFirst(payment);
        }
    }

    /**
     * A payment the buyer did not allocate pays its oldest open items in the same currency
     * ({@link CashApplication}); without any, it stays unapplied cash. An over-payment of
     * allocated invoices is not spread: the buyer said what it paid, so the rest is unapplied.
     */
    private static void applyOldestFirst(ReceivedPayment payment) {
        List<OpenItem> open = OpenItem.list("buyerId = ?1 and currency = ?2", payment.buyerId, payment.currency);
        Map<String, OpenItem> byNumber = new HashMap<>();
        List<CashApplication.Candidate> candidates = new ArrayList<>();
        for (OpenItem item : open) {
            if (item.chasedAmount().signum() > 0) {
                byNumber.put(item.invoiceNumber, item);
                candidates.add(new CashApplication.Candidate(item.invoiceNumber, item.dueDate, item.issueDate, item.chasedAmount()));
            }
        }
        CashApplication.oldestFirst(candidates, payment.unappliedAmount)
                .forEach((invoiceNumber, amount) -> apply(payment, byNumber.get(invoiceNumber), amount));
    }

    /** Applies up to {@code requested} of the payment's unapplied cash to the invoice's open amount. */
    private static void apply(ReceivedPayment payment, OpenItem item, BigDecimal requested) {
        BigDecimal applied = requested.min(payment.unappliedAmount).min(item.openAmount().max(BigDecimal.ZERO));
        if (applied.signum() <= 0) {
            return;
        }
        item.paidAmount = item.paidAmount.add(applied);
        payment.unappliedAmount = payment.unappliedAmount.subtract(applied);
        PaymentAllocation row = new PaymentAllocation();
        row.paymentReference = payment.paymentReference;
        row.invoiceNumber = item.invoiceNumber;
        row.amount = applied;
        row.receivedOn = payment.receivedOn;
        row.persist();
    }

    private static OpenItem invoiceOf(String buyerId, String invoiceNumber, String currency) {
        OpenItem item = OpenItem.findById(invoiceNumber);
        if (item == null || !item.buyerId.equals(buyerId)) {
            throw new MalformedEventException("invoice " + invoiceNumber + " is not in the ledger of buyer " + buyerId);
        }
        if (!item.currency.equals(currency)) {
            throw new MalformedEventException("invoice " + invoiceNumber + " is in " + item.currency + ", not " + currency);
        }
        return item;
    }
}
