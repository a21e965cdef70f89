package io.creditcontrol.collections.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The part of a payment applied to one invoice (cash application), dated with the payment's
 * received date: what aging as of a past date takes back or counts (V20261124210000).
 */
@Entity
@Table(name = "payment_allocation")
public class PaymentAllocation extends PanacheEntityBase {

    @Id
    // blocks of 50 ids, so that a poll's allocations are inserted in batches (V20261124210000)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "payment_allocation_ids")
    @SequenceGenerator(name = "payment_allocation_ids", sequenceName = "payment_allocation_ids", allocationSize = 50)
    public Long id;
    @Column(name = "payment_reference")
    public String paymentReference;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    public BigDecimal amount;
    /** The payment's received date. */
    @Column(name = "received_on")
    public LocalDate receivedOn;
}
