package io.creditcontrol.collections.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One invoice in the receivables ledger. Its open amount is always what was invoiced less what
 * was paid, credited and written off; the disputed part is tracked separately because it is
 * not chased until the dispute is resolved.
 */
@Entity
@Table(name = "open_item")
public class OpenItem extends PanacheEntityBase {

    @Id
    @Column(name = "invoice_number")
    public String invoiceNumber;
    @Column(name = "buyer_id")
    public String buyerId;
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
    @Column(name = "issue_date")
    public LocalDate issueDate;
    @Column(name = "due_date")
    public LocalDate dueDate;
    @Column(name = "order_reference")
    public String orderReference;
    /** When the dunning worker must look at this item again (null: nothing to chase). */
    @Column(name = "dunning_review_on")
    public LocalDate dunningReviewOn;
    @Version
    public long version;

    /** The part of the open amount that is chased: what is open and not disputed. */
    public BigDecimal chasedAmount() {
        return openAmount().subtract(disputedAmount).max(BigDecimal.ZERO);
    }

    /** Asks the dunning worker to re-read this item no later than {@code date}. */
    public void reviewDunningBy(LocalDate date) {
        if (dunningReviewOn == null || date.isBefore(dunningReviewOn)) {
            dunningReviewOn = date;
        }
    }

    public BigDecimal openAmount() {
        return amount.subtract(paidAmount).subtract(creditedAmount).subtract(writtenOffAmount);
    }

    public boolean isSettled() {
        return openAmount().signum() <= 0;
    }

    public static List<OpenItem> ofBuyer(String buyerId) {
        return list("buyerId = ?1 order by dueDate, invoiceNumber", buyerId);
    }
}
