package io.creditcontrol.scoring.buyer;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * One buyer's facts are applied one at a time. Invoices, payments and buyer events arrive on
 * three topics, consumed on three threads; without this a payment could look for its invoice
 * while the invoice is being written, each miss the other, and the allocation stay pending for
 * ever. Every handler therefore first locks the buyer's {@code known_buyer} row (creating it
 * the first time the buyer is heard of) until its transaction ends.
 */
@ApplicationScoped
public class BuyerLock {

    private final EntityManager em;
    private final Clock clock;

    BuyerLock(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void acquire(String buyerId) {
        // A concurrent first insert of the same buyer waits here for the other transaction and then
        // does nothing; the row exists either way, and FOR UPDATE holds it until we commit.
        em.createNativeQuery("INSERT INTO known_buyer (buyer_id, first_seen_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, buyerId)
                .setParameter(2, clock.instant())
                .executeUpdate();
        em.createNativeQuery("SELECT buyer_id FROM known_buyer WHERE buyer_id = ?1 FOR UPDATE")
                .setParameter(1, buyerId)
                .getSingleResult();
    }
}
