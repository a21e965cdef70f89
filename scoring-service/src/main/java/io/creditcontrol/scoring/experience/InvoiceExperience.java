package io.creditcontrol.scoring.experience;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * How the buyer paid one invoice. The open amount is what was invoiced less what was paid,
 * credited and written off. The invoice is settled the day its open amount reaches zero, and
 * that day is the latest date among the documents that reduced it (payments by their value date,
 * credit notes by their issue date, write-offs by their date), whatever order those documents
 * arrived in. Days beyond terms = days from the due date to that settlement day, never negative.
 */
@Entity
@Table(name = "invoice_experience")
public class InvoiceExperience extends PanacheEntityBase {

    @Id
    // handed out 50 at a time, so a batch's inserts are sent in JDBC batches (V20261124010100)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "invoice_experience_seq")
    @SequenceGenerator(name = "invoice_experience_seq", sequenceName = "invoice_experience_seq", allocationSize = 50)
    public Long id;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    public String currency;
    public BigDecimal amount;
    @Column(name = "issue_date")
    public LocalDate issueDate;
    @Column(name = "due_date")
    public LocalDate dueDate;
    @Column(name = "paid_amount")
    public BigDecimal paidAmount = BigDecimal.ZERO;
    @Column(name = "credited_amount")
    public BigDecimal creditedAmount = BigDecimal.ZERO;
    @Column(name = "written_off_amount")
    public BigDecimal writtenOffAmount = BigDecimal.ZERO;
    @Column(name = "disputed_amount")
    public BigDecimal disputedAmount = BigDecimal.ZERO;
    @Column(name = "last_reduced_on")
    public LocalDate lastReducedOn;
    @Column(name = "settled_on")
    public LocalDate settledOn;

    public BigDecimal openAmount() {
        return amount.subtract(paidAmount).subtract(creditedAmount).subtract(writtenOffAmount);
    }

    public boolean isSettled() {
        return settledOn != null;
    }

    /** Days the buyer took beyond the due date to settle; empty while the invoice is open. */
    public Optional<Long> daysBeyondTerms() {
        return isSettled() ? Optional.of(Math.max(0, ChronoUnit.DAYS.between(dueDate, settledOn))) : Optional.empty();
    }

    /** Days past the due date as of {@code today}, for an invoice still open; 0 when not yet due or settled. */
    public long daysPastDue(LocalDate today) {
        return isSettled() ? 0 : Math.max(0, ChronoUnit.DAYS.between(dueDate, today));
    }

    /**
     * Cash application: at most the open amount counts as paid on the invoice; whatever the buyer
     * allocated beyond it is an over-payment that stays with the payment.
     */
    BigDecimal pay(BigDecimal allocated, LocalDate receivedOn) {
        BigDecimal applied = allocated.min(openAmount().max(BigDecimal.ZERO));
        if (applied.signum() > 0) {
            paidAmount = paidAmount.add(applied);
            reducedOn(receivedOn);
        }
        return applied;
    }

    void credit(BigDecimal credited, LocalDate issuedOn) {
        creditedAmount = creditedAmount.add(credited);
        reducedOn(issuedOn);
    }

    void writeOff(BigDecimal writtenOff, LocalDate writtenOffOn) {
        writtenOffAmount = writtenOffAmount.add(writtenOff);
        reducedOn(writtenOffOn);
    }

    private void reducedOn(LocalDate date) {
        if (lastReducedOn == null || date.isAfter(lastReducedOn)) {
            lastReducedOn = date;
        }
        if (settledOn == null && openAmount().signum() <= 0) {
            settledOn = lastReducedOn;
        }
    }

    public static Optional<InvoiceExperience> of(String buyerId, String invoiceNumber) {
        return find("buyerId = ?1 and invoiceNumber = ?2", buyerId, invoiceNumber).firstResultOptional();
    }

    /** What unallocated cash may pay on this invoice: the open amount less the disputed part, never below zero. */
    BigDecimal undisputedOpenAmount() {
        return isSettled() ? BigDecimal.ZERO : openAmount().subtract(disputedAmount).max(BigDecimal.ZERO);
    }

    CashApplication.Candidate asCandidate() {
        return new CashApplication.Candidate(invoiceNumber, dueDate, issueDate, undisputedOpenAmount());
    }

    /** The buyer's invoices in {@code currency} not settled yet. */
    static List<InvoiceExperience> unsettledOf(String buyerId, String currency) {
        return list("buyerId = ?1 and currency = ?2 and settledOn is null", buyerId, currency);
    }

    public static List<InvoiceExperience> ofBuyer(String buyerId) {
        return list("buyerId = ?1 order by dueDate, invoiceNumber", buyerId);
    }
}
