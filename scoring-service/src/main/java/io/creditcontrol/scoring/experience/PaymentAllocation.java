package io.creditcontrol.scoring.experience;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The part of a payment the buyer allocated to one invoice. Invoices and payments travel on
 * different topics, so the invoice may not be known yet when the payment arrives: the allocation
 * then waits as PENDING and is applied the moment the invoice arrives.
 */
@Entity
@Table(name = "payment_allocation")
public class PaymentAllocation extends PanacheEntityBase {

    public enum Status {
        /** The invoice has not arrived yet. */
        PENDING,
        /** Counted as paid on the invoice ({@code appliedAmount}, at most what was open). */
        APPLIED,
        /** The invoice arrived in another currency than the payment: never counted. */
        REJECTED
    }

    @Id
    // handed out 50 at a time, so a batch's inserts are sent in JDBC batches (V20261124010100)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "payment_allocation_seq")
    @SequenceGenerator(name = "payment_allocation_seq", sequenceName = "payment_allocation_seq", allocationSize = 50)
    public Long id;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "payment_reference")
    public String paymentReference;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    public String currency;
    @Column(name = "received_on")
    public LocalDate receivedOn;
    @Column(name = "allocated_amount")
    public BigDecimal allocatedAmount;
    @Column(name = "applied_amount")
    public BigDecimal appliedAmount = BigDecimal.ZERO;
    @Enumerated(EnumType.STRING)
    public Status status;

    /** Allocations waiting for this invoice, in the order the money was received. */
    static List<PaymentAllocation> pendingFor(String buyerId, String invoiceNumber) {
        return list("buyerId = ?1 and invoiceNumber = ?2 and status = ?3 order by receivedOn, id",
                buyerId, invoiceNumber, Status.PENDING);
    }

    public static List<PaymentAllocation> pendingOfBuyer(String buyerId) {
        return list("buyerId = ?1 and status = ?2 order by receivedOn, id", buyerId, Status.PENDING);
    }

    /** The payments that count on the buyer's invoices, in the order received. */
    public static List<PaymentAllocation> appliedOfBuyer(String buyerId) {
        return list("buyerId = ?1 and status = ?2 and appliedAmount > 0 order by receivedOn, id", buyerId, Status.APPLIED);
    }
}
