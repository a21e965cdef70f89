package io.creditcontrol.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every Deployment in the committed manifests runs as the operations guide promises: health probes
 * on SmallRye Health, requests and limits, non-root on a read-only root filesystem, a grace period
 * longer than the shutdown drain, and its disruption budget and network policy beside it.
 */
class DeploymentManifestTest {

    static final List<String> SERVICES = Manifests.SERVICES;

    @ParameterizedTest
    @FieldSource("SERVICES")
    void probesOnSmallRyeHealth(String service) {
        JsonNode container = container(service);
        assertProbe(container, "startupProbe", "/q/health/started");
        assertProbe(container, "livenessProbe", "/q/health/live");
        assertProbe(container, "readinessProbe", "/q/health/ready");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void requestsAndLimits(String service) {
        JsonNode resources = container(service).path("resources");
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertFalse(resources.path(kind).path(resource).asText().isBlank(),
                        service + ": resources." + kind + "." + resource + " missing");
            }
        }
        long request = mebibytes(resources.path("requests").path("memory").asText());
        long limit = mebibytes(resources.path("limits").path("memory").asText());
        assertTrue(request <= limit, service + ": memory request " + request + "Mi above limit " + limit + "Mi");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void nonRootReadOnlyNoEscalation(String service) {
        JsonNode pod = deployment(service).path("spec").path("template").path("spec");
        JsonNode container = container(service);
        JsonNode security = container.path("securityContext");
        boolean nonRoot = security.path("runAsNonRoot").asBoolean(false) || pod.path("securityContext").path("runAsNonRoot").asBoolean(false);
        assertTrue(nonRoot, service + ": runAsNonRoot must be true");
        assertTrue(pod.path("securityContext").path("runAsUser").asInt(0) != 0, service + ": runAsUser must not be root (0)");
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean(false), service + ": readOnlyRootFilesystem must be true");
        assertEquals(false, security.path("allowPrivilegeEscalation").asBoolean(true), service + ": allowPrivilegeEscalation must be false");
        assertTrue(texts(security.path("capabilities").path("drop")).contains("ALL"), service + ": capabilities must drop ALL");

