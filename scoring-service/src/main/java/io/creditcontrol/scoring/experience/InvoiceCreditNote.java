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

/** A credit note against an invoice; kept so the same credit note is never counted twice. */
@Entity
@Table(name = "invoice_credit_note")
public class InvoiceCreditNote extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "credit_note_number")
    public String creditNoteNumber;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    public BigDecimal amount;
    @Column(name = "issue_date")
    public LocalDate issueDate;

    public static Optional<InvoiceCreditNote> of(String buyerId, String creditNoteNumber) {
        return find("buyerId = ?1 and creditNoteNumber = ?2", buyerId, creditNoteNumber).firstResultOptional();
    }
}
