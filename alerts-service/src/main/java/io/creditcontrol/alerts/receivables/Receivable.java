package io.creditcontrol.alerts.receivables;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One invoice as early warning sees it. What is still open is what was invoiced less what was
 * paid, credited and written off, never below zero: a credit note larger than what is left
 * settles the invoice, and the excess is the buyer's credit, not a receivable. The disputed part
 * is tracked beside it (still open, but not chased until the dispute is resolved). The invoice is
 * settled on the business date of the payment, credit note or write-off that closed it.
 */
@Entity
@Table(name = "receivable")
public class Receivable extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    public String currency;
    public BigDecimal amount;
    @Column(name = "paid_amount")
    public BigDecimal paidAmount = BigDecimal.ZERO;
    @Column(name = "credited_amount")
    public BigDecimal creditedAmount = BigDecimal.ZERO;
    @Column(name = "written_off_amount")
    public BigDecimal writtenOffAmount = BigDecimal.ZERO;
    @Column(name = "disputed_amount")
    public BigDecimal disputedAmount = BigDecimal.ZERO;
    @Column(name = "open_amount")
    public BigDecimal openAmount;
    @Column(name = "issue_date")
    public LocalDate issueDate;
    @Column(name = "due_date")
    public LocalDate dueDate;
    @Column(name = "settled_on")
    public LocalDate settledOn;
    @Version
    public long version;

    static Receivable issued(String buyerId, String invoiceNumber, String currency, BigDecimal amount,
            LocalDate issueDate, LocalDate dueDate) {
        Receivable item = new Receivable();
        item.buyerId = buyerId;
        item.invoiceNumber = invoiceNumber;
        item.currency = currency;
        item.amount = amount;
        item.openAmount = amount;
        item.issueDate = issueDate;
        item.dueDate = dueDate;
        return item;
    }

    public static Receivable of(String buyerId, String invoiceNumber) {
        return find("buyerId = ?1 and invoiceNumber = ?2", buyerId, invoiceNumber).firstResult();
    }

    public static List<Receivable> ofBuyer(String buyerId) {
        return list("buyerId = ?1 order by currency, dueDate, invoiceNumber", buyerId);
    }

    /** Applies up to what is open; returns what was applied (the rest stays unapplied cash). */
    BigDecimal pay(BigDecimal offered, LocalDate receivedOn) {
        BigDecimal applied = offered.min(openAmount);
        if (applied.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        paidAmount = paidAmount.add(applied);
        recalculate(receivedOn);
        return applied;
    }

    void credit(BigDecimal credited, LocalDate issuedOn) {
        creditedAmount = creditedAmount.add(credited);
        recalculate(issuedOn);
    }

    void writeOff(BigDecimal writtenOff, LocalDate writtenOffOn) {
        writtenOffAmount = writtenOffAmount.add(writtenOff);
        recalculate(writtenOffOn);
    }

    public boolean isOpen() {
        return openAmount.signum() > 0;
    }

    /** Open and past its due date on {@code today} (an invoice due today is not overdue yet). */
    public boolean isOverdueOn(LocalDate today) {
        return isOpen() && dueDate.isBefore(today);
    }

    public long daysOverdueOn(LocalDate today) {
        return isOverdueOn(today) ? ChronoUnit.DAYS.between(dueDate, today) : 0;
    }

    private void recalculate(LocalDate on) {
        openAmount = amount.subtract(paidAmount).subtract(creditedAmount).subtract(writtenOffAmount).max(BigDecimal.ZERO);
        if (openAmount.signum() == 0 && settledOn == null) {
            settledOn = on;
        }
    }
}