        String tmpVolume = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            if ("/tmp".equals(mount.path("mountPath").asText())) {
                tmpVolume = mount.path("name").asText();
            }
        }
        assertTrue(tmpVolume != null, service + ": /tmp must be mounted (the root filesystem is read-only)");
        boolean emptyDir = false;
        for (JsonNode volume : pod.path("volumes")) {
            emptyDir |= tmpVolume.equals(volume.path("name").asText()) && volume.has("emptyDir");
        }
        assertTrue(emptyDir, service + ": /tmp must be an emptyDir");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void gracePeriodLongerThanTheDrain(String service) {
        Properties properties = Manifests.applicationProperties(service);
        Duration drain = Duration.parse("PT" + properties.getProperty("quarkus.shutdown.timeout", "0s").toUpperCase());
        JsonNode pod = deployment(service).path("spec").path("template").path("spec");
        long preStopSleep = 0;
        JsonNode command = container(service).path("lifecycle").path("preStop").path("exec").path("command");
        if (command.size() == 2 && "sleep".equals(command.get(0).asText())) {
            preStopSleep = command.get(1).asLong();
        }
        long grace = pod.path("terminationGracePeriodSeconds").asLong(30);
        assertTrue(drain.toSeconds() > 0, service + ": quarkus.shutdown.timeout must be set");
        assertTrue(grace > preStopSleep + drain.toSeconds(),
                service + ": terminationGracePeriodSeconds " + grace + " must exceed preStop " + preStopSleep + "s + drain " + drain.toSeconds() + "s");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void flywayMigratesAtStartInThePod(String service) {
        assertEquals("true", Manifests.applicationProperties(service).getProperty("quarkus.flyway.migrate-at-start"),
                service + ": the operations guide says Flyway runs at start");
        List<JsonNode> docs = Manifests.read(Manifests.committed(service));
        assertTrue(Manifests.ofKind(docs, "Job").isEmpty(), service + ": no separate migration Job");
        JsonNode pod = deployment(service).path("spec").path("template").path("spec");
        assertTrue(pod.path("initContainers").isEmpty(), service + ": no init container waiting for a Job");
        for (JsonNode env : container(service).path("env")) {
            assertFalse(env.path("name").asText().equals("QUARKUS_FLYWAY_ACTIVE") && env.path("value").asText().equals("false"),
                    service + ": Flyway switched off in the pod");
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void configurationFromConfigMapAndCredentialsFromSecrets(String service) {
        JsonNode container = container(service);
        List<String> configMaps = new ArrayList<>();
        container.path("envFrom").forEach(e -> configMaps.add(e.path("configMapRef").path("name").asText()));
        assertTrue(configMaps.contains(service + "-config"), service + ": envFrom must name ConfigMap " + service + "-config");
        Manifests.one(Manifests.read(Manifests.committed(service)), "ConfigMap", service + "-config");

        for (String variable : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            JsonNode env = env(container, variable);
            assertFalse(env.path("valueFrom").path("secretKeyRef").path("name").asText().isBlank(),
                    service + ": " + variable + " must come from a Secret");
        }
        assertFalse(env(container, "KAFKA_SASL_JAAS_CONFIG").path("valueFrom").path("secretKeyRef").isMissingNode(),
                service + ": KAFKA_SASL_JAAS_CONFIG must come from a Secret");
        for (JsonNode env : container.path("env")) {
            String name = env.path("name").asText().toLowerCase();
            if (name.contains("password") || name.contains("jaas") || name.contains("secret")) {
                assertTrue(env.path("value").isMissingNode(), service + ": " + env.path("name").asText() + " given as plain value");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void disruptionBudgetAndNetworkPolicy(String service) {
        List<JsonNode> docs = Manifests.read(Manifests.committed(service));
        JsonNode labels = deployment(service).path("spec").path("template").path("metadata").path("labels");

        JsonNode budget = Manifests.one(docs, "PodDisruptionBudget", service);
        assertSelects(budget.path("spec").path("selector").path("matchLabels"), labels, service + " PodDisruptionBudget");
        int replicas = deployment(service).path("spec").path("replicas").asInt(1);
        assertTrue(budget.path("spec").path("minAvailable").asInt() < replicas,
                service + ": minAvailable must be below the replicas, or no node can ever be drained");

        JsonNode policy = Manifests.one(docs, "NetworkPolicy", service);
        assertSelects(policy.path("spec").path("podSelector").path("matchLabels"), labels, service + " NetworkPolicy");
        assertTrue(texts(policy.path("spec").path("policyTypes")).containsAll(List.of("Ingress", "Egress")), service + ": both policy types");
        int httpPort = container(service).path("ports").get(0).path("containerPort").asInt();
        JsonNode ingress = policy.path("spec").path("ingress");
        assertEquals(1, ingress.size(), service + ": one ingress rule");
        assertEquals(1, ingress.get(0).path("ports").size(), service + ": ingress on the HTTP port only");
        assertEquals(httpPort, ingress.get(0).path("ports").get(0).path("port").asInt(), service + ": ingress on the HTTP port only");

        List<Integer> egressPorts = new ArrayList<>();
        policy.path("spec").path("egress").forEach(rule -> rule.path("ports").forEach(p -> egressPorts.add(p.path("port").asInt())));
        List<Integer> allowed = new ArrayList<>(List.of(5432, 9092, 9093, 53));
        if (service.equals("alerts-service")) {
            allowed.addAll(List.of(443, 80)); // webhook deliveries
        }
        assertTrue(allowed.containsAll(egressPorts), service + ": egress only to PostgreSQL, Kafka and DNS, got " + egressPorts);
        assertTrue(egressPorts.containsAll(List.of(5432, 9092, 53)), service + ": egress to PostgreSQL, Kafka and DNS, got " + egressPorts);
    }

    private static void assertSelects(JsonNode selector, JsonNode podLabels, String what) {
        assertFalse(selector.isEmpty(), what + " selects nothing");
        selector.fields().forEachRemaining(e -> assertEquals(e.getValue().asText(), podLabels.path(e.getKey()).asText(),
                what + " does not select the Deployment's pods (" + e.getKey() + ")"));
    }

    private static void assertProbe(JsonNode container, String probe, String path) {
        JsonNode get = container.path(probe).path("httpGet");
        assertEquals(path, get.path("path").asText(), container.path("name").asText() + ": " + probe + " path");
        int port = container.path("ports").get(0).path("containerPort").asInt();
        assertEquals(port, get.path("port").asInt(), container.path("name").asText() + ": " + probe + " port");
    }

    static JsonNode deployment(String service) {
        return Manifests.one(Manifests.read(Manifests.committed(service)), "Deployment", service);
    }

    static JsonNode container(String service) {
        for (JsonNode container : deployment(service).path("spec").path("template").path("spec").path("containers")) {
            if (service.equals(container.path("name").asText())) {
                return container;
            }
        }
        return fail(service + ": no container named " + service);
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode env : container.path("env")) {
            if (name.equals(env.path("name").asText())) {
                return env;
            }
        }
        return fail(container.path("name").asText() + ": no environment variable " + name);
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(n -> result.add(n.asText()));
        return result;
    }

    private static long mebibytes(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        if (quantity.endsWith("Mi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2));
        }
        throw new AssertionError("memory quantity not in Mi or Gi: " + quantity);
    }
}
