package io.creditcontrol.limits.credit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The buyer's latest grade (1 best .. 10 default) from credit.scores.v1. */
@Entity
@Table(name = "buyer_grade")
public class BuyerGrade extends PanacheEntityBase {

    @Id
    @Column(name = "buyer_id")
    public String buyerId;
    public int grade;
    @Column(name = "assessed_at")
    public Instant assessedAt;
}
