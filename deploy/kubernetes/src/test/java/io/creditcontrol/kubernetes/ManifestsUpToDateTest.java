package io.creditcontrol.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The committed manifests are exactly what quarkus-kubernetes generated in this build (the same
 * resources with the same content; only the banner is added), so a change to a fragment or to the Kubernetes block of application.properties that
 * was not followed by deploy/kubernetes/regenerate fails the build instead of going stale.
 */
class ManifestsUpToDateTest {

    static final List<String> SERVICES = Manifests.SERVICES;

    @ParameterizedTest
    @FieldSource("SERVICES")
    void committedEqualsGenerated(String service) {
        assertTrue(Files.exists(Manifests.generated(service)), Manifests.generated(service)
                + " is missing: build the service first (./mvnw verify from the root builds the services before this module)");
        String committed = Manifests.text(Manifests.committed(service));
        assertTrue(committed.startsWith("# GENERATED"), service + ": the committed manifests must start with the banner");
        // compared as parsed resources, keyed by kind and name: the generator's order of map keys is not part of the contract
        Map<String, JsonNode> generated = byKindAndName(Manifests.read(Manifests.generated(service)));
        Map<String, JsonNode> copy = byKindAndName(Manifests.read(Manifests.committed(service)));
        String stale = service + ": deploy/kubernetes/services/" + service + ".yml is stale; run deploy/kubernetes/regenerate and commit the result";
        assertEquals(generated.keySet(), copy.keySet(), stale + " (resources differ)");
        for (String resource : generated.keySet()) {
            assertEquals(generated.get(resource), copy.get(resource), stale + " (" + resource + " differs)");
        }
    }

    @Test
    void kustomizationInstallsEveryService() {
        JsonNode kustomization = Manifests.read(Manifests.root().resolve("deploy/kubernetes/services/kustomization.yaml")).get(0);
        List<String> resources = Manifests.texts(kustomization.path("resources"));
        for (String service : SERVICES) {
            assertTrue(resources.contains(service + ".yml"), "services/kustomization.yaml must list " + service + ".yml");
        }
        for (String resource : resources) {
            assertTrue(Files.exists(Manifests.root().resolve("deploy/kubernetes/services/" + resource)), "missing " + resource);
        }
        List<String> imageNames = new ArrayList<>();
        kustomization.path("images").forEach(i -> imageNames.add(i.path("name").asText()));
        for (String service : SERVICES) {
            String image = DeploymentManifestTest.container(service).path("image").asText();
            String withoutTag = image.substring(0, image.lastIndexOf(':'));
            assertTrue(imageNames.contains(withoutTag), "services/kustomization.yaml images: must list " + withoutTag
                    + " so the registry and tag can be set there");
        }
        JsonNode root = Manifests.read(Manifests.root().resolve("deploy/kubernetes/kustomization.yaml")).get(0);
        List<String> parts = Manifests.texts(root.path("resources"));
        for (String part : parts) {
            assertTrue(Files.exists(Manifests.root().resolve("deploy/kubernetes/" + part + "/kustomization.yaml")), "missing " + part + "/kustomization.yaml");
        }
        assertTrue(parts.containsAll(List.of("services", "kafka-topics")), "kustomization.yaml must include services and kafka-topics");
    }

    /**
     * The generator does not keep the order of some lists from one build to the next (seen: the
     * container's env entries). Lists of named items (env, volumes, mounts, ports, containers) mean
     * the same in any order, so they are compared sorted by name; other lists keep their order.
     */
    static JsonNode normalized(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), normalized(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(normalized(item)));
            if (!items.isEmpty() && items.stream().allMatch(i -> i.isObject() && i.has("name"))) {
                items.sort(Comparator.comparing((JsonNode i) -> i.path("name").asText()).thenComparing(JsonNode::toString));
            }
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            items.forEach(copy::add);
            return copy;
        }
        return node;
    }

    static Map<String, JsonNode> byKindAndName(List<JsonNode> docs) {
        Map<String, JsonNode> result = new TreeMap<>();
        for (JsonNode doc : docs) {
            String key = doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
            if (result.put(key, normalized(doc)) != null) {
                throw new AssertionError("two resources " + key);
            }
        }
        return result;
    }
}
