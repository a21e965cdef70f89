package io.creditcontrol.collections.dunning;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One executed dunning step: the audit trail (what, when, which step, why). Once per invoice and step. */
@Entity
@Table(name = "dunning_step")
public class DunningStep extends PanacheEntityBase {

    @Id
    // blocks of 50 ids, so that a chunk's steps are inserted in batches (V20261124200100)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "dunning_step_ids")
    @SequenceGenerator(name = "dunning_step_ids", sequenceName = "dunning_step_ids", allocationSize = 50)
    public Long id;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    @Column(name = "buyer_id")
    public String buyerId;
    public String step;
    public String action;
    public String strategy;
    @Column(name = "strategy_version")
    public String strategyVersion;
    @Column(name = "executed_on")
    public LocalDate executedOn;
    @Column(name = "days_past_due")
    public int daysPastDue;
    @Column(name = "chased_amount")
    public BigDecimal chasedAmount;
    public String currency;
    /** SCHEDULE, or BROKEN_PROMISE when a broken promise escalated the sequence. */
    public String cause;
    /** For an insurer deadline: the last day to report the protracted default to the insurer. */
    @Column(name = "due_by")
    public LocalDate dueBy;
    @Column(name = "executed_at")
    public Instant executedAt;
    /** DONE, or AWAITING_DELIVERY while its letter has not been sent. */
    public String status = DONE;

    public static final String DONE = "DONE";
    public static final String AWAITING_DELIVERY = "AWAITING_DELIVERY";

    public static List<DunningStep> ofInvoice(String invoiceNumber) {
        return list("invoiceNumber = ?1 order by executedOn, id", invoiceNumber);
    }
}
