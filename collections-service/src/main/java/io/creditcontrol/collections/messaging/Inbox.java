package io.creditcontrol.collections.messaging;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Applies incoming events exactly once, the events of one buyer one at a time.
 *
 * <p>An event is applied in the same transaction as the record that it was applied
 * ({@code processed_event}), so a redelivered event (a restart, a rebalance, a producer's retry)
 * changes nothing. The ledger's channels hand over a whole poll ({@link #receiveBatch}): its
 * events are applied in one transaction, in record order (so the order within each partition
 * holds), after the buyers they are about have been locked in buyer order. One commit per poll
 * rather than one per event is what lets the ledger keep up with a bulk import.
 *
 * <p>A record that can never be applied goes to the dead-letter topic alone, with its reason,
 * and never holds up the others: a record that is not a CloudEvent is set aside before the batch
 * starts; one the ledger refuses while it is applied (a credit note for an unknown invoice, an
 * invoice number reused for other content) rolls the batch back, is dead-lettered, and the batch
 * is applied again without it. A failure that may pass (a lost connection, a lock conflict)
 * retries the batch a bounded number of times; after that each record is applied in a
 * transaction of its own, so only a record that still fails is dead-lettered.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration backoff;
    private final MeterRegistry registry;
    private final DeadLetters deadLetters;

    Inbox(EntityManager em, ObjectMapper mapper, Clock clock, MeterRegistry registry, DeadLetters deadLetters,
            @ConfigProperty(name = "credit.inbox.max-attempts") int maxAttempts,
            @ConfigProperty(name = "credit.inbox.retry-backoff") Duration backoff) {
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
        this.registry = registry;
        this.deadLetters = deadLetters;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    /**
     * One record at a time (the buyer-profile channels). A record that cannot be applied is
     * thrown back to the channel, whose failure strategy dead-letters it.
     */
    public void receive(String channel, String recordValue, Consumer<CloudEvent> handler) {
        CloudEvent event;
        try {
            event = CloudEvent.parse(recordValue, mapper);
        } catch (MalformedEventException e) {
            count(channel, "malformed", 1);
            throw e;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Outcome outcome = QuarkusTransaction.requiringNew().call(() -> apply(List.of(new Received(null, event)), handler));
                count(channel, outcome.applied() > 0 ? "applied" : "duplicate", 1);
                return;
            } catch (Rejected e) {
                count(channel, "malformed", 1);
                throw (MalformedEventException) e.getCause();
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts || !mayPass(e)) {
                    count(channel, "failed", 1);
                    throw new IllegalStateException(cannotApply(event, attempt, e), e);
                }
                LOG.warnf("Applying %s %s failed (attempt %d of %d), retrying: %s", event.type(), event.id(), attempt, maxAttempts, e.getMessage());
                pause(backoff.multipliedBy(attempt));
            }
        }
    }

    /**
     * A poll's records, applied in one transaction (see the class comment); records that can
     * never be applied are dead-lettered here, one by one, so this returns normally and the
     * whole poll is acknowledged.
     */
    public void receiveBatch(String channel, Iterable<ConsumerRecord<String, String>> records, Consumer<CloudEvent> handler) {
        List<Received> batch = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                batch.add(new Received(record, CloudEvent.parse(record.value(), mapper)));
            } catch (MalformedEventException e) {
                deadLetter(channel, record, e.getMessage());
            }
        }
        int attempt = 1;
        while (!batch.isEmpty()) {
            try {
                Outcome outcome = QuarkusTransaction.requiringNew().call(() -> apply(batch, handler));
                count(channel, "applied", outcome.applied());
                count(channel, "duplicate", outcome.duplicates());
                return;
            } catch (Rejected e) {
                // rolled back: the others go again without it (not a failed attempt: nothing may pass here)
                batch.remove(e.received);
                deadLetter(channel, e.received.record(), e.getCause().getMessage());
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts || !mayPass(e)) {
                    LOG.warnf("A batch of %d records on %s failed (attempt %d), applying them one by one: %s", batch.size(), channel,
                            attempt, e.getMessage());
                    batch.forEach(received -> receiveAlone(channel, received, handler));
                    return;
                }
                LOG.warnf("A batch of %d records on %s failed (attempt %d of %d), retrying: %s", batch.size(), channel, attempt,
                        maxAttempts, e.getMessage());
                pause(backoff.multipliedBy(attempt));
                attempt++;
            }
        }
    }

    /** The fallback after a batch kept failing: one record, one transaction, bounded attempts, then the dead-letter topic. */
    private void receiveAlone(String channel, Received received, Consumer<CloudEvent> handler) {
        CloudEvent event = received.event();
        for (int attempt = 1; ; attempt++) {
            try {
                Outcome outcome = QuarkusTransaction.requiringNew().call(() -> apply(List.of(received), handler));
                count(channel, outcome.applied() > 0 ? "applied" : "duplicate", 1);
                return;
            } catch (Rejected e) {
                deadLetter(channel, received.record(), e.getCause().getMessage());
                return;
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts || !mayPass(e)) {
                    count(channel, "failed", 1);
                    deadLetters.send(received.record(), cannotApply(event, attempt, e));
                    return;
                }
                LOG.warnf("Applying %s %s failed (attempt %d of %d), retrying: %s", event.type(), event.id(), attempt, maxAttempts, e.getMessage());
                pause(backoff.multipliedBy(attempt));
            }
        }
    }

    /** Inside the transaction: locks the buyers, records the events as applied, applies those not applied before, in order. */
    private Outcome apply(List<Received> batch, Consumer<CloudEvent> handler) {
        Set<String> subjects = new TreeSet<>();
        batch.forEach(r -> subjects.add(r.event().subject()));
        lockSubjects(subjects);
        boolean[] firstTime = record(batch);
        int done = 0;
        int duplicates = 0;
        for (int i = 0; i < batch.size(); i++) {
            Received received = batch.get(i);
            CloudEvent event = received.event();
            if (!firstTime[i]) {
                LOG.debugf("Skipping %s %s: already applied", event.type(), event.id());
                duplicates++;
                continue;
            }
            try {
                handler.accept(event);
            } catch (MalformedEventException e) {
                throw new Rejected(received, e);
            }
            done++;
        }
        return new Outcome(done, duplicates);
    }

    /**
     * Events about one buyer are applied one at a time, whichever topic they came from: each
     * buyer's lock row is created if missing and locked until the transaction ends. Taken in
     * buyer order, so two batches sharing buyers wait for each other instead of deadlocking.
     */
    private void lockSubjects(Set<String> sortedSubjects) {
        em.unwrap(Session.class).doWork(connection -> {
            Array subjects = connection.createArrayOf("varchar", sortedSubjects.toArray());
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO event_subject_lock (subject) SELECT k.s FROM unnest(?) AS k(s) ORDER BY k.s ON CONFLICT DO NOTHING");
                    PreparedStatement lock = connection.prepareStatement(
                            "SELECT subject FROM event_subject_lock WHERE subject = ANY (?) ORDER BY subject FOR UPDATE")) {
                insert.setArray(1, subjects);
                insert.executeUpdate();
                lock.setArray(1, subjects);
                lock.executeQuery().close();
            } finally {
                subjects.free();
            }
        });
    }

    /**
     * Records the batch's events as applied, in one JDBC batch of inserts that skip a key already
     * there ({@code ON CONFLICT DO NOTHING}): an insert that wrote its row is an event applied
     * neither before nor earlier in this batch. The key's unique index decides, whatever the
     * table's statistics say (a look-up by a list of ids was planned, on a table not analyzed
     * since it was small, as a scan of every event of the source: 64 ms a batch at 140,000
     * events, and growing). Rolled back with the batch if it fails.
     */
    private boolean[] record(List<Received> batch) {
        boolean[] firstTime = new boolean[batch.size()];
        Timestamp now = Timestamp.from(clock.instant());
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO processed_event (event_source, event_id, event_type, "
                    + "processed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (Received received : batch) {
                    insert.setString(1, received.event().source());
                    insert.setString(2, received.event().id());
                    insert.setString(3, received.event().type());
                    insert.setTimestamp(4, now);
                    insert.addBatch();
                }
                int[] written = insert.executeBatch();
                for (int i = 0; i < written.length; i++) {
                    if (written[i] < 0) {
                        // A driver that does not say per row (reWriteBatchedInserts, which this service's pool
                        // does not set): the batch fails and its records go one per transaction, where a
                        // batch of one insert is never rewritten, so they are still applied exactly once.
                        throw new IllegalStateException("The JDBC driver did not report which events were recorded");
                    }
                    firstTime[i] = written[i] > 0;
                }
            }
        });
        return firstTime;
    }

    private void deadLetter(String channel, ConsumerRecord<String, String> record, String reason) {
        count(channel, "malformed", 1);
        deadLetters.send(record, reason);
    }

    private static String cannotApply(CloudEvent event, int attempts, RuntimeException e) {
        return "Could not apply " + event.type() + " " + event.id() + " after " + attempts + " attempt(s): " + e.getMessage();
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

    /** A record and the event it carries (record null: a single record of the buyer-profile channels). */
    private record Received(ConsumerRecord<String, String> record, CloudEvent event) {
    }

    private record Outcome(int applied, int duplicates) {
    }

    /** The ledger refused one event of the batch; the transaction rolls back and the batch goes again without it. */
    private static final class Rejected extends RuntimeException {
        final transient Received received;

        Rejected(Received received, MalformedEventException cause) {
            super(cause.getMessage(), cause);
            this.received = received;
        }
    }
}
