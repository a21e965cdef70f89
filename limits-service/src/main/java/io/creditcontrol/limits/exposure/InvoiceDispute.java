package io.creditcontrol.limits.exposure;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A buyer's dispute of part of an invoice; while open, that part is disputed exposure. */
@Entity
@Table(name = "invoice_dispute")
@IdClass(InvoiceDispute.Key.class)
public class InvoiceDispute extends PanacheEntityBase {

    @Id
    @Column(name = "buyer_id")
    public String buyerId;
    @Id
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

    public static InvoiceDispute find(String buyerId, String disputeId) {
        return findById(new Key(buyerId, disputeId));
    }

    public static class Key implements Serializable {
        public String buyerId;
        public String disputeId;

        public Key() {
        }

        public Key(String buyerId, String disputeId) {
            this.buyerId = buyerId;
            this.disputeId = disputeId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(buyerId, k.buyerId) && Objects.equals(disputeId, k.disputeId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(buyerId, disputeId);
        }
    }
}
