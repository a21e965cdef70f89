package io.creditcontrol.limits.credit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A referred or blocked order waiting for an analyst: released (the order then holds its amount,
 * whatever the headroom: the analyst's documented decision) or rejected. Who, when and why are kept.
 */
@Entity
@Table(name = "decision_case")
public class DecisionCase extends PanacheEntityBase {

    public enum Status { OPEN, RELEASED, REJECTED }

    @Id
    public String id;
    @Column(name = "decision_id")
    public String decisionId;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "order_reference")
    public String orderReference;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decision_comment")
    public String decisionComment;
    @Column(name = "reservation_id")
    public String reservationId;

    public static DecisionCase ofDecision(String decisionId) {
        return find("decisionId", decisionId).firstResult();
    }
}
