package io.creditcontrol.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Scraping with a bearer token, and a dashboard that shows the suite's shared metrics (common metric names). */
class MonitoringManifestTest {

    static final List<String> SERVICES = Manifests.SERVICES;

    /** Prometheus forms of the Micrometer names the services publish. */
    static final List<String> DASHBOARD_METRICS = List.of("credit_checks_seconds_count", "credit_checks_seconds_bucket",
            "credit_events_received_total", "kafka_consumer_fetch_manager_records_lag_max", "credit_webhook_deliveries_total",
            "credit_dunning_actions_total", "credit_outbox_published_total", "credit_alerts_raised_total");

    @ParameterizedTest
    @FieldSource("SERVICES")
    void serviceMonitorScrapesMetricsWithABearerToken(String service) {
        JsonNode monitor = Manifests.one(Manifests.read(Manifests.root().resolve("deploy/kubernetes/services/service-monitors.yml")),
                "ServiceMonitor", service);
        JsonNode labels = DeploymentManifestTest.deployment(service).path("metadata").path("labels");
        monitor.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(e -> assertEquals(e.getValue().asText(),
                labels.path(e.getKey()).asText(), service + ": the ServiceMonitor does not select the Service"));
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        assertEquals("/q/metrics", endpoint.path("path").asText());
        assertEquals("http", endpoint.path("port").asText(), service + ": scrape the Service's http port");
        boolean bearer = "Bearer".equals(endpoint.path("authorization").path("type").asText())
                && !endpoint.path("authorization").path("credentials").path("name").asText().isBlank();
        assertTrue(bearer || endpoint.has("oauth2"), service + ": /q/metrics needs a token with the viewer role");
        JsonNode svc = Manifests.one(Manifests.read(Manifests.committed(service)), "Service", service);
        assertEquals("http", svc.path("spec").path("ports").get(0).path("name").asText());
    }

    @Test
    void dashboardShowsTheSuiteMetrics() throws IOException {
        String json = Manifests.text(Manifests.root().resolve("deploy/kubernetes/grafana/credit-control-suite.json"));
        JsonNode dashboard = new ObjectMapper().readTree(json);
        StringBuilder expressions = new StringBuilder();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> expressions.append(t.path("expr").asText()).append('\n')));
        for (String metric : DASHBOARD_METRICS) {
            assertTrue(expressions.toString().contains(metric), "dashboard has no panel on " + metric);
        }
    }
}
