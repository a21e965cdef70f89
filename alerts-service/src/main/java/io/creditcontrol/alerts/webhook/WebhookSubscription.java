package io.creditcontrol.alerts.webhook;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A receiver's standing order for alert events: where to send them, which event types and from
 * which severity up. Its secret signs every delivery; after a rotation the previous secret keeps
 * signing too until the overlap ends, so the receiver can switch without losing a message.
 */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    public enum Status { ACTIVE, DISABLED }

    @Id
    public String id;
    @Column(name = "target_url")
    public String targetUrl;
    @Column(name = "event_types")
    public String eventTypes;
    @Column(name = "min_severity")
    @Enumerated(EnumType.STRING)
    public Severity minSeverity;
    public String description;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String secret;
    @Column(name = "previous_secret")
    public String previousSecret;
    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;
    @Column(name = "failing_since")
    public Instant failingSince;
    @Column(name = "last_failure")
    public String lastFailure;
    @Column(name = "disabled_at")
    public Instant disabledAt;
    @Column(name = "disabled_reason")
    public String disabledReason;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public List<String> eventTypeList() {
        return Arrays.stream(eventTypes.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    /** Exact CloudEvents type, or a prefix when the entry ends in '*' ("credit.alert.*", "*"). */
    public boolean wants(String eventType) {
        for (String wanted : eventTypeList()) {
            if (wanted.endsWith("*") ? eventType.startsWith(wanted.substring(0, wanted.length() - 1)) : wanted.equals(eventType)) {
                return true;
            }
        }
        return false;
    }

    /** The secrets that sign a message sent at {@code now}: the current one, and the previous one during the overlap. */
    public List<String> signingSecrets(Instant now) {
        if (previousSecret != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt)) {
            return List.of(secret, previousSecret);
        }
        return List.of(secret);
    }
}
