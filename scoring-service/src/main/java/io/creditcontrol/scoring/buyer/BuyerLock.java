package io.creditcontrol.scoring.buyer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * One buyer's facts are applied one at a time. Invoices, payments and buyer events arrive on
 * different topics, consumed on different threads; without this a payment could look for its
 * invoice while the invoice is being written, each miss the other, and the allocation stay
 * pending for ever. Every handler therefore first locks the buyer's {@code known_buyer} row
 * (creating it the first time the buyer is heard of) until its transaction ends.
 *
 * <p>A transaction that needs several buyers (a batch of records, a batch of re-scores) takes
 * them all at once with {@link #acquireAll}, in buyer-id order, so two such transactions can never
 * wait for each other in a circle. A buyer already locked by the current transaction is not
 * locked again (no second round trip).
 */
@ApplicationScoped
public class BuyerLock {

    private static final String HELD = BuyerLock.class.getName() + ".held";
    /** buyers per statement (well below the drivers' parameter limits) */
    private static final int CHUNK = 500;

    private final EntityManager em;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transaction;

    BuyerLock(EntityManager em, Clock clock, TransactionSynchronizationRegistry transaction) {
        this.em = em;
        this.clock = clock;
        this.transaction = transaction;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void acquire(String buyerId) {
        Set<String> held = held();
        if (held.contains(buyerId)) {
            return;
        }
        // A concurrent first insert of the same buyer waits here for the other transaction and then
        // does nothing; the row exists either way, and FOR UPDATE holds it until we commit.
        em.createNativeQuery("INSERT INTO known_buyer (buyer_id, first_seen_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, buyerId)
                .setParameter(2, clock.instant())
                .executeUpdate();
        em.createNativeQuery("SELECT buyer_id FROM known_buyer WHERE buyer_id = ?1 FOR UPDATE")
                .setParameter(1, buyerId)
                .getSingleResult();
        held.add(buyerId);
    }

    /**
     * Locks every buyer of {@code buyerIds}, in buyer-id order, with two statements for all of
     * them (a batch of records or of re-scores touches up to a few hundred buyers).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void acquireAll(Collection<String> buyerIds) {
        Set<String> held = held();
        List<String> wanted = new ArrayList<>(new TreeSet<>(buyerIds));
        wanted.removeAll(held);
        for (int from = 0; from < wanted.size(); from += CHUNK) {
            List<String> chunk = wanted.subList(from, Math.min(wanted.size(), from + CHUNK));
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < chunk.size(); i++) {
                values.append(i == 0 ? "" : ", ").append("(?").append(i + 2).append(", ?1)");
            }
            Query insert = em.createNativeQuery("INSERT INTO known_buyer (buyer_id, first_seen_at) VALUES " + values + " ON CONFLICT DO NOTHING")
                    .setParameter(1, clock.instant());
            for (int i = 0; i < chunk.size(); i++) {
                insert.setParameter(i + 2, chunk.get(i));
            }
            insert.executeUpdate();
            em.createNativeQuery("SELECT buyer_id FROM known_buyer WHERE buyer_id IN (:buyers) ORDER BY buyer_id FOR UPDATE")
                    .setParameter("buyers", chunk).getResultList();
            held.addAll(chunk);
        }
    }

    /**
     * Locks those of {@code buyerIds} (known buyers) that no other transaction holds, without
     * waiting for the others, and answers the buyers this transaction now holds. For the scoring
     * worker: a buyer a consumer is applying events to is left for the worker's next batch (the
     * consumer queues it again anyway), so the worker never waits for a consumer, and a consumer
     * never waits for a worker that is itself waiting.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public Set<String> acquireAvailable(Collection<String> buyerIds) {
        Set<String> held = held();
        List<String> wanted = new ArrayList<>(new TreeSet<>(buyerIds));
        wanted.removeAll(held);
        Set<String> locked = new TreeSet<>(buyerIds);
        locked.retainAll(held);
        for (int from = 0; from < wanted.size(); from += CHUNK) {
            List<String> chunk = wanted.subList(from, Math.min(wanted.size(), from + CHUNK));
            List<String> got = em.createNativeQuery("SELECT buyer_id FROM known_buyer WHERE buyer_id IN (:buyers) ORDER BY buyer_id FOR UPDATE SKIP LOCKED")
                    .setParameter("buyers", chunk).getResultList();
            held.addAll(got);
            locked.addAll(got);
        }
        return locked;
    }

    @SuppressWarnings("unchecked")
    private Set<String> held() {
        Set<String> held = (Set<String>) transaction.getResource(HELD);
        if (held == null) {
            held = new HashSet<>();
            transaction.putResource(HELD, held);
        }
        return held;
    }
}
