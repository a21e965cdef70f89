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

/** An analyst's request to set a group's limit; it takes effect only when a different approver approves it. */
@Entity
@Table(name = "group_limit_request")
public class GroupLimitRequest extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "parent_id")
    public String parentId;
    public BigDecimal amount;
    public String currency;
    public String reason;
    @Enumerated(EnumType.STRING)
    public LimitChangeRequest.Status status;
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
