package io.creditcontrol.limits.exposure;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One invoice as limits sees it. Its open amount is what was invoiced less what was paid,
 * credited and written off. It is open, and part of the buyer's exposure, while that is above
 * zero; an over-paid or over-credited invoice (open below zero) is closed and does not lower
 * the exposure of the buyer's other invoices. The disputed part is tracked separately: it is
 * exposure the credit insurer will not cover.
 */
@Entity
@Table(name = "invoice")
@IdClass(Invoice.Key.class)
public class Invoice extends PanacheEntityBase {

    private static final String OPEN = "(i.amount - i.paidAmount - i.creditedAmount - i.writtenOffAmount)";

    @Id
    @Column(name = "buyer_id")
    public String buyerId;
    @Id
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
    @Column(name = "issue_date")
    public LocalDate issueDate;
    @Column(name = "due_date")
    public LocalDate dueDate;

    public BigDecimal openAmount() {
        return amount.subtract(paidAmount).subtract(creditedAmount).subtract(writtenOffAmount);
    }

    public boolean isOpen() {
        return openAmount().signum() > 0;
    }

    /** Overdue from the day after the due date while anything is still open. */
    public boolean isOverdue(LocalDate today) {
        return isOpen() && dueDate.isBefore(today);
    }

    public Contribution contribution() {
        if (!isOpen()) {
            return Contribution.NONE;
        }
        BigDecimal open = openAmount();
        return new Contribution(1, open, disputedAmount.max(BigDecimal.ZERO).min(open));
    }

    public static Invoice find(String buyerId, String invoiceNumber) {
        return findById(new Key(buyerId, invoiceNumber));
    }

    /** The buyer's invoices in {@code currency} with something open beyond their disputed part. */
    public static List<Invoice> openIn(String buyerId, String currency) {
        return list("buyerId = ?1 and currency = ?2 and amount - paidAmount - creditedAmount - writtenOffAmount - disputedAmount > 0",
                buyerId, currency);
    }

    /** Invoice numbers are unique per buyer only: the same number may be found for several buyers. */
    public static List<Invoice> withNumber(String invoiceNumber) {
        return list("invoiceNumber = ?1 order by buyerId", invoiceNumber);
    }

    /** The open amount past its due date, per currency, as of {@code today}. */
    public static Map<String, BigDecimal> overdueByCurrency(String buyerId, LocalDate today) {
        List<Object[]> rows = getEntityManager().createQuery(
                "select i.currency, sum" + OPEN + " from Invoice i"
                        + " where i.buyerId = :buyer and i.dueDate < :today and " + OPEN + " > 0"
                        + " group by i.currency", Object[].class)
                .setParameter("buyer", buyerId)
                .setParameter("today", today)
                .getResultList();
        Map<String, BigDecimal> overdue = new TreeMap<>();
        for (Object[] row : rows) {
            overdue.put((String) row[0], (BigDecimal) row[1]);
        }
        return overdue;
    }

    public static class Key implements Serializable {
        public String buyerId;
        public String invoiceNumber;

        public Key() {
        }

        public Key(String buyerId, String invoiceNumber) {
            this.buyerId = buyerId;
            this.invoiceNumber = invoiceNumber;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(buyerId, k.buyerId) && Objects.equals(invoiceNumber, k.invoiceNumber);
        }

        @Override
        public int hashCode() {
            return Objects.hash(buyerId, invoiceNumber);
        }
    }
}
