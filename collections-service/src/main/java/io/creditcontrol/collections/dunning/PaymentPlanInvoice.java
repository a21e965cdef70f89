package io.creditcontrol.collections.dunning;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One invoice of a payment plan, in the order the instalments are applied to the plan's invoices
 * (oldest first): it takes {@code plannedAmount} of the plan, its undisputed open amount when the
 * plan was agreed.
 */
@Entity
@Table(name = "payment_plan_invoice")
@IdClass(PaymentPlanInvoice.Key.class)
public class PaymentPlanInvoice extends PanacheEntityBase {

    @Id
    @ManyToOne
    @JoinColumn(name = "plan_id")
    public PaymentPlan plan;
    @Id
    @Column(name = "invoice_number")
    public String invoiceNumber;
    /** 1 for the oldest invoice of the plan. */
    public int position;
    @Column(name = "planned_amount")
    public BigDecimal plannedAmount;
    @Column(name = "open_at_plan")
    public BigDecimal openAtPlan;
    /** The plan broke while another of its invoices was under review: this one's sequence is still to be escalated. */
    @Column(name = "escalation_due")
    public boolean escalationDue;

    public static class Key implements Serializable {
        public String plan;
        public String invoiceNumber;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(invoiceNumber, k.invoiceNumber) && Objects.equals(plan, k.plan);
        }

        @Override
        public int hashCode() {
            return Objects.hash(plan, invoiceNumber);
        }
    }
}
