package io.creditcontrol.scoring.experience;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The buyer's dispute of part of an invoice; the invoice's disputed amount is that of its open disputes. */
@Entity
@Table(name = "invoice_dispute")
public class InvoiceDispute extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "dispute_id")
    public String disputeId;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    public BigDecimal amount;
    @Column(name = "opened_on")
    public LocalDate openedOn;
    @Column(name = "resolved_on")
    public LocalDate resolvedOn;
    public String outcome;

    public boolean isOpen() {
        return resolvedOn == null;
    }

    public static Optional<InvoiceDispute> of(String buyerId, String disputeId) {
        return find("buyerId = ?1 and disputeId = ?2", buyerId, disputeId).firstResultOptional();
    }
}
