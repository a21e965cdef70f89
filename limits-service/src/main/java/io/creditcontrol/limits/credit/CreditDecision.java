package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A credit decision on one order, stored as taken: the figures it was based on (limit, exposure
 * before the order, headroom, all in the limit's currency, and the FX rate used) and the policy
 * version. A repeated request with the same idempotency key is answered from this row.
 */
@Entity
@Table(name = "credit_decision")
public class CreditDecision extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "order_reference")
    public String orderReference;
    public BigDecimal amount;
    public String currency;
    @Column(name = "requested_terms_days")
    public Integer requestedTermsDays;
    @Column(name = "granted_terms_days")
    public Integer grantedTermsDays;
    @Enumerated(EnumType.STRING)
    public Decision decision;
    /** Comma-separated reason codes, in the order the rules found them. */
    @Column(name = "reason_codes")
    public String reasonCodes;
    /** Comma-separated conditions (required security), empty when none. */
    public String conditions;
    @Column(name = "limit_amount")
    public BigDecimal limitAmount;
    @Column(name = "limit_currency")
    public String limitCurrency;
    public BigDecimal exposure;
    public BigDecimal headroom;
    @Column(name = "fx_rate")
    public BigDecimal fxRate;
    @Column(name = "policy_version")
    public int policyVersion;
    /** Which bound the limit used rests on (INSURANCE_COVER when the cover capped it); null without a limit. */
    @Enumerated(EnumType.STRING)
    @Column(name = "limit_basis")
    public LimitBasis limitBasis;
    @Column(name = "reservation_id")
    public String reservationId;
    @Column(name = "decided_at")
    public Instant decidedAt;
    /** The decision case a REFERRED or BLOCKED order opened. */
    @Column(name = "case_id")
    public String caseId;

    public static CreditDecision byKey(String key) {
        return find("idempotencyKey", key).firstResult();
    }
}
