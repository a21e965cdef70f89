package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The credit insurer's approved cover for one buyer, with its validity, insurer and policy number. */
@Entity
@Table(name = "insurance_cover")
public class InsuranceCover extends PanacheEntityBase {

    @Id
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
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public Instant recordedAt;

    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && !day.isAfter(validTo);
    }
}
