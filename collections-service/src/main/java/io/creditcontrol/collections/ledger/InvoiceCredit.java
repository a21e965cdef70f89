package io.creditcontrol.collections.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A credit note applied to an invoice, kept with its date so aging can be computed as of any day. */
@Entity
@Table(name = "invoice_credit")
public class InvoiceCredit extends PanacheEntityBase {

    @Id
    @Column(name = "credit_note_number")
    public String creditNoteNumber;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    public BigDecimal amount;
    @Column(name = "issued_on")
    public LocalDate issuedOn;
}
