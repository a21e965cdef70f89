package io.creditcontrol.alerts.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.creditcontrol.alerts.alert.AlertPublished;
import io.creditcontrol.alerts.messaging.CloudEvent;

/**
 * Publishes alert events the way the alert rules do, inside a transaction, so the webhook tests
 * choose exactly which alerts exist and with which severity; records the endpoint-disabled events
 * webhooks fire.
 */
@ApplicationScoped
public class TestAlerts {

    private final Event<AlertPublished> published;
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final List<WebhookEndpointDisabled> disabled = new CopyOnWriteArrayList<>();

    TestAlerts(Event<AlertPublished> published, EntityManager em, ObjectMapper mapper) {
        this.published = published;
        this.em = em;
        this.mapper = mapper;
    }

    /** An alert event as credit.alerts.v1 carries it. */
    public CloudEvent alert(String type, String buyerId, String severity) {
        ObjectNode data = mapper.createObjectNode();
        data.put("alertId", "AL-" + UUID.randomUUID());
        data.put("buyerId", buyerId);
        data.put("rule", "overdue-beyond-days");
        data.put("severity", severity);
        data.put("state", "OPEN");
        data.put("count", 1);
        data.put("description", "Invoice INV-1 is 45 days overdue");
        return CloudEvent.create(type, "/alerts-service", buyerId, Instant.now(), data);
    }

    @Transactional
    public void publish(CloudEvent event, String severity) {
        published.fire(new AlertPublished(event, severity));
    }

    /** The alert's transaction fails after the event was fired. */
    @Transactional
    public void publishAndFail(CloudEvent event, String severity) {
        published.fire(new AlertPublished(event, severity));
        throw new IllegalStateException("the alert could not be stored");
    }

    @Transactional
    public void forgetAllWebhooks() {
        em.createNativeQuery("DELETE FROM webhook_subscription").executeUpdate();
        disabled.clear();
    }

    /** A worker took the delivery and died mid-send: the row is leased until {@code until}, nobody will record it. */
    @Transactional
    public void leaseAsCrashedWorker(String deliveryId, Instant until) {
        em.createNativeQuery("UPDATE webhook_delivery SET lease_token = 'crashed-worker', lease_until = :until WHERE id = :id")
                .setParameter("until", until).setParameter("id", deliveryId).executeUpdate();
    }

    /** The target's DNS now answers differently: stored directly, as the API would refuse it. */
    @Transactional
    public void retarget(String subscriptionId, String url) {
        em.createNativeQuery("UPDATE webhook_subscription SET target_url = :url WHERE id = :id")
                .setParameter("url", url).setParameter("id", subscriptionId).executeUpdate();
    }

    @Transactional
    public List<String> deliveryIds(String subscriptionId) {
        return WebhookDelivery.<WebhookDelivery>list("subscriptionId = ?1 order by createdAt", subscriptionId).stream().map(d -> d.id).toList();
    }

    @Transactional
    public WebhookDelivery delivery(String id) {
        return WebhookDelivery.findById(id);
    }

    @Transactional
    public List<DeliveryAttempt> attempts(String deliveryId) {
        return DeliveryAttempt.list("deliveryId = ?1 order by attemptNumber", deliveryId);
    }

    void onDisabled(@Observes WebhookEndpointDisabled event) {
        disabled.add(event);
    }

    public List<WebhookEndpointDisabled> disabledEndpoints() {
        return List.copyOf(disabled);
    }
}
