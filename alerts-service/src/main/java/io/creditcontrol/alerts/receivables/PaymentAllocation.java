package io.creditcontrol.alerts.receivables;

import java.math.BigDecimal;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * What the payer allocated of a payment to one invoice (cash application), and what of it was
 * applied. Invoices and payments travel on different topics, so a payment can name an invoice
 * this service has not seen yet: that allocation waits as {@link Status#PENDING} and is applied
 * when the invoice arrives.
 */
@Entity
@Table(name = "payment_allocation")
public class PaymentAllocation extends PanacheEntityBase {

    public enum Status {
        /** The invoice has not arrived yet. */
        PENDING,
        /** {@code appliedAmount} was applied to the invoice (at most what was open). */
        APPLIED,
        /** Nothing could be applied ({@code note} says why); the money stays unapplied cash. */
        UNAPPLIED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "payment_id")
    public ReceivedPayment payment;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    public BigDecimal amount;
    @Column(name = "applied_amount")
    public BigDecimal appliedAmount = BigDecimal.ZERO;
    public String status;
    public String note;

    static List<PaymentAllocation> pendingFor(String buyerId, String invoiceNumber) {
        return list("buyerId = ?1 and invoiceNumber = ?2 and status = ?3 order by id", buyerId, invoiceNumber, Status.PENDING.name());
    }

    public Status status() {
        return Status.valueOf(status);
    }
}
