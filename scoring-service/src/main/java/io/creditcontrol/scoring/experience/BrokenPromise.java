package io.creditcontrol.scoring.experience;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A promise to pay that the buyer did not keep, as collections reported it. */
@Entity
@Table(name = "broken_promise")
public class BrokenPromise extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "promise_id")
    public String promiseId;
    @Column(name = "promised_on")
    public LocalDate promisedOn;
    /** The day the buyer promised to pay by. */
    @Column(name = "promised_date")
    public LocalDate promisedDate;
    public BigDecimal amount;
    public String currency;

    public static List<BrokenPromise> ofBuyer(String buyerId) {
        return list("buyerId = ?1 order by promisedDate", buyerId);
    }
}
