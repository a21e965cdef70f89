package io.creditcontrol.alerts.webhook;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One alert event owed to one subscriber. Its id is the {@code webhook-id} header: the same on
 * every retry and replay, so the receiver can drop a repeat.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    public enum Status { PENDING, DELIVERED, FAILED }

    @Id
    public String id;
    @Column(name = "subscription_id")
    public String subscriptionId;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "event_type")
    public String eventType;
    public String payload;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    @Column(name = "round_attempts")
    public int roundAttempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "lease_token")
    public String leaseToken;
    @Column(name = "lease_until")
    public Instant leaseUntil;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    @Column(name = "last_error")
    public String lastError;
}
