package io.creditcontrol.collections.letters;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A reminder, demand or instalment-reminder letter for one dunning step, rendered when the step was decided and
 * e-mailed by {@link LetterSender}. PENDING until the SMTP server has taken it, then SENT.
 */
@Entity
@Table(name = "dunning_letter")
public class DunningLetter extends PanacheEntityBase {

    public enum Status { PENDING, SENT }

    @Id
    // blocks of 50 ids, so that a chunk's letters are inserted in batches (V20261124200100)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "dunning_letter_ids")
    @SequenceGenerator(name = "dunning_letter_ids", sequenceName = "dunning_letter_ids", allocationSize = 50)
    public Long id;
    @Column(name = "step_id")
    public Long stepId;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    @Column(name = "buyer_id")
    public String buyerId;
    /** REMINDER, DEMAND_LETTER or INSTALMENT_REMINDER (a payment plan's instalment). */
    public String kind;
    public String language;
    public String recipient;
    public String subject;
    public String body;
    public String status;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "sent_at")
    public Instant sentAt;

    public static List<DunningLetter> ofInvoice(String invoiceNumber) {
        return list("invoiceNumber = ?1 order by id", invoiceNumber);
    }
}
