package io.creditcontrol.alerts.rules;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The buyer's grade as the latest credit.score.changed said (1 best .. 10 default). */
@Entity
@Table(name = "buyer_grade")
public class BuyerGrade extends PanacheEntityBase {

    @Id
    @Column(name = "buyer_id")
    public String buyerId;
    public int grade;
    @Column(name = "probability_of_default")
    public BigDecimal probabilityOfDefault;
    @Column(name = "assessed_at")
    public Instant assessedAt;
}
