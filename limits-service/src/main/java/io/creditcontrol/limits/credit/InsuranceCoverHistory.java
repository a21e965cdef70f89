package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.time.Instant;
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
 * One change of a buyer's insurance cover: the cover as recorded, the values it replaced (null for
 * the buyer's first cover), who recorded it and when. Written with the change, never changed.
 */
@Entity
@Table(name = "insurance_cover_history")
public class InsuranceCoverHistory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "buyer_id")
    public String buyerId;
    public BigDecimal amount;
    public String currency;
    @Column(name = "valid_from")
    public LocalDate validFrom;
    @Column(name = "valid_to")
    public LocalDate validTo;
    public String insurer;
    @Column(name = "policy_number")
    public String policyNumber;
    @Column(name = "previous_amount")
    public BigDecimal previousAmount;
    @Column(name = "previous_currency")
    public String previousCurrency;
    @Column(name = "previous_valid_from")
    public LocalDate previousValidFrom;
    @Column(name = "previous_valid_to")
    public LocalDate previousValidTo;
    @Column(name = "previous_insurer")
    public String previousInsurer;
    @Column(name = "previous_policy_number")
    public String previousPolicyNumber;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public Instant recordedAt;

    /** The buyer's cover changes, oldest first. */
    public static List<InsuranceCoverHistory> ofBuyer(String buyerId) {
        return list("buyerId = ?1 order by id", buyerId);
    }
}
