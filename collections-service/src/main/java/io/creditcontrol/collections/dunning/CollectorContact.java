package io.creditcontrol.collections.dunning;

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

/** One contact of a collector with a buyer (a call, an e-mail, a visit) and what it gave. */
@Entity
@Table(name = "collector_contact")
public class CollectorContact extends PanacheEntityBase {

    public enum Channel { PHONE, EMAIL, LETTER, VISIT }

    public enum Outcome { REACHED, NO_ANSWER, PROMISE_TAKEN, DISPUTE_RAISED, PAYMENT_REFUSED, WRONG_CONTACT }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "buyer_id")
    public String buyerId;
    public String collector;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    @Enumerated(EnumType.STRING)
    public Outcome outcome;
    public String note;
    @Column(name = "contacted_on")
    public LocalDate contactedOn;
    @Column(name = "recorded_at")
    public Instant recordedAt;

    /** The latest contacts first, at most {@code limit}. */
    public static List<CollectorContact> ofBuyer(String buyerId, int limit) {
        return CollectorContact.<CollectorContact>find("buyerId = ?1 order by contactedOn desc, id desc", buyerId).page(0, limit).list();
    }
}
