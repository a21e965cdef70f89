package io.creditcontrol.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

/**
 * The Helm chart deploy/helm/credit-control-suite, linted and rendered by the real Helm (helm-java
 * ships it as a native library). With its defaults it renders what {@code kubectl apply -k
 * deploy/kubernetes} applies, resource for resource, except the Namespace and the differences
 * named in {@link #withoutHelmDifferences}; so a chart not regenerated after the manifests changed
 * fails here. Each value changes what values.yaml says it changes.
 */
class HelmChartTest {

    static final Path CHART = Manifests.root().resolve("deploy/helm/credit-control-suite");
    static final String NAMESPACE = "credit-control";
    /** helm template assumes Kubernetes 1.20 unless told; the chart requires 1.25 or later. */
    static final String KUBE_VERSION = "1.30.0";
    /** The services with a HorizontalPodAutoscaler, which then owns the replica count. */
    static final Set<String> AUTOSCALED = Set.of("limits-service", "collections-service");

    private static final YAMLMapper YAML = new YAMLMapper();
    private static Map<String, JsonNode> defaults;

    @TempDir
    Path temp;

    @BeforeAll
    static void renderTheDefaults() {
        defaults = byKindAndName(render(List.of()));
    }

    @Test
    void lintsWithoutWarnings() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertFalse(lint.isFailed(), "helm lint --strict: " + lint.getMessages());
        for (String message : lint.getMessages()) {
            assertTrue(message.startsWith("[INFO]"), "helm lint: " + message);
        }
    }

    @Test
    void defaultsRenderTheKustomizeInstallation() {
        Map<String, JsonNode> expected = kustomizeInstallation();
        assertEquals(expected.keySet(), defaults.keySet(), "the chart renders other resources than kubectl apply -k deploy/kubernetes");
        for (String resource : expected.keySet()) {
            JsonNode rendered = withoutHelmDifferences(resource, defaults.get(resource), expected.get(resource));
            assertEquals(ManifestsUpToDateTest.normalized(withoutManagedBy(expected.get(resource))), ManifestsUpToDateTest.normalized(rendered),
                    resource + " differs from deploy/kubernetes: run deploy/kubernetes/regenerate");
        }
    }

    @Test
    void everyDeploymentIsHardenedAlsoWithOtherValues() {
        Map<String, JsonNode> changed = byKindAndName(render(List.of(values("""
                services:
                  alerts:
                    resources: {requests: {cpu: 500m, memory: 640Mi}, limits: {cpu: 2000m, memory: 1Gi}}
                  limits:
                    autoscaling: {enabled: false}
                auth:
                  jwksUrl: https://login.mycompany.example/realms/credit/protocol/openid-connect/certs
                """))));
        for (Map<String, JsonNode> rendered : List.of(defaults, changed)) {
            List<JsonNode> deployments = ofKind(rendered, "Deployment");
            assertEquals(4, deployments.size());
            for (JsonNode deployment : deployments) {
                String name = deployment.path("metadata").path("name").asText();
                JsonNode pod = deployment.path("spec").path("template").path("spec");
                JsonNode container = pod.path("containers").get(0);
                int port = container.path("ports").get(0).path("containerPort").asInt();
                for (String[] probe : new String[][] { { "startupProbe", "/q/health/started" }, { "livenessProbe", "/q/health/live" },
                        { "readinessProbe", "/q/health/ready" } }) {
                    assertEquals(probe[1], container.path(probe[0]).path("httpGet").path("path").asText(), name + " " + probe[0]);
                    assertEquals(port, container.path(probe[0]).path("httpGet").path("port").asInt(), name + " " + probe[0]);
                }
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertFalse(container.path("resources").path(kind).path(resource).asText().isBlank(), name + " " + kind + "." + resource);
                    }
                }
                assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), name + ": runAsNonRoot");
                assertNotEquals(0, pod.path("securityContext").path("runAsUser").asInt(0), name + ": runAsUser");
                assertTrue(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean(), name + ": readOnlyRootFilesystem");
                assertFalse(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true), name + ": allowPrivilegeEscalation");
                assertTrue(mountPaths(container).contains("/tmp"), name + ": /tmp is writable");
            }
        }
        JsonNode alerts = container(changed, "alerts-service");
        assertEquals("1Gi", alerts.path("resources").path("limits").path("memory").asText());
        assertEquals("640Mi", alerts.path("resources").path("requests").path("memory").asText());
    }

    @Test
    void imageRegistryAndTag() {
        String defaultTag = Manifests.read(CHART.resolve("Chart.yaml")).get(0).path("appVersion").asText();
        for (String service : Manifests.SERVICES) {
            assertEquals(DeploymentManifestTest.container(service).path("image").asText(), container(defaults, service).path("image").asText(),
                    service + ": the default image is the one in deploy/kubernetes");
            assertTrue(container(defaults, service).path("image").asText().endsWith(":" + defaultTag), service + ": tagged with appVersion");
        }
        Map<String, JsonNode> rendered = byKindAndName(render(List.of(values("""
                image:
                  registry: registry.mycompany.example/credit
                  tag: "1.4.0"
                  pullPolicy: Always
                  pullSecrets: [{name: mycompany-registry}]
                services:
                  limits:
                    image: {tag: "1.4.1"}
                  alerts:
                    image: {repository: mirror.mycompany.example/alerts}
                """))));
        assertEquals("registry.mycompany.example/credit/scoring-service:1.4.0", container(rendered, "scoring-service").path("image").asText());
        assertEquals("registry.mycompany.example/credit/collections-service:1.4.0", container(rendered, "collections-service").path("image").asText());
        assertEquals("registry.mycompany.example/credit/limits-service:1.4.1", container(rendered, "limits-service").path("image").asText());
        assertEquals("mirror.mycompany.example/alerts:1.4.0", container(rendered, "alerts-service").path("image").asText());
        for (String service : Manifests.SERVICES) {
            assertEquals("Always", container(rendered, service).path("imagePullPolicy").asText());
            assertEquals("mycompany-registry", podSpec(rendered, service).path("imagePullSecrets").get(0).path("name").asText());
            assertTrue(podSpec(defaults, service).path("imagePullSecrets").isMissingNode(), service + ": no pull secret by default");
        }
    }

    @Test
    void replicasAndAutoscaling() {
        for (String service : Manifests.SERVICES) {
            JsonNode spec = defaults.get("Deployment/" + service).path("spec");
            if (AUTOSCALED.contains(service)) {
                assertTrue(spec.path("replicas").isMissingNode(), service + ": the autoscaler owns the replica count");
                assertTrue(defaults.containsKey("HorizontalPodAutoscaler/" + service));
            } else {
                assertEquals(2, spec.path("replicas").asInt());
                assertFalse(defaults.containsKey("HorizontalPodAutoscaler/" + service));
            }
        }
        Map<String, JsonNode> rendered = byKindAndName(render(List.of(values("""
                services:
                  scoring: {replicas: 3}
                  limits:
                    replicas: 4
                    autoscaling: {enabled: false}
                  collections:
                    autoscaling: {minReplicas: 3, maxReplicas: 5, targetCPUUtilizationPercentage: 60}
                """))));
        assertEquals(3, rendered.get("Deployment/scoring-service").path("spec").path("replicas").asInt());
        assertEquals(4, rendered.get("Deployment/limits-service").path("spec").path("replicas").asInt());
        assertFalse(rendered.containsKey("HorizontalPodAutoscaler/limits-service"));
        JsonNode autoscaler = rendered.get("HorizontalPodAutoscaler/collections-service").path("spec");
        assertEquals(3, autoscaler.path("minReplicas").asInt());
        assertEquals(5, autoscaler.path("maxReplicas").asInt());
        assertEquals(60, autoscaler.path("metrics").get(0).path("resource").path("target").path("averageUtilization").asInt());
        assertEquals(1, rendered.get("PodDisruptionBudget/collections-service").path("spec").path("minAvailable").asInt(),
                "the disruption budget stays below the autoscaler's minimum");
    }

    @Test
    void configurationReachesTheConfigMaps() {
        Map<String, JsonNode> rendered = byKindAndName(render(List.of(values("""
                kafka:
                  bootstrapServers: kafka-bootstrap.streaming.svc:9093
                  securityProtocol: SASL_SSL
                  saslMechanism: SCRAM-SHA-256
                auth:
                  issuer: https://login.mycompany.example/realms/credit
                  audiences: credit-suite-prod
                logLevel: WARN
                config:
                  quarkus.shutdown.timeout: 25s
                services:
                  limits:
                    database: {url: "jdbc:postgresql://pg.mycompany.example:5432/limits", maxPoolSize: 24}
                  collections:
                    config:
                      quarkus.mailer.host: smtp.mycompany.example
                      quarkus.shutdown.timeout: 30s
                """))));
        for (String service : Manifests.SERVICES) {
            JsonNode data = configMap(rendered, service);
            assertEquals("kafka-bootstrap.streaming.svc:9093", data.path("kafka.bootstrap.servers").asText(), service);
            assertEquals("SASL_SSL", data.path("kafka.security.protocol").asText(), service);
            assertEquals("SCRAM-SHA-256", data.path("kafka.sasl.mechanism").asText(), service);
            assertEquals("https://login.mycompany.example/realms/credit", data.path("mp.jwt.verify.issuer").asText(), service);
            assertEquals("credit-suite-prod", data.path("mp.jwt.verify.audiences").asText(), service);
            assertEquals("WARN", data.path("quarkus.log.level").asText(), service);
            assertEquals(service.equals("collections-service") ? "30s" : "25s", data.path("quarkus.shutdown.timeout").asText(),
                    service + ": services.<name>.config wins over config");
            for (Map.Entry<String, JsonNode> entry : properties(data).entrySet()) {
                assertTrue(entry.getValue().isTextual(), service + ": " + entry.getKey() + " must be a string in a ConfigMap");
            }
            assertNotEquals(checksum(defaults, service), checksum(rendered, service),
                    service + ": a changed configuration changes the pod template, so the pods restart and read it");
        }
        assertEquals("jdbc:postgresql://pg.mycompany.example:5432/limits", configMap(rendered, "limits-service").path("quarkus.datasource.jdbc.url").asText());
        assertEquals("24", configMap(rendered, "limits-service").path("quarkus.datasource.jdbc.max-size").asText());
        assertEquals(configMap(defaults, "scoring-service").path("quarkus.datasource.jdbc.url"),
                configMap(rendered, "scoring-service").path("quarkus.datasource.jdbc.url"), "only the limits database changed");
        JsonNode collections = configMap(rendered, "collections-service");
        assertEquals("smtp.mycompany.example", collections.path("quarkus.mailer.host").asText());
        assertEquals("587", collections.path("quarkus.mailer.port").asText(), "the other defaults of the service stay");
        assertEquals(properties(configMap(defaults, "collections-service")).keySet().size() + 1, properties(collections).size(),
                "one key added (quarkus.shutdown.timeout), none lost");
        // every key the chart can produce is still a real property (the rule of ConfigMapKeysTest)
        for (String service : Manifests.SERVICES) {
            Set<String> own = ConfigMapKeysTest.ownKeys(service);
            for (String key : properties(configMap(rendered, service)).keySet()) {
                assertEquals(null, ConfigMapKeysTest.rejection(key, own), service + ": " + key);
            }
        }
    }

    @Test
    void secretAndConfigMapNames() {
        Map<String, JsonNode> rendered = byKindAndName(render(List.of(values("""
                services:
                  limits:
                    secrets: {db: credit-limits-db-app, kafka: credit-limits-kafka-user}
                  collections:
                    secrets: {smtp: mail-relay-credentials}
                auth:
                  publicKeyConfigMap: idp-signing-key
                serviceMonitors:
                  interval: 60s
                  tokenSecret: {name: prometheus-credit-token, key: jwt}
                """))));
        JsonNode limits = container(rendered, "limits-service");
        assertEquals("credit-limits-db-app", secretOf(limits, "QUARKUS_DATASOURCE_USERNAME"));
        assertEquals("credit-limits-db-app", secretOf(limits, "QUARKUS_DATASOURCE_PASSWORD"));
        assertEquals("credit-limits-kafka-user", secretOf(limits, "KAFKA_SASL_JAAS_CONFIG"));
        JsonNode collections = container(rendered, "collections-service");
        assertEquals("mail-relay-credentials", secretOf(collections, "SMTP_USERNAME"));
        assertEquals("collections-service-db", secretOf(collections, "QUARKUS_DATASOURCE_USERNAME"), "services.collections.secrets.db keeps its default");
        for (String service : Manifests.SERVICES) {
            List<String> configMaps = new ArrayList<>();
            podSpec(rendered, service).path("volumes").forEach(v -> configMaps.add(v.path("configMap").path("name").asText()));
            assertTrue(configMaps.contains("idp-signing-key"), service + ": the signing key's ConfigMap");
            JsonNode endpoint = rendered.get("ServiceMonitor/" + service).path("spec").path("endpoints").get(0);
            assertEquals("60s", endpoint.path("interval").asText(), service);
            assertEquals("prometheus-credit-token", endpoint.path("authorization").path("credentials").path("name").asText(), service);
            assertEquals("jwt", endpoint.path("authorization").path("credentials").path("key").asText(), service);
        }
    }

    @Test
    void signingKeyFromJwksInsteadOfTheMountedKey() {
        for (String service : Manifests.SERVICES) {
            assertEquals("/etc/credit-auth/public-key.pem", configMap(defaults, service).path("mp.jwt.verify.publickey.location").asText());
            assertTrue(mountPaths(container(defaults, service)).contains("/etc/credit-auth"), service);
            if (!service.equals("alerts-service")) { // alerts-service delivers webhooks on 443 anyway
                assertFalse(egressPorts(defaults, service).contains(443), service + ": no egress on 443 by default");
            }
        }
        String jwks = "https://login.mycompany.example/realms/credit/protocol/openid-connect/certs";
        Map<String, JsonNode> rendered = byKindAndName(render(List.of(values("""
                auth:
                  jwksUrl: %s
                networkPolicies:
                  identityProviderTo: [{ipBlock: {cidr: 203.0.113.10/32}}]
                """.formatted(jwks)))));
        for (String service : Manifests.SERVICES) {
            assertEquals(jwks, configMap(rendered, service).path("mp.jwt.verify.publickey.location").asText(), service);
            assertFalse(mountPaths(container(rendered, service)).contains("/etc/credit-auth"), service + ": no key mounted");
            for (JsonNode volume : podSpec(rendered, service).path("volumes")) {
                assertTrue(volume.path("configMap").isMissingNode(), service + ": no ConfigMap volume for the key");
            }
            boolean toIdentityProvider = false;
            for (JsonNode rule : rendered.get("NetworkPolicy/" + service).path("spec").path("egress")) {
                toIdentityProvider |= rule.path("ports").get(0).path("port").asInt() == 443
                        && "203.0.113.10/32".equals(rule.path("to").get(0).path("ipBlock").path("cidr").asText());
            }
            assertTrue(toIdentityProvider, service + ": egress to the identity provider on 443");
        }
    }

    @Test
    void networkPolicyPeers() {
        Map<String, JsonNode> rendered = byKindAndName(render(List.of(values("""
                networkPolicies:
                  databaseTo: [{ipBlock: {cidr: 10.20.0.5/32}}]
                  kafkaTo: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: streaming}}}]
                """))));
        for (String service : Manifests.SERVICES) {
            JsonNode egress = rendered.get("NetworkPolicy/" + service).path("spec").path("egress");
            assertEquals("10.20.0.5/32", rule(egress, 5432).path("to").get(0).path("ipBlock").path("cidr").asText(), service);
            assertEquals("streaming", rule(egress, 9092).path("to").get(0).path("namespaceSelector").path("matchLabels")
                    .path("kubernetes.io/metadata.name").asText(), service);
            assertEquals(rule(defaults.get("NetworkPolicy/" + service).path("spec").path("egress"), 53), rule(egress, 53), service + ": DNS unchanged");
        }
    }

    @Test
    void togglesLeaveOutWhatNeedsAnOperatorOrCrd() {
        Map<String, JsonNode> rendered = byKindAndName(render(List.of(values("""
                serviceMonitors: {enabled: false}
                prometheusRules: {enabled: false}
                grafanaDashboard: {enabled: false}
                kafkaTopics: {enabled: false}
                networkPolicies: {enabled: false}
                """))));
        Map<String, Integer> kinds = new TreeMap<>();
        rendered.values().forEach(doc -> kinds.merge(doc.path("kind").asText(), 1, Integer::sum));
        assertEquals(Map.of("ConfigMap", 4, "Deployment", 4, "HorizontalPodAutoscaler", 2, "PodDisruptionBudget", 4, "Service", 4), kinds,
                "only the services' own resources remain");
        assertTrue(defaults.containsKey("ConfigMap/credit-control-suite-dashboard"));
        for (String kind : List.of("ServiceMonitor", "PrometheusRule", "KafkaTopic", "NetworkPolicy")) {
            assertFalse(ofKind(defaults, kind).isEmpty(), kind + " rendered by default");
        }
    }

    @Test
    void kafkaTopicsGoWhereTheTopicOperatorWatches() {
        for (JsonNode topic : ofKind(defaults, "KafkaTopic")) {
            assertEquals("kafka", topic.path("metadata").path("namespace").asText());
            assertEquals("credit-kafka", topic.path("metadata").path("labels").path("strimzi.io/cluster").asText());
        }
        Map<String, JsonNode> rendered = byKindAndName(render(List.of(values("""
                kafkaTopics: {namespace: streaming, strimziCluster: main}
                """))));
        List<JsonNode> topics = ofKind(rendered, "KafkaTopic");
        assertEquals(TopicManifestTest.declaredTopics().size(), topics.size());
        for (JsonNode topic : topics) {
            assertEquals("streaming", topic.path("metadata").path("namespace").asText());
            assertEquals("main", topic.path("metadata").path("labels").path("strimzi.io/cluster").asText());
        }
    }

    @Test
    void ingressOnlyWhenAskedAndOnlyForApi() {
        assertTrue(ofKind(defaults, "Ingress").isEmpty(), "nothing is exposed by default");
        Map<String, JsonNode> rendered = byKindAndName(render(List.of(values("""
                ingress:
                  enabled: true
                  className: nginx
                  annotations: {nginx.ingress.kubernetes.io/proxy-body-size: 8m}
                  hosts:
                    limits: limits.credit.mycompany.example
                    collections: collections.credit.mycompany.example
                  tlsSecretName: credit-wildcard-tls
                """))));
        List<JsonNode> ingresses = ofKind(rendered, "Ingress");
        assertEquals(2, ingresses.size());
        for (JsonNode ingress : ingresses) {
            JsonNode spec = ingress.path("spec");
            String host = spec.path("rules").get(0).path("host").asText();
            JsonNode path = spec.path("rules").get(0).path("http").path("paths").get(0);
            String service = path.path("backend").path("service").path("name").asText();
            assertEquals(service.replace("-service", "") + ".credit.mycompany.example", host);
            assertEquals("/api", path.path("path").asText(), "only the APIs, not /q");
            assertEquals("http", path.path("backend").path("service").path("port").path("name").asText());
            assertEquals("http", rendered.get("Service/" + service).path("spec").path("ports").get(0).path("name").asText());
            assertEquals("nginx", spec.path("ingressClassName").asText());
            assertEquals("credit-wildcard-tls", spec.path("tls").get(0).path("secretName").asText());
            assertEquals(host, spec.path("tls").get(0).path("hosts").get(0).asText());
            assertEquals("8m", ingress.path("metadata").path("annotations").path("nginx.ingress.kubernetes.io/proxy-body-size").asText());
        }
        Path unknown = values("""
                ingress: {enabled: true, hosts: {billing: billing.example.com}}
                """);
        assertThrows(IllegalStateException.class, () -> render(List.of(unknown)), "a host for a service that does not exist");
    }

    // --- the kustomize installation, as kubectl apply -k deploy/kubernetes builds it -----------------

    /**
     * What kubectl kustomize deploy/kubernetes renders, built from the same files with the only
     * kustomize features they use (namespace, images, configMapGenerator); a kustomization using
     * another feature fails here rather than being compared wrongly. The Namespace is left out: the
     * chart installs into the release namespace (docs/operations.md).
     */
    static Map<String, JsonNode> kustomizeInstallation() {
        Path base = Manifests.root().resolve("deploy/kubernetes");
        JsonNode top = kustomization(base);
        List<JsonNode> docs = new ArrayList<>();
        for (String part : Manifests.texts(top.path("resources"))) {
            Path dir = base.resolve(part);
            JsonNode kustomization = kustomization(dir);
            List<JsonNode> partDocs = new ArrayList<>();
            for (String file : Manifests.texts(kustomization.path("resources"))) {
                partDocs.addAll(Manifests.read(dir.resolve(file)));
            }
            for (JsonNode generator : kustomization.path("configMapGenerator")) {
                ObjectNode configMap = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
                configMap.putObject("metadata").put("name", generator.path("name").asText())
                        .set("labels", kustomization.path("generatorOptions").path("labels").deepCopy());
                ObjectNode data = configMap.putObject("data");
                for (String file : Manifests.texts(generator.path("files"))) {
                    data.put(file, Manifests.text(dir.resolve(file)));
                }
                partDocs.add(configMap);
            }
            for (JsonNode doc : partDocs) {
                ObjectNode copy = doc.deepCopy();
                ((ObjectNode) copy.path("metadata")).put("namespace", kustomization.path("namespace").asText());
                for (JsonNode container : copy.path("spec").path("template").path("spec").path("containers")) {
                    for (JsonNode image : kustomization.path("images")) {
                        String name = image.path("name").asText();
                        if (container.path("image").asText().startsWith(name + ":")) {
                            ((ObjectNode) container).put("image", image.path("newName").asText() + ":" + image.path("newTag").asText());
                        }
                    }
                }
                if (!"Namespace".equals(copy.path("kind").asText())) {
                    docs.add(copy);
                }
            }
        }
        return byKindAndName(docs);
    }

    private static JsonNode kustomization(Path dir) {
        JsonNode kustomization = Manifests.read(dir.resolve("kustomization.yaml")).get(0);
        Set<String> understood = Set.of("apiVersion", "kind", "namespace", "resources", "images", "generatorOptions", "configMapGenerator");
        Set<String> used = new TreeSet<>();
        kustomization.fieldNames().forEachRemaining(used::add);
        used.removeAll(understood);
        assertTrue(used.isEmpty(), dir + "/kustomization.yaml uses " + used + ", which HelmChartTest does not emulate");
        kustomization.path("generatorOptions").fieldNames().forEachRemaining(option -> assertTrue(
                Set.of("labels", "disableNameSuffixHash").contains(option), dir + ": generatorOptions." + option + " is not emulated"));
        return kustomization;
    }

    /**
     * The rendered resource with what the chart adds on purpose taken out: Helm's release labels
     * (instance, chart, and managed-by Helm where the generated files say quarkus), the
     * configuration checksum that restarts the pods after a configuration change, the replica
     * count of a Deployment whose autoscaler owns it, and the annotation that keeps the KafkaTopics
     * (and so the topics' records) on helm uninstall. The dashboard JSON is compared as JSON.
     */
    static JsonNode withoutHelmDifferences(String resource, JsonNode rendered, JsonNode expected) {
        ObjectNode copy = rendered.deepCopy();
        for (JsonNode labels : List.of(copy.path("metadata").path("labels"), copy.path("spec").path("template").path("metadata").path("labels"))) {
            if (labels.isObject()) {
                assertEquals("Helm", labels.path("app.kubernetes.io/managed-by").asText(), resource + ": managed-by");
                assertEquals("credit", labels.path("app.kubernetes.io/instance").asText(), resource + ": instance label");
                ((ObjectNode) labels).remove(List.of("app.kubernetes.io/instance", "helm.sh/chart", "app.kubernetes.io/managed-by"));
            }
        }
        if (resource.startsWith("Deployment/")) {
            ObjectNode annotations = (ObjectNode) copy.path("spec").path("template").path("metadata").path("annotations");
            assertTrue(annotations.path("checksum/config").asText().matches("[0-9a-f]{64}"), resource + ": checksum/config");
            annotations.remove("checksum/config");
            if (AUTOSCALED.contains(resource.substring("Deployment/".length()))) {
                assertTrue(copy.path("spec").path("replicas").isMissingNode(), resource + ": replicas left to the autoscaler");
                ((ObjectNode) copy.path("spec")).set("replicas", expected.path("spec").path("replicas"));
            }
        }
        if (resource.startsWith("KafkaTopic/")) {
            ObjectNode annotations = (ObjectNode) copy.path("metadata").path("annotations");
            assertEquals("keep", annotations.path("helm.sh/resource-policy").asText(), resource + ": helm uninstall keeps the topic and its records");
            annotations.remove("helm.sh/resource-policy");
            if (annotations.isEmpty()) {
                ((ObjectNode) copy.path("metadata")).remove("annotations");
            }
        }
        if (resource.equals("ConfigMap/credit-control-suite-dashboard")) {
            ObjectNode data = (ObjectNode) copy.path("data");
            data.fieldNames().forEachRemaining(file -> assertEquals(json(expected.path("data").path(file).asText()),
                    json(data.path(file).asText()), "dashboard " + file));
            data.setAll((ObjectNode) expected.path("data").deepCopy());
        }
        return copy;
    }

    /** managed-by is "quarkus" in the generated files and absent in the hand-written ones: Helm sets its own. */
    static JsonNode withoutManagedBy(JsonNode expected) {
        ObjectNode copy = expected.deepCopy();
        for (JsonNode labels : List.of(copy.path("metadata").path("labels"), copy.path("spec").path("template").path("metadata").path("labels"))) {
            if (labels.isObject()) {
                ((ObjectNode) labels).remove("app.kubernetes.io/managed-by");
            }
        }
        return copy;
    }

    // --- rendering ---------------------------------------------------------------------------------------

    static List<JsonNode> render(List<Path> valuesFiles) {
        var template = new Helm(CHART).template().withName("credit").withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
        valuesFiles.forEach(template::withValuesFile);
        String output = template.call();
        try {
            return YAML.readerFor(JsonNode.class).<JsonNode>readValues(output).readAll().stream()
                    .filter(doc -> doc != null && !doc.isNull() && !doc.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("helm template printed unreadable YAML", e);
        }
    }

    private Path values(String yaml) {
        try {
            Path file = Files.createTempFile(temp, "values-", ".yaml");
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, JsonNode> byKindAndName(List<JsonNode> docs) {
        Map<String, JsonNode> result = new TreeMap<>();
        for (JsonNode doc : docs) {
            String key = doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
            assertEquals(null, result.put(key, doc), "two resources " + key);
        }
        return result;
    }

    private static List<JsonNode> ofKind(Map<String, JsonNode> rendered, String kind) {
        return rendered.values().stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    private static JsonNode podSpec(Map<String, JsonNode> rendered, String service) {
        return rendered.get("Deployment/" + service).path("spec").path("template").path("spec");
    }

    private static JsonNode container(Map<String, JsonNode> rendered, String service) {
        return podSpec(rendered, service).path("containers").get(0);
    }

    private static JsonNode configMap(Map<String, JsonNode> rendered, String service) {
        return rendered.get("ConfigMap/" + service + "-config").path("data");
    }

    private static String checksum(Map<String, JsonNode> rendered, String service) {
        return rendered.get("Deployment/" + service).path("spec").path("template").path("metadata").path("annotations").path("checksum/config").asText();
    }

    private static Map<String, JsonNode> properties(JsonNode data) {
        Map<String, JsonNode> result = new TreeMap<>();
        data.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    private static String secretOf(JsonNode container, String variable) {
        for (JsonNode env : container.path("env")) {
            if (variable.equals(env.path("name").asText())) {
                return env.path("valueFrom").path("secretKeyRef").path("name").asText();
            }
        }
        throw new AssertionError("no environment variable " + variable);
    }

    private static List<String> mountPaths(JsonNode container) {
        List<String> paths = new ArrayList<>();
        container.path("volumeMounts").forEach(m -> paths.add(m.path("mountPath").asText()));
        return paths;
    }

    private static Set<Integer> egressPorts(Map<String, JsonNode> rendered, String service) {
        Set<Integer> ports = new TreeSet<>();
        rendered.get("NetworkPolicy/" + service).path("spec").path("egress")
                .forEach(rule -> rule.path("ports").forEach(p -> ports.add(p.path("port").asInt())));
        return ports;
    }

    private static JsonNode rule(JsonNode egress, int port) {
        for (JsonNode rule : egress) {
            for (JsonNode p : rule.path("ports")) {
                if (p.path("port").asInt() == port) {
                    return rule;
                }
            }
        }
        throw new AssertionError("no egress rule on port " + port);
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
