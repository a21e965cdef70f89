package io.creditcontrol.collections.ledger;

import java.math.BigDecimal;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Part of a payment meant for an invoice the ledger has not received yet. */
@Entity
@Table(name = "pending_allocation")
public class PendingAllocation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "payment_reference")
    public String paymentReference;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    public BigDecimal amount;

    public static List<PendingAllocation> forInvoice(String invoiceNumber) {
        return list("invoiceNumber = ?1 order by id", invoiceNumber);
    }
}
