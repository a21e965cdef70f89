package io.creditcontrol.alerts.alert;

import static io.creditcontrol.alerts.TestAlerts.alertsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.creditcontrol.alerts.messaging.TestEvents;
import io.creditcontrol.alerts.webhook.WebhookEndpointDisabled;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** Webhook delivery disabling an endpoint raises an operational alert in the same transaction. */
@QuarkusTest
@TestSecurity(user = "test-viewer", roles = "viewer")
class OperationalAlertTest {

    @Inject
    Event<WebhookEndpointDisabled> disabled;
    @Inject
    RecordedAlertEvents recorded;

    @Test
    void aDisabledWebhookEndpointRaisesAnOperationalAlertWithoutTheTargetsQueryString() {
        String subscription = TestEvents.unique("SUB");
        QuarkusTransaction.requiringNew().run(() -> disabled.fire(new WebhookEndpointDisabled(subscription,
                "https://treasury.example.com/hooks/credit?token=s3cr3t", Instant.parse("2026-11-23T08:00:00Z"), "HTTP 503")));

        List<Map<String, Object>> alerts = alertsOf("OPERATIONS", "WEBHOOK_ENDPOINT_DISABLED").stream()
                .filter(a -> ("webhook:" + subscription).equals(a.get("cause"))).toList();
        assertEquals(1, alerts.size());
        String summary = (String) alerts.get(0).get("summary");
        assertTrue(summary.contains("https://treasury.example.com/hooks/credit") && summary.contains("HTTP 503"), summary);
        assertFalse(summary.contains("s3cr3t"), summary);
        assertEquals("WARNING", alerts.get(0).get("severity"));
        assertTrue(recorded.of("OPERATIONS").stream().anyMatch(p -> p.event().data().get("cause").asText().equals("webhook:" + subscription)));

        // a transaction that rolls back leaves no alert behind
        String rolledBack = TestEvents.unique("SUB");
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                disabled.fire(new WebhookEndpointDisabled(rolledBack, "https://x.example.com/", Instant.parse("2026-11-23T08:00:00Z"), "timeout"));
                throw new IllegalStateException("delivery bookkeeping failed");
            });
        } catch (IllegalStateException expected) {
            // the alert went with it
        }
        assertTrue(alertsOf("OPERATIONS", "WEBHOOK_ENDPOINT_DISABLED").stream().noneMatch(a -> ("webhook:" + rolledBack).equals(a.get("cause"))));
    }
}
