package io.creditcontrol.limits.exposure;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A buyer this service has heard of, from master data (name, group parent) or only from its
 * invoices and payments (then name and parent are unknown). Its row is also the buyer's lock:
 * invoices, payments and master data arrive on three topics at once, and every change to a
 * buyer's view first takes this lock, so one buyer's facts are applied one at a time.
 */
@Entity
@Table(name = "buyer")
public class Buyer extends PanacheEntityBase {

    @Id
    @Column(name = "buyer_id")
    public String buyerId;
    public String name;
    /** The group parent (a buyerId), when the buyer belongs to a group. */
    @Column(name = "parent_id")
    public String parentId;
    /** When master data was last applied; null while the buyer is known from receivables only. */
    @Column(name = "master_data_updated_at")
    public Instant masterDataUpdatedAt;

    /**
     * Locks the buyer for the rest of the transaction, recording it when first heard of. Two
     * transactions recording the same new buyer collide on the key; the loser fails and is
     * retried by the inbox, and then finds the buyer.
     */
    public static Buyer lock(String buyerId) {
        Buyer buyer = findById(buyerId, LockModeType.PESSIMISTIC_WRITE);
        if (buyer == null) {
            buyer = new Buyer();
            buyer.buyerId = buyerId;
            buyer.persistAndFlush();
        }
        return buyer;
    }
}
