package io.creditcontrol.collections.dunning;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One instalment of a payment plan: an amount due on a date. */
@Entity
@Table(name = "payment_plan_instalment")
@IdClass(PaymentPlanInstalment.Key.class)
public class PaymentPlanInstalment extends PanacheEntityBase {

    @Id
    @ManyToOne
    @JoinColumn(name = "plan_id")
    public PaymentPlan plan;
    @Id
    public int seq;
    @Column(name = "due_date")
    public LocalDate dueDate;
    public BigDecimal amount;

    /** The dunning step under which this instalment's reminder is recorded (once per invoice). */
    public String reminderStep() {
        return "INSTALMENT_" + seq + "_REMINDER";
    }

    public static class Key implements Serializable {
        public String plan;
        public int seq;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && seq == k.seq && Objects.equals(plan, k.plan);
        }

        @Override
        public int hashCode() {
            return Objects.hash(plan, seq);
        }
    }
}
