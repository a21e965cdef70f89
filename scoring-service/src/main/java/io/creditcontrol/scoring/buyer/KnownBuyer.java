package io.creditcontrol.scoring.buyer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A buyer this service has heard of on any topic; see {@link BuyerLock}. */
@Entity
@Table(name = "known_buyer")
public class KnownBuyer extends PanacheEntityBase {

    @Id
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "first_seen_at")
    public Instant firstSeenAt;
}
