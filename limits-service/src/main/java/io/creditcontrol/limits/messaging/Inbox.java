package io.creditcontrol.limits.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Applies incoming events exactly once. Each event is applied in its own transaction together
 * with the record that it was applied, so a redelivered event (a restart, a rebalance, a
 * producer's retry) changes nothing. A failure that may pass (a lost connection, a lock
 * conflict) is retried a bounded number of times; after that, or at once for a malformed
 * event, the exception reaches the channel and the record goes to the dead-letter topic.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final ObjectMapper mapper;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration backoff;
    private final MeterRegistry registry;

    Inbox(ObjectMapper mapper, Clock clock, MeterRegistry registry,
            @ConfigProperty(name = "credit.inbox.max-attempts") int maxAttempts,
            @ConfigProperty(name = "credit.inbox.retry-backoff") Duration backoff) {
        this.mapper = mapper;
        this.clock = clock;
        this.registry = registry;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    /** Parses the record and applies it once; {@code handler} runs inside the transaction. */
    public void receive(String channel, String recordValue, Consumer<CloudEvent> handler) {
        CloudEvent event;
        try {
            event = CloudEvent.parse(recordValue, mapper);
        } catch (MalformedEventException e) {
            count(channel, "malformed");
            throw e;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                boolean applied = QuarkusTransaction.requiringNew().call(() -> applyOnce(event, handler));
                count(channel, applied ? "applied" : "duplicate");
                return;
            } catch (MalformedEventException e) {
                count(channel, "malformed");
                throw e;
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts || !mayPass(e)) {
                    count(channel, "failed");
                    throw new IllegalStateException("Could not apply " + event.type() + " " + event.id()
                            + " after " + attempt + " attempt(s): " + e.getMessage(), e);
                }
                LOG.warnf("Applying %s %s failed (attempt %d of %d), retrying: %s", event.type(), event.id(), attempt, maxAttempts, e.getMessage());
                pause(backoff.multipliedBy(attempt));
            }
        }
    }

    private boolean applyOnce(CloudEvent event, Consumer<CloudEvent> handler) {
        if (ProcessedEvent.findById(new ProcessedEvent.Key(event.source(), event.id())) != null) {
            LOG.debugf("Skipping %s %s: already applied", event.type(), event.id());
            return false;
        }
        handler.accept(event);
        ProcessedEvent processed = new ProcessedEvent();
        processed.eventSource = event.source();
        processed.eventId = event.id();
        processed.eventType = event.type();
        processed.processedAt = clock.instant();
        processed.persist();
        return true;
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

    private void count(String channel, String outcome) {
        registry.counter("credit.events.received", "channel", channel, "outcome", outcome).increment();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
