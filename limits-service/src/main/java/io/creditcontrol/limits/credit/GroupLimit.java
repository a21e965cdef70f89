package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The cap on the combined exposure of a group of buyers sharing a parent (the parent included). */
@Entity
@Table(name = "group_limit")
public class GroupLimit extends PanacheEntityBase {

    @Id
    @Column(name = "parent_id")
    public String parentId;
    public BigDecimal amount;
    public String currency;
    public String reason;
    @Column(name = "requested_by")
    public String requestedBy;
    /** The approver who let the limit take effect. */
    @Column(name = "set_by")
    public String setBy;
    @Column(name = "set_at")
    public Instant setAt;
}
