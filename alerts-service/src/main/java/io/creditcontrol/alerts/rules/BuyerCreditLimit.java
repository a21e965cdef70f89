package io.creditcontrol.alerts.rules;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The buyer's credit limit as the latest credit.limit.changed set it (limit utilisation reads it). */
@Entity
@Table(name = "buyer_credit_limit")
public class BuyerCreditLimit extends PanacheEntityBase {

    @Id
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "credit_limit")
    public BigDecimal limit;
    public String currency;
    @Column(name = "effective_from")
    public LocalDate effectiveFrom;
}
