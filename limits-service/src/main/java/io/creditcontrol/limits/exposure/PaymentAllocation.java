package io.creditcontrol.limits.exposure;

import java.math.BigDecimal;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The part of a payment the payer allocated to one invoice. Payments and invoices travel on
 * different topics, so an allocation can name an invoice this service has not seen yet: it
 * waits as PENDING and is applied the moment the invoice arrives.
 */
@Entity
@Table(name = "payment_allocation")
public class PaymentAllocation extends PanacheEntityBase {

    public enum Status {
        /** Counted in the invoice's paid amount. */
        APPLIED,
        /** The invoice has not arrived yet. */
        PENDING,
        /** Can never apply (the invoice arrived in another currency); {@code note} says why. */
        REJECTED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "payment_reference")
    public String paymentReference;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    public String currency;
    public BigDecimal amount;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String note;

    /** Allocations waiting for this invoice, in the order their payments arrived. */
    public static List<PaymentAllocation> pendingFor(String buyerId, String invoiceNumber) {
        return list("buyerId = ?1 and invoiceNumber = ?2 and status = ?3 order by id", buyerId, invoiceNumber, Status.PENDING);
    }
}
