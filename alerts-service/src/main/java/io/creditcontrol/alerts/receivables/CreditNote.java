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

/** A credit note against an invoice; kept so that a re-sent credit note is not credited twice. */
@Entity
@Table(name = "credit_note")
public class CreditNote extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "credit_note_number")
    public String creditNoteNumber;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "receivable_id")
    public Receivable receivable;
    public BigDecimal amount;
    @Column(name = "issue_date")
    public LocalDate issueDate;

    static CreditNote of(String buyerId, String creditNoteNumber) {
        return find("buyerId = ?1 and creditNoteNumber = ?2", buyerId, creditNoteNumber).firstResult();
    }
}
