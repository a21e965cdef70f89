package io.creditcontrol.limits.exposure;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.creditcontrol.limits.credit.ReservationService;
import io.creditcontrol.limits.messaging.MalformedEventException;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.Allocation;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.DisputeResolved;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.InvoiceCredited;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.InvoiceDisputed;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.InvoiceIssued;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.InvoiceWrittenOff;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.PaymentReceived;

/**
 * Applies invoice and payment events to limits' view of each buyer's invoices, and moves the
 * buyer's exposure rows by exactly the difference each event made, in the same transaction
 * (the inbox's, which also records the event as applied). Every method first takes the
 * buyer's lock ({@link Buyer#lock}), so a buyer's invoices and exposure change one event at a
 * time even though invoices and payments are consumed in parallel.
 *
 * <p>Rules, in the words of cash application:
 * <ul>
 * <li>A payment's allocations are applied to their invoices as the payer allocated them. An
 *     allocation to an invoice not seen yet (payments and invoices are different topics, so
 *     the payment can overtake its invoice) waits as pending and is applied when the invoice
 *     is issued; if that invoice turns out to be in another currency it is rejected instead.
 * <li>A payment without any allocation pays the buyer's oldest open invoices in its currency
 *     known when it arrives, each up to its undisputed open amount ({@link CashApplication}, the
 *     rule of collections-service and of the event contract); the rest stays unapplied.
 * <li>A credit note, dispute or write-off for an unknown invoice, or in another currency than
 *     its invoice, contradicts the invoices topic (where the invoice comes first) and can never
 *     be applied: it is rejected as malformed and dead-lettered with the reason.
 * <li>The same document sent again under a new event id (a business-level repeat) is
 *     recognised by its number and ignored; the same number with other content is a data
 *     error and dead-lettered.
 * </ul>
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ExposureLedger {

    private static final Logger LOG = Logger.getLogger(ExposureLedger.class);

    private final Clock clock;
    private final ReservationService reservations;

    ExposureLedger(Clock clock, ReservationService reservations) {
        this.clock = clock;
        this.reservations = reservations;
    }

    public void invoiceIssued(InvoiceIssued issued) {
        Buyer.lock(issued.buyerId());
        Invoice existing = Invoice.find(issued.buyerId(), issued.invoiceNumber());
        if (existing != null) {
            if (sameInvoice(existing, issued)) {
                LOG.warnf("Invoice %s of buyer %s was issued again under another event id; the repeat is ignored",
                        issued.invoiceNumber(), issued.buyerId());
                return;
            }
            throw new MalformedEventException("invoice " + issued.invoiceNumber() + " of buyer " + issued.buyerId()
                    + " was already issued with other amount, currency or dates");
        }
        if (issued.dueDate().isBefore(issued.issueDate())) {
            throw new MalformedEventException("invoice " + issued.invoiceNumber() + " is due before it was issued");
        }
        Invoice invoice = new Invoice();
        invoice.buyerId = issued.buyerId();
        invoice.invoiceNumber = issued.invoiceNumber();
        invoice.currency = issued.currency();
        invoice.amount = issued.amount();
        invoice.issueDate = issued.issueDate();
        invoice.dueDate = issued.dueDate();
        invoice.persist();

        Changes changes = new Changes(invoice.buyerId);
        changes.added(invoice);
        for (PaymentAllocation waiting : PaymentAllocation.pendingFor(invoice.buyerId, invoice.invoiceNumber)) {
            if (!waiting.currency.equals(invoice.currency)) {
                waiting.status = PaymentAllocation.Status.REJECTED;
                waiting.note = "invoice is in " + invoice.currency + ", the payment in " + waiting.currency;
                LOG.warnf("Payment %s of buyer %s allocated %s %s to invoice %s, which is in %s: not applied",
                        waiting.paymentReference, waiting.buyerId, waiting.amount, waiting.currency,
                        invoice.invoiceNumber, invoice.currency);
                continue;
            }
            changes.change(invoice, () -> invoice.paidAmount = invoice.paidAmount.add(waiting.amount));
            waiting.status = PaymentAllocation.Status.APPLIED;
        }
        changes.commit();
        if (issued.orderReference() != null && !issued.orderReference().isBlank()) {
            // the order is billed (in part or in full): that part of its hold becomes this invoice's exposure, in the same transaction
            reservations.invoiced(issued.buyerId(), issued.orderReference(), issued.amount(), issued.currency());
        }
    }

    public void invoiceCredited(InvoiceCredited credited) {
        Buyer.lock(credited.buyerId());
        Invoice invoice = invoiceOf(credited.buyerId(), credited.invoiceNumber(), credited.currency());
        CreditNote existing = CreditNote.find(credited.buyerId(), credited.creditNoteNumber());
        if (existing != null) {
            if (existing.invoiceNumber.equals(credited.invoiceNumber()) && existing.amount.compareTo(credited.amount()) == 0) {
                LOG.warnf("Credit note %s of buyer %s was sent again under another event id; the repeat is ignored",
                        credited.creditNoteNumber(), credited.buyerId());
                return;
            }
            throw new MalformedEventException("credit note " + credited.creditNoteNumber() + " of buyer "
                    + credited.buyerId() + " was already received for another invoice or amount");
        }
        CreditNote note = new CreditNote();
        note.buyerId = credited.buyerId();
        note.creditNoteNumber = credited.creditNoteNumber();
        note.invoiceNumber = credited.invoiceNumber();
        note.amount = credited.amount();
        note.issueDate = credited.issueDate();
        note.persist();

        Changes changes = new Changes(invoice.buyerId);
        changes.change(invoice, () -> invoice.creditedAmount = invoice.creditedAmount.add(credited.amount()));
        changes.commit();
    }

    public void invoiceDisputed(InvoiceDisputed disputed) {
        Buyer.lock(disputed.buyerId());
        Invoice invoice = invoiceOf(disputed.buyerId(), disputed.invoiceNumber(), disputed.currency());
        InvoiceDispute existing = InvoiceDispute.find(disputed.buyerId(), disputed.disputeId());
        if (existing != null) {
            if (existing.invoiceNumber.equals(disputed.invoiceNumber()) && existing.amount.compareTo(disputed.amount()) == 0) {
                LOG.warnf("Dispute %s of buyer %s was sent again under another event id; the repeat is ignored",
                        disputed.disputeId(), disputed.buyerId());
                return;
            }
            throw new MalformedEventException("dispute " + disputed.disputeId() + " of buyer " + disputed.buyerId()
                    + " was already opened for another invoice or amount");
        }
        InvoiceDispute dispute = new InvoiceDispute();
        dispute.buyerId = disputed.buyerId();
        dispute.disputeId = disputed.disputeId();
        dispute.invoiceNumber = disputed.invoiceNumber();
        dispute.amount = disputed.amount();
        dispute.openedOn = disputed.openedOn();
        dispute.persist();

        Changes changes = new Changes(invoice.buyerId);
        changes.change(invoice, () -> invoice.disputedAmount = invoice.disputedAmount.add(disputed.amount()));
        changes.commit();
    }

    /** Closes a dispute; if upheld, the credit note that lowers the open amount comes as its own event. */
    public void disputeResolved(DisputeResolved resolved) {
        Buyer.lock(resolved.buyerId());
        InvoiceDispute dispute = InvoiceDispute.find(resolved.buyerId(), resolved.disputeId());
        if (dispute == null || !dispute.invoiceNumber.equals(resolved.invoiceNumber())) {
            throw new MalformedEventException("dispute " + resolved.disputeId() + " on invoice " + resolved.invoiceNumber()
                    + " is not known for buyer " + resolved.buyerId());
        }
        Invoice invoice = Invoice.find(dispute.buyerId, dispute.invoiceNumber);
        if (resolved.currency() != null && !resolved.currency().equals(invoice.currency)) {
            throw new MalformedEventException("invoice " + invoice.invoiceNumber + " is in " + invoice.currency
                    + ", not " + resolved.currency());
        }
        if (!dispute.isOpen()) {
            LOG.warnf("Dispute %s of buyer %s is already resolved; the repeat is ignored", dispute.disputeId, dispute.buyerId);
            return;
        }
        dispute.resolvedOn = resolved.resolvedOn();
        dispute.outcome = resolved.outcome().name();

        Changes changes = new Changes(invoice.buyerId);
        changes.change(invoice, () -> invoice.disputedAmount = invoice.disputedAmount.subtract(dispute.amount).max(BigDecimal.ZERO));
        changes.commit();
    }

    public void invoiceWrittenOff(InvoiceWrittenOff writtenOff) {
        Buyer.lock(writtenOff.buyerId());
        Invoice invoice = invoiceOf(writtenOff.buyerId(), writtenOff.invoiceNumber(), writtenOff.currency());
        Changes changes = new Changes(invoice.buyerId);
        changes.change(invoice, () -> invoice.writtenOffAmount = invoice.writtenOffAmount.add(writtenOff.amount()));
        changes.commit();
    }

    public void paymentReceived(PaymentReceived received) {
        Buyer.lock(received.buyerId());
        ReceivedPayment existing = ReceivedPayment.find(received.buyerId(), received.paymentReference());
        if (existing != null) {
            if (existing.currency.equals(received.currency()) && existing.amount.compareTo(received.amount()) == 0
                    && existing.receivedOn.equals(received.receivedOn())) {
                LOG.warnf("Payment %s of buyer %s was sent again under another event id; the repeat is ignored",
                        received.paymentReference(), received.buyerId());
                return;
            }
            throw new MalformedEventException("payment " + received.paymentReference() + " of buyer " + received.buyerId()
                    + " was already received with other amount, currency or date");
        }
        BigDecimal allocated = received.allocations().stream().map(Allocation::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (allocated.compareTo(received.amount()) > 0) {
            throw new MalformedEventException("payment " + received.paymentReference() + " allocates " + allocated.toPlainString()
                    + " but is only " + received.amount().toPlainString());
        }
        ReceivedPayment payment = new ReceivedPayment();
        payment.buyerId = received.buyerId();
        payment.paymentReference = received.paymentReference();
        payment.currency = received.currency();
        payment.amount = received.amount();
        payment.receivedOn = received.receivedOn();
        payment.persist();

        Changes changes = new Changes(payment.buyerId);
        for (Allocation allocation : received.allocations()) {
            PaymentAllocation row = new PaymentAllocation();
            row.buyerId = payment.buyerId;
            row.paymentReference = payment.paymentReference;
            row.invoiceNumber = allocation.invoiceNumber();
            row.currency = payment.currency;
            row.amount = allocation.amount();
            Invoice invoice = Invoice.find(payment.buyerId, allocation.invoiceNumber());
            if (invoice == null) {
                // The invoice is on another topic and has not arrived yet: applied when it does.
                row.status = PaymentAllocation.Status.PENDING;
            } else if (!invoice.currency.equals(payment.currency)) {
                throw new MalformedEventException("payment " + payment.paymentReference + " in " + payment.currency
                        + " is allocated to invoice " + invoice.invoiceNumber + ", which is in " + invoice.currency);
            } else {
                changes.change(invoice, () -> invoice.paidAmount = invoice.paidAmount.add(allocation.amount()));
                row.status = PaymentAllocation.Status.APPLIED;
            }
            row.persist();
        }
        if (received.allocations().isEmpty()) {
            applyOldestFirst(payment, changes);
        }
        changes.commit();
    }

    /**
     * A payment the buyer did not allocate (no remittance advice) pays its oldest open invoices
     * in the same currency ({@link CashApplication}), as collections-service applies it, so the
     * invoice it paid is no longer exposure. Each invoice paid gets an APPLIED allocation row;
     * cash beyond every undisputed open amount stays unapplied and lowers nothing.
     */
    private static void applyOldestFirst(ReceivedPayment payment, Changes changes) {
        Map<String, Invoice> byNumber = new HashMap<>();
        List<CashApplication.Candidate> candidates = new ArrayList<>();
        for (Invoice invoice : Invoice.openIn(payment.buyerId, payment.currency)) {
            BigDecimal undisputedOpen = invoice.openAmount().subtract(invoice.disputedAmount).max(BigDecimal.ZERO);
            if (undisputedOpen.signum() > 0) {
                byNumber.put(invoice.invoiceNumber, invoice);
                candidates.add(new CashApplication.Candidate(invoice.invoiceNumber, invoice.dueDate, invoice.issueDate, undisputedOpen));
            }
        }
        CashApplication.oldestFirst(candidates, payment.amount).forEach((invoiceNumber, amount) -> {
            Invoice invoice = byNumber.get(invoiceNumber);
            changes.change(invoice, () -> invoice.paidAmount = invoice.paidAmount.add(amount));
            PaymentAllocation row = new PaymentAllocation();
            row.buyerId = payment.buyerId;
            row.paymentReference = payment.paymentReference;
            row.invoiceNumber = invoiceNumber;
            row.currency = payment.currency;
            row.amount = amount;
            row.status = PaymentAllocation.Status.APPLIED;
            row.note = "unallocated cash, applied oldest first";
            row.persist();
        });
    }

    private static boolean sameInvoice(Invoice invoice, InvoiceIssued issued) {
        return invoice.currency.equals(issued.currency()) && invoice.amount.compareTo(issued.amount()) == 0
                && invoice.issueDate.equals(issued.issueDate()) && invoice.dueDate.equals(issued.dueDate());
    }

    /** The invoice a credit note, dispute or write-off refers to; it precedes them on the invoices topic. */
    private static Invoice invoiceOf(String buyerId, String invoiceNumber, String currency) {
        Invoice invoice = Invoice.find(buyerId, invoiceNumber);
        if (invoice == null) {
            throw new MalformedEventException("invoice " + invoiceNumber + " is not known for buyer " + buyerId);
        }
        if (!invoice.currency.equals(currency)) {
            throw new MalformedEventException("invoice " + invoiceNumber + " is in " + invoice.currency + ", not " + currency);
        }
        return invoice;
    }

    /** What one event did to the buyer's exposure, per currency; written once, at the end of the event. */
    private final class Changes {

        private final String buyerId;
        private final Map<String, Contribution> byCurrency = new TreeMap<>();

        Changes(String buyerId) {
            this.buyerId = buyerId;
        }

        void added(Invoice invoice) {
            record(invoice.currency, invoice.contribution());
        }

        void change(Invoice invoice, Runnable change) {
            Contribution before = invoice.contribution();
            change.run();
            record(invoice.currency, invoice.contribution().minus(before));
        }

        private void record(String currency, Contribution delta) {
            byCurrency.merge(currency, delta, Contribution::plus);
        }

        void commit() {
            byCurrency.forEach((currency, delta) -> {
                if (!delta.isNone()) {
                    BuyerExposure.move(buyerId, currency, delta, clock.instant());
                }
            });
        }
    }
}
