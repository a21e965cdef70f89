package io.creditcontrol.collections.intake;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A document received through the intake API, remembered by the ERP's own document number. */
@Entity
@Table(name = "intake_document")
@IdClass(IntakeDocument.Key.class)
public class IntakeDocument extends PanacheEntityBase {

    public enum Type { INVOICE, PAYMENT, CREDIT_NOTE, DISPUTE, DISPUTE_RESOLUTION, WRITE_OFF }

    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "document_type")
    public Type documentType;
    @Id
    @Column(name = "document_number")
    public String documentNumber;
    @Column(name = "buyer_id")
    public String buyerId;
    public String currency;
    /** For a credit note or dispute: the invoice it refers to. */
    @Column(name = "related_invoice")
    public String relatedInvoice;
    /** SHA-256 of the document's content: the same number with other content is a conflict. */
    public String fingerprint;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "received_at")
    public Instant receivedAt;

    public static IntakeDocument find(Type type, String number) {
        return findById(new Key(type, number));
    }

    public static class Key implements Serializable {
        public Type documentType;
        public String documentNumber;

        public Key() {
        }

        public Key(Type documentType, String documentNumber) {
            this.documentType = documentType;
            this.documentNumber = documentNumber;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && documentType == k.documentType && Objects.equals(documentNumber, k.documentNumber);
        }

        @Override
        public int hashCode() {
            return Objects.hash(documentType, documentNumber);
        }
    }
}
