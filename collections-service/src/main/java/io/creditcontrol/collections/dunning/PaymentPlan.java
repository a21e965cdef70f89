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
 * One or several overdue invoices of a buyer (one currency) paid in instalments, agreed with the
 * buyer. While the plan is on track the collection sequence of each of its invoices is paused and
 * each instalment gets its own reminder; an instalment not paid by its date breaks the plan
 * (announced once, as a broken promise) and the sequence of every invoice of the plan resumes,
 * escalated. On track = the plan's invoices' open amount, together, has come down since the plan
 * by at least the sum of the instalments whose date has passed. The instalments are applied to
 * the invoices oldest first ({@link #invoices}, {@link #appliedTo}).
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
    /** The plan's oldest invoice (its only one, for a plan over one invoice). */
    @Column(name = "invoice_number")
    public String invoiceNumber;
    public String currency;
    @Column(name = "agreed_on")
    public LocalDate agreedOn;
    @Column(name = "agreed_by")
    public String agreedBy;
    /** What was open of the plan's invoices, together, when it was agreed. */
    @Column(name = "open_at_plan")
    public BigDecimal openAtPlan;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "settled_on")
    public LocalDate settledOn;
    @OneToMany(mappedBy = "plan", cascade = CascadeType.ALL, fetch = FetchType.EAGER)
    @OrderBy("seq")
    public List<PaymentPlanInstalment> instalments = new ArrayList<>();
    /** The plan's invoices, oldest first. */
    @OneToMany(mappedBy = "plan", cascade = CascadeType.ALL)
    @OrderBy("position")
    public List<PaymentPlanInvoice> invoices = new ArrayList<>();

    public List<String> invoiceNumbers() {
        return invoices.stream().map(i -> i.invoiceNumber).toList();
    }

    /**
     * The invoice an instalment is applied to first: the instalments are applied to the plan's
     * invoices oldest first, each invoice taking its planned amount before the next; an
     * instalment that straddles two invoices is applied first to the older. Its reminder is
     * recorded on that invoice, and a missed instalment is announced naming it.
     */
    public String appliedTo(PaymentPlanInstalment instalment) {
        BigDecimal before = BigDecimal.ZERO;
        for (PaymentPlanInstalment i : instalments) {
            if (i.seq == instalment.seq) {
                break;
            }
            before = before.add(i.amount);
        }
        BigDecimal cumulative = BigDecimal.ZERO;
        for (PaymentPlanInvoice invoice : invoices) {
            cumulative = cumulative.add(invoice.plannedAmount);
            if (cumulative.compareTo(before) > 0) {
                return invoice.invoiceNumber;
            }
        }
        return invoices.isEmpty() ? invoiceNumber : invoices.get(invoices.size() - 1).invoiceNumber;
    }

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

    /** The open plan the invoice is on, if any. */
    public static PaymentPlan openFor(String invoiceNumber) {
        PaymentPlan plan = ofInvoice(invoiceNumber);
        return plan != null && plan.status == Status.OPEN ? plan : null;
    }

    /** The plan the invoice is on, if any (an invoice is on one plan at most, ever). */
    public static PaymentPlan ofInvoice(String invoiceNumber) {
        return getEntityManager().createQuery("select m.plan from PaymentPlanInvoice m where m.invoiceNumber = ?1", PaymentPlan.class)
                .setParameter(1, invoiceNumber).getResultStream().findFirst().orElse(null);
    }
}
