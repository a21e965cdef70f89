package io.creditcontrol.alerts.rules;

import java.time.LocalDate;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A date by which a default on an insured invoice must be reported to the credit insurer, as
 * collections-service announced it (credit.dunning.step-executed, cause INSURER_DEADLINE, dueBy).
 */
@Entity
@Table(name = "insurer_deadline")
public class InsurerDeadline extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    @Column(name = "due_by")
    public LocalDate dueBy;

    public static InsurerDeadline of(String buyerId, String invoiceNumber) {
        return find("buyerId = ?1 and invoiceNumber = ?2", buyerId, invoiceNumber).firstResult();
    }

    public static List<InsurerDeadline> ofBuyer(String buyerId) {
        return list("buyerId = ?1 order by dueBy", buyerId);
    }
}
