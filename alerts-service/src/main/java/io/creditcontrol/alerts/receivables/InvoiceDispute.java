package io.creditcontrol.alerts.receivables;

import java.math.BigDecimal;
import java.time.LocalDate;

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

/** A buyer's dispute of part of an invoice; the disputed amount counts as disputed until resolved. */
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
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "receivable_id")
    public Receivable receivable;
    public BigDecimal amount;
    @Column(name = "opened_on")
    public LocalDate openedOn;
    @Column(name = "resolved_on")
    public LocalDate resolvedOn;
    public String outcome;

    static InvoiceDispute of(String buyerId, String disputeId) {
        return find("buyerId = ?1 and disputeId = ?2", buyerId, disputeId).firstResult();
    }

    public boolean isOpen() {
        return resolvedOn == null;
    }
}
