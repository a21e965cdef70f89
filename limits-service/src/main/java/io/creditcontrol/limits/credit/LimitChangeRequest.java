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

/** A manual limit change an analyst requested; it takes effect only when a different person approves it. */
@Entity
@Table(name = "limit_change_request")
public class LimitChangeRequest extends PanacheEntityBase {

    public enum Status { PENDING, APPROVED, REJECTED }

    @Id
    public String id;
    @Column(name = "buyer_id")
    public String buyerId;
    public BigDecimal amount;
    public String currency;
    @Column(name = "valid_from")
    public LocalDate validFrom;
    @Column(name = "review_date")
    public LocalDate reviewDate;
    public String reason;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decision_comment")
    public String decisionComment;
}
