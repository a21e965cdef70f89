package io.creditcontrol.alerts.alert;

import io.creditcontrol.alerts.messaging.CloudEvent;

/**
 * Fired (synchronous CDI event) inside the transaction that opens, re-counts, acknowledges or
 * resolves an alert, with the CloudEvent that goes to {@code credit.alerts.v1}. Webhook delivery
 * observes it and queues its deliveries in the same transaction, so an alert and its webhooks
 * commit together or not at all.
 *
 * @param event    the alert event exactly as published on Kafka (the webhook body)
 * @param severity the alert's severity name, e.g. INFO, WARNING, HIGH, CRITICAL
 */
public record AlertPublished(CloudEvent event, String severity) {
}
