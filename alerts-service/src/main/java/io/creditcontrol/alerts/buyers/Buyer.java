package io.creditcontrol.alerts.buyers;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A buyer this service has heard of, from whichever topic came first. Its master data is what
 * the latest credit.buyer.registered or credit.buyer.updated said (a full record, never a
 * delta); a buyer known only from its invoices, payments or risk signals has none yet.
 */
@Entity
@Table(name = "buyer")
public class Buyer extends PanacheEntityBase {

    @Id
    @Column(name = "buyer_id")
    public String buyerId;
    public String name;
    public String country;
    public String industry;
    @Column(name = "parent_id")
    public String parentId;
    /** Occurrence time of the master-data event last applied; null until the buyer is registered. */
    @Column(name = "master_data_at")
    public Instant masterDataAt;

    /**
     * The buyer's row, created when the buyer is first heard of, locked until the transaction
     * ends. Every event locks its buyer first, so one buyer's facts change one event at a time
     * although invoices, payments and buyer events are consumed in parallel: a payment and the
     * invoice it pays, arriving at the same moment on two topics, cannot miss each other.
     */
    public static Buyer lockForUpdate(String buyerId) {
        EntityManager em = getEntityManager();
        em.createNativeQuery("INSERT INTO buyer (buyer_id) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, buyerId)
                .executeUpdate();
        return em.find(Buyer.class, buyerId, LockModeType.PESSIMISTIC_WRITE);
    }
}
