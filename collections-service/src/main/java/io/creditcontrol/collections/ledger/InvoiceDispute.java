package io.creditcontrol.collections.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A buyer's dispute of part of an invoice; the disputed amount is not chased while it is open. */
@Entity
@Table(name = "invoice_dispute")
public class InvoiceDispute extends PanacheEntityBase {

    @Id
    @Column(name = "dispute_id")
    public String disputeId;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    @Column(name = "buyer_id")
    public String buyerId;
    public BigDecimal amount;
    public String reason;
    @Column(name = "opened_on")
    public LocalDate openedOn;
    @Column(name = "resolved_on")
    public LocalDate resolvedOn;
    public String outcome;

    public boolean isOpen() {
        return resolvedOn == null;
    }
}
