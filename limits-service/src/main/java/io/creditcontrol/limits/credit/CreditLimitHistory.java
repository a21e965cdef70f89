package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One limit the buyer had: who requested it, who set (approved) it, when and why. Never changed. */
@Entity
@Table(name = "credit_limit_history")
public class CreditLimitHistory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "buyer_id")
    public String buyerId;
    public BigDecimal amount;
    public String currency;
    @Column(name = "previous_amount")
    public BigDecimal previousAmount;
    @Column(name = "valid_from")
    public LocalDate validFrom;
    @Column(name = "review_date")
    public LocalDate reviewDate;
    @Enumerated(EnumType.STRING)
    public CreditLimit.Source source;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "changed_by")
    public String changedBy;
    @Column(name = "changed_at")
    public Instant changedAt;
    public String reason;
    /** Which bound the limit rests on. */
    @Enumerated(EnumType.STRING)
    @Column(name = "limit_basis")
    public LimitBasis limitBasis;

    public static List<CreditLimitHistory> ofBuyer(String buyerId) {
        return list("buyerId = ?1 order by id", buyerId);
    }
}
