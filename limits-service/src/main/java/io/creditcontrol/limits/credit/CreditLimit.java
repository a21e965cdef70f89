package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The buyer's credit limit in force: amount and currency, valid from, and the date by which it
 * must be reviewed (after that, orders are referred until it is renewed).
 */
@Entity
@Table(name = "credit_limit")
public class CreditLimit extends PanacheEntityBase {

    public enum Source { MANUAL, POLICY }

    @Id
    @Column(name = "buyer_id")
    public String buyerId;
    public BigDecimal amount;
    public String currency;
    @Column(name = "valid_from")
    public LocalDate validFrom;
    @Column(name = "review_date")
    public LocalDate reviewDate;
    @Enumerated(EnumType.STRING)
    public Source source;
    @Column(name = "changed_by")
    public String changedBy;
    @Column(name = "changed_at")
    public Instant changedAt;
    public String reason;
    /** Which bound the limit rests on. */
    @Enumerated(EnumType.STRING)
    @Column(name = "limit_basis")
    public LimitBasis limitBasis;
}
