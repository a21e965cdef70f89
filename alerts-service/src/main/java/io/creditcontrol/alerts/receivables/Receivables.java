package io.creditcontrol.alerts.receivables;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.creditcontrol.alerts.buyers.Buyer;
import io.creditcontrol.alerts.messaging.MalformedEventException;
import io.creditcontrol.alerts.messaging.events.ReceivablesEvents.Allocation;
import io.creditcontrol.alerts.messaging.events.ReceivablesEvents.DisputeResolved;
import io.creditcontrol.alerts.messaging.events.ReceivablesEvents.InvoiceCredited;
import io.creditcontrol.alerts.messaging.events.ReceivablesEvents.InvoiceDisputed;
import io.creditcontrol.alerts.messaging.events.ReceivablesEvents.InvoiceIssued;
import io.creditcontrol.alerts.messaging.events.ReceivablesEvents.InvoiceWrittenOff;
import io.creditcontrol.alerts.messaging.events.ReceivablesEvents.PaymentReceived;
import io.creditcontrol.alerts.receivables.PaymentAllocation.Status;

/**
 * Applies invoice and payment events to the receivables the warning rules read, keeping the
 * portfolio totals in step. Every method runs inside the inbox transaction that records the
 * event as applied, after locking the buyer (see {@link Buyer#lockForUpdate}).
 * <p>
 * Ordering: an invoice's credit notes, disputes and write-offs travel on its own topic behind
 * it, so one that names an unknown invoice can never be applied and is dead-lettered. A payment
 * travels on another topic and may overtake its invoice: its allocation to an invoice not seen
 * yet is kept pending and applied when the invoice arrives. A payment without any allocation is
 * applied to the buyer's oldest open invoices it finds when it arrives ({@link CashApplication}).
 * <p>
 * Repeats: a document that is already recorded under its number (invoice, credit note,
 * dispute, payment reference) is ignored when it says the same, and dead-lettered when it
 * contradicts what was recorded.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Receivables {

    private static final Logger LOG = Logger.getLogger(Receivables.class);

    private final PortfolioTotals portfolio;

    Receivables(PortfolioTotals portfolio) {
        this.portfolio = portfolio;
    }

    public void invoiceIssued(InvoiceIssued issued) {
        Buyer.lockForUpdate(issued.buyerId());
        Receivable existing = Receivable.of(issued.buyerId(), issued.invoiceNumber());
        if (existing != null) {
            if (existing.currency.equals(issued.currency()) && existing.amount.compareTo(issued.amount()) == 0
                    && existing.issueDate.equals(issued.issueDate()) && existing.dueDate.equals(issued.dueDate())) {
                LOG.warnf("Invoice %s of buyer %s was issued again under another event id; the repeat is ignored",
                        issued.invoiceNumber(), issued.buyerId());
                return;
            }
            throw new MalformedEventException("invoice " + issued.invoiceNumber() + " of buyer " + issued.buyerId()
                    + " was already issued with another amount, currency or dates");
        }
        Receivable item = Receivable.issued(issued.buyerId(), issued.invoiceNumber(), issued.currency(), issued.amount(),
                issued.issueDate(), issued.dueDate());
        item.persist();
        portfolio.adjust(item.currency, item.amount);
        for (PaymentAllocation pending : PaymentAllocation.pendingFor(item.buyerId, item.invoiceNumber)) {
            if (!pending.payment.currency.equals(item.currency)) {
                // The payment was valid when it came; the invoice is valid too. Neither can be
                // refused now, so the allocation stays unapplied cash for someone to look at.
                LOG.warnf("Payment %s of buyer %s in %s was allocated to invoice %s, which arrived in %s; left unapplied",
                        pending.payment.paymentReference, item.buyerId, pending.payment.currency, item.invoiceNumber, item.currency);
                pending.status = Status.UNAPPLIED.name();
                pending.note = "invoice is in " + item.currency + ", payment in " + pending.payment.currency;
                continue;
            }
            apply(pending, item);
        }
    }

    public void paymentReceived(PaymentReceived received) {
        Buyer.lockForUpdate(received.buyerId());
        ReceivedPayment existing = ReceivedPayment.of(received.buyerId(), received.paymentReference());
        if (existing != null) {
            if (existing.currency.equals(received.currency()) && existing.amount.compareTo(received.amount()) == 0
                    && existing.receivedOn.equals(received.receivedOn())) {
                LOG.warnf("Payment %s of buyer %s was received again under another event id; the repeat is ignored",
                        received.paymentReference(), received.buyerId());
                return;
            }
            throw new MalformedEventException("payment " + received.paymentReference() + " of buyer " + received.buyerId()
                    + " was already received with another amount, currency or date");
        }
        ReceivedPayment payment = new ReceivedPayment();
        payment.buyerId = received.buyerId();
        payment.paymentReference = received.paymentReference();
        payment.currency = received.currency();
        payment.amount = received.amount();
        payment.receivedOn = received.receivedOn();
        payment.method = received.method() == null ? null : received.method().name();
        payment.persist();
        for (Allocation allocated : received.allocations()) {
            Receivable item = Receivable.of(received.buyerId(), allocated.invoiceNumber());
            if (item != null && !item.currency.equals(received.currency())) {
                throw new MalformedEventException("payment " + received.paymentReference() + " in " + received.currency()
                        + " is allocated to invoice " + item.invoiceNumber + ", which is in " + item.currency);
            }
            PaymentAllocation allocation = new PaymentAllocation();
            allocation.payment = payment;
            allocation.buyerId = received.buyerId();
            allocation.invoiceNumber = allocated.invoiceNumber();
            allocation.amount = allocated.amount();
            allocation.status = Status.PENDING.name();
            allocation.persist();
            if (item == null) {
                LOG.infof("Payment %s of buyer %s names invoice %s, not seen yet; the allocation waits for it",
                        received.paymentReference(), received.buyerId(), allocated.invoiceNumber());
            } else {
                apply(allocation, item);
            }
        }
        if (received.allocations().isEmpty()) {
            applyOldestFirst(payment);
        }
    }

    /**
     * A payment the buyer did not allocate (no remittance advice) pays its oldest open invoices
     * in the same currency ({@link CashApplication}), as collections-service applies it; without
     * any, it stays unapplied cash. Each invoice paid gets an allocation row, so the payment's
     * unapplied cash shrinks by what was applied. An over-payment of allocated invoices is not
     * spread: the buyer said what it paid.
     */
    private void applyOldestFirst(ReceivedPayment payment) {
        Map<String, Receivable> byNumber = new HashMap<>();
        List<CashApplication.Candidate> candidates = new ArrayList<>();
        for (Receivable item : Receivable.<Receivable>list("buyerId = ?1 and currency = ?2", payment.buyerId, payment.currency)) {
            BigDecimal undisputedOpen = item.openAmount.subtract(item.disputedAmount).max(BigDecimal.ZERO);
            if (undisputedOpen.signum() > 0) {
                byNumber.put(item.invoiceNumber, item);
                candidates.add(new CashApplication.Candidate(item.invoiceNumber, item.dueDate, item.issueDate, undisputedOpen));
            }
        }
        CashApplication.oldestFirst(candidates, payment.amount).forEach((invoiceNumber, amount) -> {
            PaymentAllocation allocation = new PaymentAllocation();
            allocation.payment = payment;
            allocation.buyerId = payment.buyerId;
            allocation.invoiceNumber = invoiceNumber;
            allocation.amount = amount;
            allocation.status = Status.PENDING.name();
            allocation.note = "unallocated cash, applied oldest first";
            allocation.persist();
            apply(allocation, byNumber.get(invoiceNumber));
        });
    }

    public void invoiceCredited(InvoiceCredited credited) {
        Buyer.lockForUpdate(credited.buyerId());
        Receivable item = invoiceOf(credited.buyerId(), credited.invoiceNumber(), credited.currency());
        CreditNote existing = CreditNote.of(credited.buyerId(), credited.creditNoteNumber());
        if (existing != null) {
            if (existing.receivable.id.equals(item.id) && existing.amount.compareTo(credited.amount()) == 0) {
                LOG.warnf("Credit note %s of buyer %s was sent again under another event id; the repeat is ignored",
                        credited.creditNoteNumber(), credited.buyerId());
                return;
            }
            throw new MalformedEventException("credit note " + credited.creditNoteNumber() + " of buyer " + credited.buyerId()
                    + " was already recorded for another invoice or amount");
        }
        CreditNote note = new CreditNote();
        note.buyerId = credited.buyerId();
        note.creditNoteNumber = credited.creditNoteNumber();
        note.receivable = item;
        note.amount = credited.amount();
        note.issueDate = credited.issueDate();
        note.persist();
        BigDecimal openBefore = item.openAmount;
        item.credit(credited.amount(), credited.issueDate());
        portfolio.adjust(item.currency, item.openAmount.subtract(openBefore));
    }

    public void invoiceDisputed(InvoiceDisputed disputed) {
        Buyer.lockForUpdate(disputed.buyerId());
        Receivable item = invoiceOf(disputed.buyerId(), disputed.invoiceNumber(), disputed.currency());
        InvoiceDispute existing = InvoiceDispute.of(disputed.buyerId(), disputed.disputeId());
        if (existing != null) {
            if (existing.receivable.id.equals(item.id) && existing.amount.compareTo(disputed.amount()) == 0) {
                LOG.warnf("Dispute %s of buyer %s was sent again under another event id; the repeat is ignored",
                        disputed.disputeId(), disputed.buyerId());
                return;
            }
            throw new MalformedEventException("dispute " + disputed.disputeId() + " of buyer " + disputed.buyerId()
                    + " was already recorded for another invoice or amount");
        }
        if (item.disputedAmount.add(disputed.amount()).compareTo(item.amount) > 0) {
            throw new MalformedEventException("dispute " + disputed.disputeId() + " would make more than the "
                    + item.amount.toPlainString() + " " + item.currency + " of invoice " + item.invoiceNumber + " disputed");
        }
        InvoiceDispute dispute = new InvoiceDispute();
        dispute.buyerId = disputed.buyerId();
        dispute.disputeId = disputed.disputeId();
        dispute.receivable = item;
        dispute.amount = disputed.amount();
        dispute.openedOn = disputed.openedOn();
        dispute.persist();
        item.disputedAmount = item.disputedAmount.add(disputed.amount());
    }

    /** Closes a dispute; an upheld one is followed by its own credit note, which reduces what is open. */
    public void disputeResolved(DisputeResolved resolved) {
        Buyer.lockForUpdate(resolved.buyerId());
        InvoiceDispute dispute = InvoiceDispute.of(resolved.buyerId(), resolved.disputeId());
        if (dispute == null || !dispute.receivable.invoiceNumber.equals(resolved.invoiceNumber())) {
            throw new MalformedEventException("dispute " + resolved.disputeId() + " of invoice " + resolved.invoiceNumber()
                    + " is not known for buyer " + resolved.buyerId());
        }
        if (!dispute.isOpen()) {
            LOG.warnf("Dispute %s of buyer %s is already resolved; the repeat is ignored", resolved.disputeId(), resolved.buyerId());
            return;
        }
        dispute.resolvedOn = resolved.resolvedOn();
        dispute.outcome = resolved.outcome().name();
        Receivable item = dispute.receivable;
        item.disputedAmount = item.disputedAmount.subtract(dispute.amount).max(BigDecimal.ZERO);
    }

    public void invoiceWrittenOff(InvoiceWrittenOff writtenOff) {
        Buyer.lockForUpdate(writtenOff.buyerId());
        Receivable item = invoiceOf(writtenOff.buyerId(), writtenOff.invoiceNumber(), writtenOff.currency());
        BigDecimal openBefore = item.openAmount;
        item.writeOff(writtenOff.amount(), writtenOff.writtenOffOn());
        portfolio.adjust(item.currency, item.openAmount.subtract(openBefore));
    }

    /** Cash application: up to what the invoice still has open; the rest stays unapplied cash. */
    private void apply(PaymentAllocation allocation, Receivable item) {
        BigDecimal applied = item.pay(allocation.amount, allocation.payment.receivedOn);
        portfolio.adjust(item.currency, applied.negate());
        allocation.appliedAmount = applied;
        if (applied.signum() == 0) {
            allocation.status = Status.UNAPPLIED.name();
            allocation.note = "nothing was open on the invoice";
        } else {
            allocation.status = Status.APPLIED.name();
            if (applied.compareTo(allocation.amount) < 0) {
                allocation.note = "only " + applied.toPlainString() + " was open on the invoice";
            }
        }
    }

    private static Receivable invoiceOf(String buyerId, String invoiceNumber, String currency) {
        Receivable item = Receivable.of(buyerId, invoiceNumber);
        if (item == null) {
            throw new MalformedEventException("invoice " + invoiceNumber + " is not known for buyer " + buyerId);
        }
        if (!item.currency.equals(currency)) {
            throw new MalformedEventException("invoice " + invoiceNumber + " of buyer " + buyerId + " is in " + item.currency
                    + ", not " + currency);
        }
        return item;
    }
}
