package io.creditcontrol.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

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
        JsonNode root = Manifests.read(Manifests.root().resolve("deploy/kubernetes/kustomization.yaml")).get(0);
        List<String> parts = Manifests.texts(root.path("resources"));
        for (String part : parts) {
            assertTrue(Files.exists(Manifests.root().resolve("deploy/kubernetes/" + part + "/kustomization.yaml")), "missing " + part + "/kustomization.yaml");
        }
        assertTrue(parts.containsAll(List.of("services", "kafka-topics")), "kustomization.yaml must include services and kafka-topics");
    }

    static Map<String, JsonNode> byKindAndName(List<JsonNode> docs) {
        Map<String, JsonNode> result = new TreeMap<>();
        for (JsonNode doc : docs) {
            String key = doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
            if (result.put(key, doc) != null) {
                throw new AssertionError("two resources " + key);
            }
        }
        return result;
    }
}
