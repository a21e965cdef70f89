package io.creditcontrol.collections.ledger;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The part of a payment applied to one invoice (cash application). */
@Entity
@Table(name = "payment_allocation")
public class PaymentAllocation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "payment_reference")
    public String paymentReference;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    public BigDecimal amount;
}
