package io.creditcontrol.collections.ledger;

import java.math.BigDecimal;

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
            // The same invoice number under another event id: the ERP sent the document twice.
            LOG.warnf("Invoice %s is already in the ledger; the repeated issue is ignored", issued.invoiceNumber());
            return;
        }
        OpenItem item = new OpenItem();
        item.invoiceNumber = issued.invoiceNumber();
        item.buyerId = issued.buyerId();
        item.currency = issued.currency();
        item.amount = issued.amount();
        item.issueDate = issued.issueDate();
        item.dueDate = issued.dueDate();
        item.orderReference = issued.orderReference();
        item.persist();
    }

    public void invoiceCredited(InvoiceCredited credited) {
        OpenItem item = invoiceOf(credited.buyerId(), credited.invoiceNumber(), credited.currency());
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
    }

    public void invoiceWrittenOff(InvoiceWrittenOff writtenOff) {
        OpenItem item = invoiceOf(writtenOff.buyerId(), writtenOff.invoiceNumber(), writtenOff.currency());
        item.writtenOffAmount = item.writtenOffAmount.add(writtenOff.amount());
    }

    /**
     * Cash application: each allocation is applied to its invoice up to that invoice's open
     * amount; whatever is left (no allocation, an over-payment, an unknown invoice) stays on
     * the payment as unapplied cash.
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
        payment.receivedOn = received.receivedOn();
        payment.method = received.method() == null ? null : received.method().name();
        BigDecimal unapplied = received.amount();
        payment.unappliedAmount = unapplied;
        payment.persist();
        for (Allocation allocation : received.allocations()) {
            OpenItem item = OpenItem.findById(allocation.invoiceNumber());
            if (item == null || !item.buyerId.equals(received.buyerId()) || !item.currency.equals(received.currency())) {
                LOG.warnf("Payment %s names invoice %s, which is not an open item of buyer %s in %s; left unapplied",
                        received.paymentReference(), allocation.invoiceNumber(), received.buyerId(), received.currency());
                continue;
            }
            BigDecimal applied = allocation.amount().min(unapplied).min(item.openAmount().max(BigDecimal.ZERO));
            if (applied.signum() <= 0) {
                continue;
            }
            item.paidAmount = item.paidAmount.add(applied);
            unapplied = unapplied.subtract(applied);
            PaymentAllocation row = new PaymentAllocation();
            row.paymentReference = payment.paymentReference;
            row.invoiceNumber = item.invoiceNumber;
            row.amount = applied;
            row.persist();
        }
        payment.unappliedAmount = unapplied;
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
