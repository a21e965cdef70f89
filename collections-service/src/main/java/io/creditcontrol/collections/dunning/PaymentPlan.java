package io.creditcontrol.collections.dunning;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An overdue invoice paid in instalments, agreed with the buyer. While the plan is on track the
 * collection sequence is paused and each instalment gets its own reminder; an instalment not
 * paid by its date breaks the plan (announced as a broken promise) and the sequence resumes,
 * escalated. On track = the open amount has come down since the plan by at least the sum of
 * the instalments whose date has passed.
 */
@Entity
@Table(name = "payment_plan")
public class PaymentPlan extends PanacheEntityBase {

    public enum Status { OPEN, COMPLETED, BROKEN }

    @Id
    @Column(name = "plan_id")
    public String planId;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    public String currency;
    @Column(name = "agreed_on")
    public LocalDate agreedOn;
    @Column(name = "agreed_by")
    public String agreedBy;
    @Column(name = "open_at_plan")
    public BigDecimal openAtPlan;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "settled_on")
    public LocalDate settledOn;
    @OneToMany(mappedBy = "plan", cascade = CascadeType.ALL, fetch = FetchType.EAGER)
    @OrderBy("seq")
    public List<PaymentPlanInstalment> instalments = new ArrayList<>();

    /** The first instalment not yet covered by what was paid since the plan; null when all are. */
    public PaymentPlanInstalment nextUnpaid(BigDecimal openNow) {
        BigDecimal paidSince = openAtPlan.subtract(openNow);
        BigDecimal cumulative = BigDecimal.ZERO;
        for (PaymentPlanInstalment instalment : instalments) {
            cumulative = cumulative.add(instalment.amount);
            if (paidSince.compareTo(cumulative) < 0) {
                return instalment;
            }
        }
        return null;
    }

    /** What the instalments add up to: the undisputed open amount when the plan was agreed. */
    public BigDecimal total() {
        return instalments.stream().map(i -> i.amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** What is still owed on the plan: its total less what was paid (credited, written off) since. */
    public BigDecimal owed(BigDecimal openNow) {
        return total().subtract(openAtPlan.subtract(openNow)).max(BigDecimal.ZERO);
    }

    /** What is still to pay of {@code instalment}: the instalments up to it less what was paid since the plan, at most its amount. */
    public BigDecimal stillDue(PaymentPlanInstalment instalment, BigDecimal openNow) {
        BigDecimal paidSince = openAtPlan.subtract(openNow);
        BigDecimal cumulative = BigDecimal.ZERO;
        for (PaymentPlanInstalment i : instalments) {
            cumulative = cumulative.add(i.amount);
            if (i.seq == instalment.seq) {
                break;
            }
        }
        return cumulative.subtract(paidSince).min(instalment.amount).max(BigDecimal.ZERO);
    }

    public static PaymentPlan openFor(String invoiceNumber) {
        return find("invoiceNumber = ?1 and status = ?2", invoiceNumber, Status.OPEN).firstResult();
    }

    public static PaymentPlan ofInvoice(String invoiceNumber) {
        return find("invoiceNumber", invoiceNumber).firstResult();
    }
}
