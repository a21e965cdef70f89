package io.creditcontrol.alerts.webhook;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One try at handing a delivery to its receiver, as the delivery log shows it. */
@Entity
@Table(name = "webhook_delivery_attempt")
public class DeliveryAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "delivery_id")
    public String deliveryId;
    @Column(name = "attempt_number")
    public int attemptNumber;
    @Column(name = "attempted_at")
    public Instant attemptedAt;
    @Column(name = "webhook_timestamp")
    public long webhookTimestamp;
    @Column(name = "status_code")
    public Integer statusCode;
    @Column(name = "latency_ms")
    public long latencyMs;
    /** delivered, retry, failed or disabled, as the {@code credit.webhook.deliveries} metric counts them. */
    public String outcome;
    public String error;
    @Column(name = "response_body")
    public String responseBody;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
}
