package io.creditcontrol.scoring.score;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * Buyers waiting to be re-scored. The listener side ({@link #request}) only records that a buyer
 * must be looked at again, in the transaction that applies the event, while holding the buyer's
 * lock; the {@link ScoringWorker} decides what the new score is from the buyer's file as it then
 * stands. So a burst of events about one buyer costs one re-score, and a redelivered event (dropped
 * by the inbox) costs none.
 */
@ApplicationScoped
public class RescoreQueue {

    /** buyers per statement (well below the drivers' parameter limits) */
    private static final int CHUNK = 500;

    private final EntityManager em;
    private final Clock clock;

    RescoreQueue(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** The caller holds the buyer's lock (BuyerLock), so the row cannot be taken away under us. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void request(String buyerId, String reason) {
        String why = reason.length() > 500 ? reason.substring(0, 500) : reason;
        int updated = em.createNativeQuery("UPDATE rescore_request SET requested_at = ?2, reason = ?3 WHERE buyer_id = ?1")
                .setParameter(1, buyerId).setParameter(2, clock.instant()).setParameter(3, why)
                .executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO rescore_request (buyer_id, requested_at, reason) VALUES (?1, ?2, ?3)")
                    .setParameter(1, buyerId).setParameter(2, clock.instant()).setParameter(3, why)
                    .executeUpdate();
        }
    }

    /**
     * As {@link #request} for every buyer of {@code reasons} (buyer to reason, in the order the
     * triggers arrived), in two statements for all of them instead of two per buyer: the requests
     * already queued are removed and every buyer is queued again with its new trigger, which is what
     * an update of the queued row does. The caller holds all their locks.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requestAll(Map<String, String> reasons) {
        List<String> buyers = List.copyOf(reasons.keySet());
        for (int from = 0; from < buyers.size(); from += CHUNK) {
            List<String> chunk = buyers.subList(from, Math.min(buyers.size(), from + CHUNK));
            em.createNativeQuery("DELETE FROM rescore_request WHERE buyer_id IN (:buyers)").setParameter("buyers", chunk).executeUpdate();
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < chunk.size(); i++) {
                values.append(i == 0 ? "" : ", ").append("(?").append(2 * i + 2).append(", ?1, ?").append(2 * i + 3).append(')');
            }
            Query insert = em.createNativeQuery("INSERT INTO rescore_request (buyer_id, requested_at, reason) VALUES " + values)
                    .setParameter(1, clock.instant());
            for (int i = 0; i < chunk.size(); i++) {
                String reason = reasons.get(chunk.get(i));
                insert.setParameter(2 * i + 2, chunk.get(i)).setParameter(2 * i + 3, reason.length() > 500 ? reason.substring(0, 500) : reason);
            }
            insert.executeUpdate();
        }
    }

    /** Takes the buyer's request off the queue; returns its reason, or null when there was none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String take(String buyerId) {
        @SuppressWarnings("unchecked")
        List<String> reasons = em.createNativeQuery("SELECT reason FROM rescore_request WHERE buyer_id = ?1")
                .setParameter(1, buyerId).getResultList();
        if (reasons.isEmpty()) {
            return null;
        }
        em.createNativeQuery("DELETE FROM rescore_request WHERE buyer_id = ?1").setParameter(1, buyerId).executeUpdate();
        return reasons.get(0);
    }

    /**
     * Queues the buyers whose master data names one of {@code parentIds} as their parent (and
     * that are not queued already): their group factor depends on the parent's grade. Their locks
     * are not taken here (the parents' are held); a subsidiary queued twice at once fails one
     * transaction, which is retried.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requestSubsidiaries(Collection<String> parentIds) {
        if (parentIds.isEmpty()) {
            return;
        }
        em.flush(); // the parents' new grades
        em.createNativeQuery("INSERT INTO rescore_request (buyer_id, requested_at, reason)"
                + " SELECT p.buyer_id, :now, 'parent company ' || p.parent_id || ' graded ' || s.grade"
                + " FROM buyer_profile p JOIN buyer_score s ON s.buyer_id = p.parent_id"
                + " WHERE p.parent_id IN (:parents) AND p.buyer_id <> p.parent_id"
                + " AND NOT EXISTS (SELECT 1 FROM rescore_request r WHERE r.buyer_id = p.buyer_id)")
                .setParameter("now", clock.instant()).setParameter("parents", parentIds)
                .executeUpdate();
    }

    /** Takes every one of {@code buyerIds} that is queued off the queue; answers each with its reason. */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public Map<String, String> takeAll(Collection<String> buyerIds) {
        Map<String, String> reasons = new LinkedHashMap<>();
        List<Object[]> rows = em.createNativeQuery("SELECT buyer_id, reason FROM rescore_request WHERE buyer_id IN (:ids) ORDER BY buyer_id")
                .setParameter("ids", buyerIds).getResultList();
        rows.forEach(row -> reasons.put((String) row[0], (String) row[1]));
        if (!reasons.isEmpty()) {
            em.createNativeQuery("DELETE FROM rescore_request WHERE buyer_id IN (:ids)").setParameter("ids", reasons.keySet()).executeUpdate();
        }
        return reasons;
    }

    /** The buyers waiting longest, at most {@code limit}. */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<String> oldest(int limit) {
        return em.createNativeQuery("SELECT buyer_id FROM rescore_request ORDER BY requested_at, buyer_id")
                .setMaxResults(limit).getResultList();
    }

    /**
     * Buyers not queued yet whose score was last reviewed before {@code cutoff} or was made by
     * another model version than {@code modelVersion} (a recalibration re-scores everyone).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<String> dueForReview(java.time.Instant cutoff, String modelVersion, int limit) {
        return em.createNativeQuery("SELECT s.buyer_id FROM buyer_score s WHERE (s.reviewed_at < ?1 OR s.model_version <> ?2)"
                + " AND NOT EXISTS (SELECT 1 FROM rescore_request r WHERE r.buyer_id = s.buyer_id) ORDER BY s.reviewed_at")
                .setParameter(1, cutoff).setParameter(2, modelVersion).setMaxResults(limit).getResultList();
    }
}
