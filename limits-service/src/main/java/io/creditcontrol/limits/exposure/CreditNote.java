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

/** A credit note against an invoice; kept so the same credit note is never credited twice. */
@Entity
@Table(name = "credit_note")
@IdClass(CreditNote.Key.class)
public class CreditNote extends PanacheEntityBase {

    @Id
    @Column(name = "buyer_id")
    public String buyerId;
    @Id
    @Column(name = "credit_note_number")
    public String creditNoteNumber;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    public BigDecimal amount;
    @Column(name = "issue_date")
    public LocalDate issueDate;

    public static CreditNote find(String buyerId, String creditNoteNumber) {
        return findById(new Key(buyerId, creditNoteNumber));
    }

    public static class Key implements Serializable {
        public String buyerId;
        public String creditNoteNumber;

        public Key() {
        }

        public Key(String buyerId, String creditNoteNumber) {
            this.buyerId = buyerId;
            this.creditNoteNumber = creditNoteNumber;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(buyerId, k.buyerId) && Objects.equals(creditNoteNumber, k.creditNoteNumber);
        }

        @Override
        public int hashCode() {
            return Objects.hash(buyerId, creditNoteNumber);
        }
    }
}
