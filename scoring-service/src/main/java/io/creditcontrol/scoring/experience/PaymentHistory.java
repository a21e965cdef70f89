package io.creditcontrol.scoring.experience;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.creditcontrol.scoring.buyer.BuyerLock;
import io.creditcontrol.scoring.messaging.MalformedEventException;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.Allocation;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.DisputeResolved;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.InvoiceCredited;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.InvoiceDisputed;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.InvoiceIssued;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.InvoiceWrittenOff;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.PaymentReceived;

/**
 * The buyer's payment history with the seller, invoice by invoice, from credit.invoices.v1 and
 * credit.payments.v1. Every method runs inside the inbox transaction that records the event as
 * applied, after locking the buyer (see {@link BuyerLock}).
 *
 * <p>Events of one topic arrive in order, so a credit note, dispute or write-off for an invoice
 * this service does not know can never be applied: it is rejected as malformed and dead-lettered
 * with its reason, as is a document in another currency than its invoice. Payments travel on
 * their own topic and may overtake their invoice: an allocation to an unknown invoice is kept
 * PENDING and applied when the invoice arrives (see {@link PaymentAllocation}). A payment without
 * any allocation pays the buyer's oldest open invoices known when it arrives ({@link CashApplication}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class PaymentHistory {

    private static final Logger LOG = Logger.getLogger(PaymentHistory.class);

    private final BuyerLock lock;
    private final DocumentCache documents;

    PaymentHistory(BuyerLock lock, DocumentCache documents) {
        this.lock = lock;
        this.documents = documents;
    }

    public void invoiceIssued(InvoiceIssued issued) {
        lock.acquire(issued.buyerId());
        InvoiceExperience existing = documents.invoice(issued.buyerId(), issued.invoiceNumber()).orElse(null);
        if (existing != null) {
            if (sameInvoice(existing, issued)) {
                // the ERP sent the same document again under a new event id
                LOG.warnf("Invoice %s of buyer %s is already known; the repeat is ignored", issued.invoiceNumber(), issued.buyerId());
                return;
            }
            throw new MalformedEventException("invoice " + issued.invoiceNumber() + " of buyer " + issued.buyerId()
                    + " was already issued with another amount, currency or dates");
        }
        InvoiceExperience invoice = new InvoiceExperience();
        invoice.buyerId = issued.buyerId();
        invoice.invoiceNumber = issued.invoiceNumber();
        invoice.currency = issued.currency();
        invoice.amount = issued.amount();
        invoice.issueDate = issued.issueDate();
        invoice.dueDate = issued.dueDate();
        invoice.persist();
        documents.added(invoice);
        for (PaymentAllocation pending : documents.pendingFor(invoice.buyerId, invoice.invoiceNumber)) {
            if (!pending.currency.equals(invoice.currency)) {
                // The payment was fine when it arrived; the invoice is fine too. Neither can be
                // dead-lettered now, so the allocation is set aside and never counted.
                LOG.warnf("Payment %s allocated %s %s to invoice %s of buyer %s, which is in %s; the allocation is rejected",
                        pending.paymentReference, pending.allocatedAmount, pending.currency, invoice.invoiceNumber,
                        invoice.buyerId, invoice.currency);
                pending.status = PaymentAllocation.Status.REJECTED;
                continue;
            }
            apply(pending, invoice);
        }
    }

    public void invoiceCredited(InvoiceCredited credited) {
        lock.acquire(credited.buyerId());
        InvoiceExperience invoice = invoiceOf(credited.buyerId(), credited.invoiceNumber(), credited.currency(), "credit note " + credited.creditNoteNumber());
        InvoiceCreditNote existing = InvoiceCreditNote.of(credited.buyerId(), credited.creditNoteNumber()).orElse(null);
        if (existing != null) {
            if (existing.invoiceNumber.equals(credited.invoiceNumber()) && existing.amount.compareTo(credited.amount()) == 0) {
                LOG.warnf("Credit note %s of buyer %s is already known; the repeat is ignored", credited.creditNoteNumber(), credited.buyerId());
                return;
            }
            throw new MalformedEventException("credit note " + credited.creditNoteNumber() + " of buyer " + credited.buyerId()
                    + " was already received for another invoice or amount");
        }
        InvoiceCreditNote note = new InvoiceCreditNote();
        note.buyerId = credited.buyerId();
        note.creditNoteNumber = credited.creditNoteNumber();
        note.invoiceNumber = credited.invoiceNumber();
        note.amount = credited.amount();
        note.issueDate = credited.issueDate();
        note.persist();
        invoice.credit(credited.amount(), credited.issueDate());
    }

    public void invoiceDisputed(InvoiceDisputed disputed) {
        lock.acquire(disputed.buyerId());
        InvoiceExperience invoice = invoiceOf(disputed.buyerId(), disputed.invoiceNumber(), disputed.currency(), "dispute " + disputed.disputeId());
        if (InvoiceDispute.of(disputed.buyerId(), disputed.disputeId()).isPresent()) {
            LOG.warnf("Dispute %s of buyer %s is already known; the repeat is ignored", disputed.disputeId(), disputed.buyerId());
            return;
        }
        InvoiceDispute dispute = new InvoiceDispute();
        dispute.buyerId = disputed.buyerId();
        dispute.disputeId = disputed.disputeId();
        dispute.invoiceNumber = disputed.invoiceNumber();
        dispute.amount = disputed.amount();
        dispute.openedOn = disputed.openedOn();
        dispute.persist();
        invoice.disputedAmount = invoice.disputedAmount.add(disputed.amount());
    }

    public void disputeResolved(DisputeResolved resolved) {
        lock.acquire(resolved.buyerId());
        InvoiceDispute dispute = InvoiceDispute.of(resolved.buyerId(), resolved.disputeId())
                .orElseThrow(() -> new MalformedEventException("dispute " + resolved.disputeId() + " is not known for buyer " + resolved.buyerId()));
        if (!dispute.invoiceNumber.equals(resolved.invoiceNumber())) {
            throw new MalformedEventException("dispute " + resolved.disputeId() + " is about invoice " + dispute.invoiceNumber
                    + ", not " + resolved.invoiceNumber());
        }
        if (!dispute.isOpen()) {
            LOG.warnf("Dispute %s of buyer %s is already resolved; the repeat is ignored", resolved.disputeId(), resolved.buyerId());
            return;
        }
        dispute.resolvedOn = resolved.resolvedOn();
        dispute.outcome = resolved.outcome().name();
        InvoiceExperience invoice = documents.invoice(dispute.buyerId, dispute.invoiceNumber).orElseThrow();
        // an upheld dispute's credit note follows as its own credit.invoice.credited event
        invoice.disputedAmount = invoice.disputedAmount.subtract(dispute.amount).max(BigDecimal.ZERO);
    }

    public void invoiceWrittenOff(InvoiceWrittenOff writtenOff) {
        lock.acquire(writtenOff.buyerId());
        InvoiceExperience invoice = invoiceOf(writtenOff.buyerId(), writtenOff.invoiceNumber(), writtenOff.currency(), "write-off");
        invoice.writeOff(writtenOff.amount(), writtenOff.writtenOffOn());
    }

    public void paymentReceived(PaymentReceived received) {
        lock.acquire(received.buyerId());
        if (documents.payment(received.buyerId(), received.paymentReference()).isPresent()) {
            LOG.warnf("Payment %s of buyer %s is already known; the repeat is ignored", received.paymentReference(), received.buyerId());
            return;
        }
        BigDecimal allocated = received.allocations().stream().map(Allocation::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (allocated.compareTo(received.amount()) > 0) {
            throw new MalformedEventException("payment " + received.paymentReference() + " allocates " + allocated.toPlainString()
                    + ", more than its amount " + received.amount().toPlainString());
        }
        ReceivedPayment payment = new ReceivedPayment();
        payment.buyerId = received.buyerId();
        payment.paymentReference = received.paymentReference();
        payment.currency = received.currency();
        payment.amount = received.amount();
        payment.receivedOn = received.receivedOn();
        payment.method = received.method() == null ? null : received.method().name();
        payment.payerAccount = received.payerAccount();
        payment.persist();
        documents.added(payment);
        for (Allocation allocation : received.allocations()) {
            PaymentAllocation row = new PaymentAllocation();
            row.buyerId = received.buyerId();
            row.paymentReference = received.paymentReference();
            row.invoiceNumber = allocation.invoiceNumber();
            row.currency = received.currency();
            row.receivedOn = received.receivedOn();
            row.allocatedAmount = allocation.amount();
            row.status = PaymentAllocation.Status.PENDING;
            row.persist();
            documents.added(row);
            InvoiceExperience invoice = documents.invoice(received.buyerId(), allocation.invoiceNumber()).orElse(null);
            if (invoice == null) {
                // usual (the two topics are not ordered) and visible as pendingAllocations: not worth a line per payment
                LOG.debugf("Payment %s allocates %s to invoice %s of buyer %s, not known yet; the allocation waits for it",
                        received.paymentReference(), allocation.amount().toPlainString(), allocation.invoiceNumber(), received.buyerId());
                continue;
            }
            if (!invoice.currency.equals(received.currency())) {
                throw new MalformedEventException("payment " + received.paymentReference() + " is in " + received.currency()
                        + ", invoice " + invoice.invoiceNumber + " in " + invoice.currency);
            }
            apply(row, invoice);
        }
        if (received.allocations().isEmpty()) {
            applyOldestFirst(payment);
        }
    }

    /**
     * A payment the buyer did not allocate (no remittance advice) pays its oldest open invoices
     * in the same currency ({@link CashApplication}), as collections-service applies it, so the
     * invoice it paid is settled on the payment's value date, not counted as unpaid. Each invoice
     * paid gets an APPLIED allocation; cash beyond every undisputed open amount stays unapplied.
     */
    private void applyOldestFirst(ReceivedPayment payment) {
        Map<String, InvoiceExperience> byNumber = new HashMap<>();
        List<CashApplication.Candidate> candidates = new ArrayList<>();
        for (InvoiceExperience invoice : InvoiceExperience.unsettledOf(payment.buyerId, payment.currency)) {
            if (invoice.undisputedOpenAmount().signum() > 0) {
                byNumber.put(invoice.invoiceNumber, invoice);
                candidates.add(invoice.asCandidate());
            }
        }
        CashApplication.oldestFirst(candidates, payment.amount).forEach((invoiceNumber, amount) -> {
            PaymentAllocation row = new PaymentAllocation();
            row.buyerId = payment.buyerId;
            row.paymentReference = payment.paymentReference;
            row.invoiceNumber = invoiceNumber;
            row.currency = payment.currency;
            row.receivedOn = payment.receivedOn;
            row.allocatedAmount = amount;
            row.status = PaymentAllocation.Status.PENDING;
            row.persist();
            documents.added(row);
            apply(row, byNumber.get(invoiceNumber));
        });
    }

    private static void apply(PaymentAllocation allocation, InvoiceExperience invoice) {
        allocation.appliedAmount = invoice.pay(allocation.allocatedAmount, allocation.receivedOn);
        allocation.status = PaymentAllocation.Status.APPLIED;
        if (allocation.appliedAmount.compareTo(allocation.allocatedAmount) < 0) {
            LOG.warnf("Payment %s allocates %s to invoice %s of buyer %s, of which only %s was open; the rest is an over-payment",
                    allocation.paymentReference, allocation.allocatedAmount.toPlainString(), invoice.invoiceNumber,
                    invoice.buyerId, allocation.appliedAmount.toPlainString());
        }
    }

    private static boolean sameInvoice(InvoiceExperience known, InvoiceIssued issued) {
        return known.currency.equals(issued.currency()) && known.amount.compareTo(issued.amount()) == 0
                && known.issueDate.equals(issued.issueDate()) && known.dueDate.equals(issued.dueDate());
    }

    private InvoiceExperience invoiceOf(String buyerId, String invoiceNumber, String currency, String document) {
        InvoiceExperience invoice = documents.invoice(buyerId, invoiceNumber)
                .orElseThrow(() -> new MalformedEventException(document + " names invoice " + invoiceNumber
                        + ", which is not known for buyer " + buyerId));
        if (!invoice.currency.equals(currency)) {
            throw new MalformedEventException(document + " is in " + currency + ", invoice " + invoiceNumber + " in " + invoice.currency);
        }
        return invoice;
    }
}
