package io.creditcontrol.alerts.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/**
 * Managing subscriptions: the service makes each secret and hands it out exactly once (when the
 * subscription is created and when its secret is rotated); reads never show it.
 */
@ApplicationScoped
public class WebhookSubscriptions {

    private final Clock clock;
    private final Duration rotationOverlap;
    private final WebhookDispatcher dispatcher;

    WebhookSubscriptions(@DeliveryClock Clock clock,
            @ConfigProperty(name = "credit.webhooks.secret-rotation-overlap") Duration rotationOverlap,
            WebhookDispatcher dispatcher) {
        this.clock = clock;
        this.rotationOverlap = rotationOverlap;
        this.dispatcher = dispatcher;
    }

    @Transactional
    public WebhookSubscription create(SubscriptionRequest request, String createdBy) {
        Instant now = clock.instant();
        WebhookSubscription subscription = new WebhookSubscription();
        subscription.id = "whsub_" + UUID.randomUUID().toString().replace("-", "");
        apply(subscription, request);
        subscription.status = WebhookSubscription.Status.ACTIVE;
        subscription.secret = WebhookSignature.newSecret();
        subscription.createdAt = now;
        subscription.createdBy = createdBy;
        subscription.updatedAt = now;
        subscription.persist();
        return subscription;
    }

    @Transactional
    public WebhookSubscription update(String id, SubscriptionRequest request) {
        WebhookSubscription subscription = find(id, true);
        apply(subscription, request);
        subscription.updatedAt = clock.instant();
        return subscription;
    }

    @Transactional
    public void delete(String id) {
        WebhookSubscription subscription = find(id, true);
        subscription.delete();
    }

    /** A new secret now; the replaced one keeps signing until the overlap ends. */
    @Transactional
    public WebhookSubscription rotateSecret(String id) {
        WebhookSubscription subscription = find(id, true);
        Instant now = clock.instant();
        subscription.previousSecret = subscription.secret;
        subscription.previousSecretExpiresAt = now.plus(rotationOverlap);
        subscription.secret = WebhookSignature.newSecret();
        subscription.updatedAt = now;
        return subscription;
    }

    /** Back in service after the receiver was repaired; its failure clock starts again. */
    @Transactional
    public WebhookSubscription enable(String id) {
        WebhookSubscription subscription = find(id, true);
        subscription.status = WebhookSubscription.Status.ACTIVE;
        subscription.failingSince = null;
        subscription.disabledAt = null;
        subscription.disabledReason = null;
        subscription.updatedAt = clock.instant();
        return subscription;
    }

    @Transactional
    public WebhookSubscription get(String id) {
        return find(id, false);
    }

    @Transactional
    public List<WebhookSubscription> list(int page, int size) {
        return WebhookSubscription.findAll(Sort.by("createdAt").and("id")).page(Page.of(page, size)).list();
    }

    @Transactional
    public List<WebhookDelivery> deliveries(String subscriptionId, WebhookDelivery.Status status, int page, int size) {
        find(subscriptionId, false);
        Sort newestFirst = Sort.descending("createdAt").and("id");
        return (status == null
                ? WebhookDelivery.<WebhookDelivery>find("subscriptionId", newestFirst, subscriptionId)
                : WebhookDelivery.<WebhookDelivery>find("subscriptionId = ?1 and status = ?2", newestFirst, subscriptionId, status))
                .page(Page.of(page, size)).list();
    }

    /** The attempts of several deliveries at once, by delivery id, each in attempt order. */
    @Transactional
    public Map<String, List<DeliveryAttempt>> attempts(List<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Map.of();
        }
        return DeliveryAttempt.<DeliveryAttempt>list("deliveryId in ?1", Sort.by("attemptNumber"), deliveryIds).stream()
                .collect(Collectors.groupingBy(a -> a.deliveryId));
    }

    @Transactional
    public List<DeliveryAttempt> attempts(String deliveryId) {
        return DeliveryAttempt.list("deliveryId", Sort.by("attemptNumber"), deliveryId);
    }

    @Transactional
    public WebhookDelivery delivery(String subscriptionId, String deliveryId) {
        WebhookDelivery delivery = WebhookDelivery.findById(deliveryId);
        if (delivery == null || !delivery.subscriptionId.equals(subscriptionId)) {
            throw new NotFoundException("Delivery " + deliveryId + " is not one of subscription " + subscriptionId);
        }
        return delivery;
    }

    /** A failed delivery goes out once more: same webhook-id and body, a new attempt (and retries) now. */
    public WebhookDelivery replay(String subscriptionId, String deliveryId) {
        WebhookDelivery delivery = QuarkusTransaction.requiringNew().call(() -> requeue(subscriptionId, deliveryId));
        dispatcher.wake(); // after the commit, so the dispatcher sees it
        return delivery;
    }

    private WebhookDelivery requeue(String subscriptionId, String deliveryId) {
        WebhookSubscription subscription = find(subscriptionId, true);
        if (subscription.status != WebhookSubscription.Status.ACTIVE) {
            throw new WebhookProblem.ConflictException("Subscription " + subscriptionId + " is disabled (" + subscription.disabledReason
                    + "); enable it before replaying");
        }
        WebhookDelivery delivery = WebhookDelivery.findById(deliveryId, LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null || !delivery.subscriptionId.equals(subscriptionId)) {
            throw new NotFoundException("Delivery " + deliveryId + " is not one of subscription " + subscriptionId);
        }
        if (delivery.status != WebhookDelivery.Status.FAILED) {
            throw new WebhookProblem.ConflictException("Delivery " + deliveryId + " is " + delivery.status
                    + "; only a failed delivery can be replayed");
        }
        delivery.status = WebhookDelivery.Status.PENDING;
        delivery.roundAttempts = 0;
        delivery.nextAttemptAt = clock.instant();
        delivery.leaseToken = null;
        delivery.leaseUntil = null;
        return delivery;
    }

    private WebhookSubscription find(String id, boolean forUpdate) {
        WebhookSubscription subscription = forUpdate
                ? WebhookSubscription.findById(id, LockModeType.PESSIMISTIC_WRITE)
                : WebhookSubscription.findById(id);
        if (subscription == null) {
            throw new NotFoundException("Webhook subscription " + id + " does not exist");
        }
        return subscription;
    }

    private static void apply(WebhookSubscription subscription, SubscriptionRequest request) {
        subscription.targetUrl = request.url();
        subscription.eventTypes = String.join(",", request.eventTypes());
        subscription.minSeverity = Severity.valueOf(request.minSeverity());
        subscription.description = request.description();
    }
}
