package io.creditcontrol.alerts.webhook;

import java.time.Instant;

/**
 * Fired (synchronous CDI event) inside the transaction that disables a webhook subscription whose
 * endpoint kept failing; the alert rules observe it and raise an operational alert saying so.
 */
public record WebhookEndpointDisabled(String subscriptionId, String targetUrl, Instant failingSince, String lastFailure) {
}
