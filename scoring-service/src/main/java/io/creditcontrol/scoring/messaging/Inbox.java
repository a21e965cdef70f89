package io.creditcontrol.scoring.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.creditcontrol.scoring.buyer.BuyerLock;
import io.creditcontrol.scoring.score.RescoreQueue;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Applies incoming events exactly once, a batch of Kafka records at a time.
 *
 * <p>A batch is applied in one transaction: the events not applied before (looked up in
 * {@code processed_event} in one query) are applied in record order, each recorded as applied,
 * after the batch's buyers have been locked in buyer-id order ({@link BuyerLock}). A buyer touched
 * several times in the batch is queued for re-scoring once, with the latest event as trigger. So
 * a redelivered event (a restart, a rebalance, a producer's retry) still changes nothing, and the
 * per-buyer lock still keeps an invoice and its payment, consumed on different threads, from
 * missing each other.
 *
 * <p>Records that can never be applied go to the dead-letter topic one by one, never their batch:
 * a record that is not a CloudEvent or is keyed by another buyer is set aside before the batch
 * starts; one whose rule check fails while it is being applied (a credit note for an unknown
 * invoice) rolls the batch back, is dead-lettered, and the batch is applied again without it. A
 * failure that may pass (a lost connection, a deadlock) retries the batch a bounded number of
 * times; after that the batch's records are applied one transaction each, so only the record that
 * still fails is dead-lettered.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    /** events per idempotency query or insert (two or three parameters each, well below the drivers' limits) */
    private static final int KEYS_PER_QUERY = 1000;

    private final ObjectMapper mapper;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration backoff;
    private final MeterRegistry registry;
    private final BuyerLock lock;
    private final RescoreQueue rescore;
    private final DeadLetters deadLetters;
    private final EntityManager em;
    private final boolean lateral;

    Inbox(ObjectMapper mapper, Clock clock, MeterRegistry registry, BuyerLock lock, RescoreQueue rescore, DeadLetters deadLetters,
            EntityManager em,
            @ConfigProperty(name = "credit.inbox.max-attempts") int maxAttempts,
            @ConfigProperty(name = "credit.inbox.retry-backoff") Duration backoff,
            @ConfigProperty(name = "quarkus.datasource.db-kind") String databaseKind) {
        this.mapper = mapper;
        this.clock = clock;
        this.registry = registry;
        this.lock = lock;
        this.rescore = rescore;
        this.deadLetters = deadLetters;
        this.em = em;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        // H2, for the local run only, has no LATERAL: it gets the plain semi-join
        this.lateral = !"h2".equals(databaseKind);
    }

    /**
     * Applies one batch of records of {@code channel}. {@code handler} runs inside the batch's
     * transaction, once per event not applied before, and answers the buyer to re-score (null
     * when the event type is skipped).
     */
    public void receive(String channel, Iterable<ConsumerRecord<String, String>> records, Function<CloudEvent, String> handler) {
        receive(channel, records, events -> { }, handler);
    }

    /**
     * As {@link #receive(String, Iterable, Function)}; {@code prefetch} runs first in the batch's
     * transaction, once the buyers are locked, with the events to apply (to read what they refer
     * to at once).
     */
    public void receive(String channel, Iterable<ConsumerRecord<String, String>> records, Consumer<List<CloudEvent>> prefetch,
            Function<CloudEvent, String> handler) {
        List<Received> batch = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                batch.add(new Received(record, parse(record)));
            } catch (MalformedEventException e) {
                reject(channel, record, e.getMessage());
            }
        }
        for (int attempt = 1; !batch.isEmpty(); attempt++) {
            try {
                Outcome outcome = QuarkusTransaction.requiringNew().call(() -> applyBatch(batch, prefetch, handler));
                count(channel, "applied", outcome.applied());
                count(channel, "duplicate", outcome.duplicates());
                return;
            } catch (Rejected e) {
                // rolled back; the rest is applied again without it (this is no failed attempt)
                batch.remove(e.received);
                reject(channel, e.received.record, e.getMessage());
                attempt--;
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts || !mayPass(e)) {
                    LOG.warnf("Batch of %d records on %s failed (attempt %d): %s; applying them one by one", batch.size(), channel,
                            attempt, e.getMessage());
                    batch.forEach(received -> receiveAlone(channel, received, prefetch, handler));
                    return;
                }
                LOG.warnf("Batch of %d records on %s failed (attempt %d of %d), retrying: %s", batch.size(), channel, attempt,
                        maxAttempts, e.getMessage());
                pause(backoff.multipliedBy(attempt));
            }
        }
    }

    private Outcome applyBatch(List<Received> batch, Consumer<List<CloudEvent>> prefetch, Function<CloudEvent, String> handler) {
        Set<ProcessedEvent.Key> seen = appliedBefore(batch);
        Set<String> buyers = new HashSet<>();
        batch.forEach(r -> buyers.add(r.event.subject()));
        lock.acquireAll(buyers);
        prefetch.accept(batch.stream().map(Received::event).toList());
        Map<String, String> toRescore = new LinkedHashMap<>();
        List<CloudEvent> applied = new ArrayList<>();
        int duplicates = 0;
        for (Received received : batch) {
            CloudEvent event = received.event;
            if (!seen.add(new ProcessedEvent.Key(event.source(), event.id()))) {
                LOG.debugf("Skipping %s %s: already applied", event.type(), event.id());
                duplicates++;
                continue;
            }
            String buyer;
            try {
                buyer = handler.apply(event);
            } catch (MalformedEventException e) {
                throw new Rejected(received, e);
            }
            if (buyer != null) {
                toRescore.remove(buyer); // the latest trigger last, as the queue orders by time
                toRescore.put(buyer, Triggers.of(event));
            }
            applied.add(event);
        }
        markApplied(applied);
        if (!toRescore.isEmpty()) {
            rescore.requestAll(toRescore);
        }
        return new Outcome(applied.size(), duplicates);
    }

    /**
     * The events of the batch applied before, in one query: the batch's keys given as a VALUES list,
     * each looked up through the primary key (source, id) by a LATERAL subquery. The LIMIT 1 (the
     * key is unique) keeps the planner from turning the lookups into a hash join over the whole
     * table, whose cost grows with every event ever applied: it did, now and then, for a plain join
     * with the VALUES list (docs/scoring.md, section 8). (A list of ids compared with
     * {@code IN (?, ?, ...)} was worse still: checked linearly for every row on a cached generic plan.)
     */
    @SuppressWarnings("unchecked")
    private Set<ProcessedEvent.Key> appliedBefore(List<Received> batch) {
        List<ProcessedEvent.Key> keys = new ArrayList<>(new LinkedHashSet<>(
                batch.stream().map(r -> new ProcessedEvent.Key(r.event.source(), r.event.id())).toList()));
        Set<ProcessedEvent.Key> found = new HashSet<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
            List<ProcessedEvent.Key> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY));
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < chunk.size(); i++) {
                values.append(i == 0 ? "" : ", ").append("(?").append(2 * i + 1).append(", ?").append(2 * i + 2).append(')');
            }
            Query query = em.createNativeQuery(lateral
                    ? "SELECT p.event_source, p.event_id FROM (VALUES " + values + ") AS k(event_source, event_id)"
                            + " CROSS JOIN LATERAL (SELECT event_source, event_id FROM processed_event e"
                            + " WHERE e.event_source = k.event_source AND e.event_id = k.event_id LIMIT 1) AS p"
                    : "SELECT event_source, event_id FROM processed_event WHERE (event_source, event_id) IN (VALUES " + values + ")");
            for (int i = 0; i < chunk.size(); i++) {
                query.setParameter(2 * i + 1, chunk.get(i).eventSource).setParameter(2 * i + 2, chunk.get(i).eventId);
            }
            ((List<Object[]>) query.getResultList()).forEach(row -> found.add(new ProcessedEvent.Key((String) row[0], (String) row[1])));
        }
        return found;
    }

    /** The fallback: one record, one transaction, as many attempts as allowed, then the dead-letter topic. */
    private void receiveAlone(String channel, Received received, Consumer<List<CloudEvent>> prefetch, Function<CloudEvent, String> handler) {
        CloudEvent event = received.event;
        for (int attempt = 1; ; attempt++) {
            try {
                Outcome outcome = QuarkusTransaction.requiringNew().call(() -> applyBatch(List.of(received), prefetch, handler));
                count(channel, outcome.applied() > 0 ? "applied" : "duplicate", 1);
                return;
            } catch (Rejected e) {
                reject(channel, received.record, e.getMessage());
                return;
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts || !mayPass(e)) {
                    count(channel, "failed", 1);
                    deadLetters.send(received.record, "Could not apply " + event.type() + " " + event.id() + " after " + attempt
                            + " attempt(s): " + e.getMessage());
                    return;
                }
                LOG.warnf("Applying %s %s failed (attempt %d of %d), retrying: %s", event.type(), event.id(), attempt, maxAttempts,
                        e.getMessage());
                pause(backoff.multipliedBy(attempt));
            }
        }
    }

    /**
     * The record key must be the event's subject (the buyer): a record keyed otherwise may have
     * overtaken, or been overtaken by, that buyer's other events, so it is not applied.
     */
    private CloudEvent parse(ConsumerRecord<String, String> record) {
        CloudEvent event = CloudEvent.parse(record.value(), mapper);
        if (!event.subject().equals(record.key())) {
            throw new MalformedEventException(event.type() + " " + event.id() + ": record key '" + record.key()
                    + "' is not the subject '" + event.subject() + "'");
        }
        return event;
    }

    /**
     * Records the batch's applied events in {@code processed_event}, in one multi-row INSERT per
     * {@link #KEYS_PER_QUERY} events rather than one entity each: the rows are never read back as
     * entities, and persisting each as an entity went through Hibernate's persist, entity bookkeeping and
     * flush for every event (docs/scoring.md, section 8).
     */
    private void markApplied(List<CloudEvent> events) {
        Instant now = clock.instant();
        for (int from = 0; from < events.size(); from += KEYS_PER_QUERY) {
            List<CloudEvent> chunk = events.subList(from, Math.min(events.size(), from + KEYS_PER_QUERY));
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < chunk.size(); i++) {
                values.append(i == 0 ? "" : ", ").append("(?").append(3 * i + 2).append(", ?").append(3 * i + 3).append(", ?")
                        .append(3 * i + 4).append(", ?1)");
            }
            Query insert = em.createNativeQuery("INSERT INTO processed_event (event_source, event_id, event_type, processed_at) VALUES "
                    + values);
            insert.setParameter(1, now);
            for (int i = 0; i < chunk.size(); i++) {
                CloudEvent event = chunk.get(i);
                insert.setParameter(3 * i + 2, event.source()).setParameter(3 * i + 3, event.id()).setParameter(3 * i + 4, event.type());
            }
            insert.executeUpdate();
        }
    }

    private void reject(String channel, ConsumerRecord<String, String> record, String reason) {
        count(channel, "malformed", 1);
        deadLetters.send(record, reason);
    }

    /** Database trouble may pass; a bug or a rule violation will not. */
    private static boolean mayPass(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PersistenceException || t instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }

    private void count(String channel, String outcome, int events) {
        if (events > 0) {
            registry.counter("credit.events.received", "channel", channel, "outcome", outcome).increment(events);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Received(ConsumerRecord<String, String> record, CloudEvent event) {
    }

    private record Outcome(int applied, int duplicates) {
    }

    /** A record of the batch broke a rule while it was applied; the batch is rolled back without it. */
    private static final class Rejected extends RuntimeException {
        final transient Received received;

        Rejected(Received received, MalformedEventException cause) {
            super(cause.getMessage(), cause);
            this.received = received;
        }
    }
}
