package io.creditcontrol.alerts.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Delivers queued webhooks. Each run leases the due deliveries ({@code FOR UPDATE SKIP LOCKED},
 * so replicas share the work without sending one twice) until {@code lease-duration} from now,
 * commits the lease, sends them in parallel outside any transaction, then records each attempt.
 * A worker that dies mid-send leaves its lease to run out; the delivery is then due again and
 * goes out with the same {@code webhook-id}. Outcomes: 2xx delivered; timeouts, connection
 * errors, 408, 429 and 5xx retried with backoff; 410 Gone disables the subscription; other
 * answers (4xx, a 3xx redirect, a target the SSRF check now refuses) fail without retry. An
 * endpoint that has not accepted anything for {@code disable-after} is disabled.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final EntityManager em;
    private final Clock clock;
    private final TargetUrlPolicy targets;
    private final WebhookSender sender;
    private final RetryPolicy retries;
    private final Event<WebhookEndpointDisabled> disabledEvents;
    private final MeterRegistry registry;
    private final int batchSize;
    private final Duration leaseDuration;
    private final Duration disableAfter;
    private final boolean dispatchOnCommit;
    private final Duration logRetention;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final ExecutorService wakeExecutor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "webhook-dispatch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;

    WebhookDispatcher(EntityManager em, @DeliveryClock Clock clock, TargetUrlPolicy targets, WebhookSender sender,
            RetryPolicy retries, Event<WebhookEndpointDisabled> disabledEvents, MeterRegistry registry,
            @ConfigProperty(name = "credit.webhooks.batch-size") int batchSize,
            @ConfigProperty(name = "credit.webhooks.lease-duration") Duration leaseDuration,
            @ConfigProperty(name = "credit.webhooks.disable-after") Duration disableAfter,
            @ConfigProperty(name = "credit.webhooks.dispatch-on-commit") boolean dispatchOnCommit,
            @ConfigProperty(name = "credit.webhooks.log-retention") Duration logRetention) {
        this.em = em;
        this.clock = clock;
        this.targets = targets;
        this.sender = sender;
        this.retries = retries;
        this.disabledEvents = disabledEvents;
        this.registry = registry;
        this.batchSize = batchSize;
        this.leaseDuration = leaseDuration;
        this.disableAfter = disableAfter;
        this.dispatchOnCommit = dispatchOnCommit;
        this.logRetention = logRetention;
    }

    @Scheduled(every = "${credit.webhooks.dispatch-interval}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledRun() {
        dispatchDue();
    }

    /** Asks for a run soon (after an alert committed deliveries or a replay); runs coalesce. */
    void wake() {
        if (dispatchOnCommit && !stopping && wakeQueued.compareAndSet(false, true)) {
            wakeExecutor.execute(() -> {
                wakeQueued.set(false);
                dispatchDue();
            });
        }
    }

    /** Sends every delivery due now, batch after batch; returns how many attempts were made. */
    public int dispatchDue() {
        running.lock();
        try {
            int attempts = 0;
            while (!stopping) {
                List<Leased> batch = QuarkusTransaction.requiringNew().call(this::leaseDue);
                if (batch.isEmpty()) {
                    break;
                }
                sendAll(batch);
                attempts += batch.size();
                if (batch.size() < batchSize) {
                    break;
                }
            }
            return attempts;
        } catch (RuntimeException e) {
            // Leased rows stay leased until their lease runs out, then the next run takes them.
            LOG.warnf("Webhook dispatch failed, will retry: %s", e.getMessage());
            return 0;
        } finally {
            running.unlock();
        }
    }

    /** What the sender needs of one leased delivery, read inside the lease transaction. */
    record Leased(String deliveryId, String subscriptionId, String leaseToken, String payload, String targetUrl, List<String> secrets) {
    }

    List<Leased> leaseDue() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<WebhookDelivery> due = em.createNativeQuery("""
                SELECT * FROM webhook_delivery
                 WHERE status = 'PENDING' AND next_attempt_at <= :now
                   AND (lease_until IS NULL OR lease_until <= :now)
                   AND subscription_id IN (SELECT id FROM webhook_subscription WHERE status = 'ACTIVE')
                 ORDER BY next_attempt_at
                 LIMIT :limit
                 FOR UPDATE SKIP LOCKED""", WebhookDelivery.class)
                .setParameter("now", now)
                .setParameter("limit", batchSize)
                .getResultList();
        if (due.isEmpty()) {
            return List.of();
        }
        Map<String, WebhookSubscription> subscriptions = WebhookSubscription.<WebhookSubscription>list("id in ?1",
                due.stream().map(d -> d.subscriptionId).distinct().toList())
                .stream().collect(Collectors.toMap(s -> s.id, Function.identity()));
        List<Leased> leased = new ArrayList<>(due.size());
        for (WebhookDelivery delivery : due) {
            WebhookSubscription subscription = subscriptions.get(delivery.subscriptionId);
            delivery.leaseToken = UUID.randomUUID().toString();
            delivery.leaseUntil = now.plus(leaseDuration);
            leased.add(new Leased(delivery.id, delivery.subscriptionId, delivery.leaseToken, delivery.payload, subscription.targetUrl,
                    subscription.signingSecrets(now)));
        }
        return leased;
    }

    private void sendAll(List<Leased> batch) {
        List<CompletableFuture<Void>> sends = new ArrayList<>(batch.size());
        for (Leased leased : batch) {
            sends.add(attempt(leased));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    }

    /** One attempt: check the target again, sign with the attempt's timestamp, send, record. */
    private CompletableFuture<Void> attempt(Leased leased) {
        Instant attemptedAt = clock.instant();
        long timestamp = attemptedAt.getEpochSecond();
        TargetUrlPolicy.Target target;
        try {
            target = targets.check(leased.targetUrl());
        } catch (UnresolvableHostException e) {
            return CompletableFuture.runAsync(() -> record(leased, attemptedAt, timestamp,
                    new WebhookSender.Response(null, null, null, "connection failed: " + e.getMessage(), 0), true), blocking());
        } catch (RefusedTargetException e) {
            return CompletableFuture.runAsync(() -> record(leased, attemptedAt, timestamp,
                    new WebhookSender.Response(null, null, null, "target refused: " + e.getMessage(), 0), false), blocking());
        }
        String signature = WebhookSignature.header(leased.secrets(), leased.deliveryId(), timestamp, leased.payload());
        WebhookSender.Request request = new WebhookSender.Request(leased.deliveryId(), timestamp, signature, leased.payload());
        return sender.send(target, request).toCompletableFuture()
                // recording writes to the database: never on the Vert.x event loop that completed the send
                .thenAcceptAsync(response -> record(leased, attemptedAt, timestamp, response, true), blocking())
                .exceptionally(failure -> {
                    LOG.warnf("Recording webhook attempt %s failed: %s", leased.deliveryId(), failure.getMessage());
                    return null;
                });
    }

    private static Executor blocking() {
        return Infrastructure.getDefaultWorkerPool();
    }

    private void record(Leased leased, Instant attemptedAt, long timestamp, WebhookSender.Response response, boolean retryable) {
        String outcome = QuarkusTransaction.requiringNew().call(() -> recordAttempt(leased, attemptedAt, timestamp, response, retryable));
        if (outcome != null) {
            Counter.builder("credit.webhook.deliveries").description("Webhook delivery attempts by outcome")
                    .tag("outcome", outcome).register(registry).increment();
        }
    }

    /** Records one attempt and decides what happens next; returns the outcome, null if the lease was lost. */
    String recordAttempt(Leased leased, Instant attemptedAt, long timestamp, WebhookSender.Response response, boolean retryableFailure) {
        // Always the subscription first, then the delivery (as replay does): attempts of one
        // subscription are recorded one after the other, and disabling it cannot deadlock with them.
        WebhookSubscription subscription = em.find(WebhookSubscription.class, leased.subscriptionId(), LockModeType.PESSIMISTIC_WRITE);
        WebhookDelivery delivery = subscription == null ? null
                : em.find(WebhookDelivery.class, leased.deliveryId(), LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null || !leased.leaseToken().equals(delivery.leaseToken)) {
            LOG.infof("Webhook %s was re-leased, deleted or given up while being sent; this attempt is not recorded", leased.deliveryId());
            return null;
        }
        Instant now = clock.instant();
        delivery.attempts++;
        delivery.roundAttempts++;
        delivery.leaseToken = null;
        delivery.leaseUntil = null;

        DeliveryAttempt attempt = new DeliveryAttempt();
        attempt.deliveryId = delivery.id;
        attempt.attemptNumber = delivery.attempts;
        attempt.attemptedAt = attemptedAt;
        attempt.webhookTimestamp = timestamp;
        attempt.statusCode = response.statusCode();
        attempt.latencyMs = response.latencyMillis();
        attempt.responseBody = response.body();

        Integer code = response.statusCode();
        if (code != null && code >= 200 && code < 300) {
            delivery.status = WebhookDelivery.Status.DELIVERED;
            delivery.deliveredAt = now;
            delivery.nextAttemptAt = null;
            delivery.lastError = null;
            subscription.failingSince = null;
            subscription.lastFailure = null;
            attempt.outcome = "delivered";
            attempt.persist();
            return attempt.outcome;
        }

        String failure = code == null ? response.error() : "HTTP " + code + (code >= 300 && code < 400 ? " (redirects are not followed)" : "");
        attempt.error = failure;
        delivery.lastError = failure;
        if (subscription.failingSince == null) {
            subscription.failingSince = attemptedAt;
        }
        subscription.lastFailure = failure;

        boolean gone = code != null && code == 410;
        boolean failingTooLong = !Duration.between(subscription.failingSince, now).minus(disableAfter).isNegative();
        boolean retryable = code == null ? retryableFailure : (code >= 500 || code == 429 || code == 408);
        if (gone || failingTooLong) {
            delivery.status = WebhookDelivery.Status.FAILED;
            delivery.nextAttemptAt = null;
            attempt.outcome = "disabled";
            attempt.persist();
            disable(subscription, gone ? "the endpoint answered 410 Gone" : "the endpoint has been failing since "
                    + subscription.failingSince + " (longer than " + disableAfter + "); last failure: " + failure, now);
        } else if (retryable && delivery.roundAttempts < retries.maxAttempts()) {
            Optional<Duration> retryAfter = RetryPolicy.parseRetryAfter(response.retryAfter(), now);
            delivery.nextAttemptAt = retries.nextAttempt(now, delivery.roundAttempts, retryAfter);
            attempt.nextAttemptAt = delivery.nextAttemptAt;
            attempt.outcome = "retry";
            attempt.persist();
        } else {
            delivery.status = WebhookDelivery.Status.FAILED;
            delivery.nextAttemptAt = null;
            attempt.outcome = "failed";
            attempt.persist();
        }
        return attempt.outcome;
    }

    private void disable(WebhookSubscription subscription, String reason, Instant now) {
        subscription.status = WebhookSubscription.Status.DISABLED;
        subscription.disabledAt = now;
        subscription.disabledReason = reason;
        subscription.updatedAt = now;
        // What was still queued for it will not be sent; each can be replayed once it is enabled again.
        em.createQuery("UPDATE WebhookDelivery d SET d.status = :failed, d.nextAttemptAt = null, d.leaseToken = null, "
                + "d.leaseUntil = null, d.lastError = :why WHERE d.subscriptionId = :subscription AND d.status = :pending")
                .setParameter("failed", WebhookDelivery.Status.FAILED)
                .setParameter("why", "not sent: the subscription was disabled")
                .setParameter("subscription", subscription.id)
                .setParameter("pending", WebhookDelivery.Status.PENDING)
                .executeUpdate();
        LOG.warnf("Webhook subscription %s disabled: %s", subscription.id, reason);
        disabledEvents.fire(new WebhookEndpointDisabled(subscription.id, subscription.targetUrl, subscription.failingSince,
                subscription.lastFailure));
    }

    /** The delivery log is kept for {@code log-retention}; finished deliveries older than that go, with their attempts. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeScheduled() {
        purgeFinished();
    }

    public int purgeFinished() {
        Instant cutoff = clock.instant().minus(logRetention);
        int purged = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "DELETE FROM webhook_delivery WHERE status IN ('DELIVERED', 'FAILED') AND created_at < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate());
        if (purged > 0) {
            LOG.infof("Purged %d finished webhook deliveries older than %s", purged, logRetention);
        }
        return purged;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @PreDestroy
    void close() {
        stopping = true;
        wakeExecutor.shutdown();
        try {
            wakeExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
