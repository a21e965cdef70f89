package io.creditcontrol.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Reads the committed manifests under deploy/kubernetes and the services' own files. */
final class Manifests {

    static final List<String> SERVICES = List.of("scoring-service", "limits-service", "collections-service", "alerts-service");

    private static final YAMLMapper YAML = new YAMLMapper();

    private Manifests() {
    }

    static Path root() {
        String root = System.getProperty("suite.root");
        Path path = root != null ? Path.of(root) : Path.of("../..");
        return path.toAbsolutePath().normalize();
    }

    /** The committed copy of a service's generated manifests. */
    static Path committed(String service) {
        return root().resolve("deploy/kubernetes/services/" + service + ".yml");
    }

    /** What quarkus-kubernetes generated for the service in this build. */
    static Path generated(String service) {
        return root().resolve(service + "/target/kubernetes/kubernetes.yml");
    }

    static Path topics() {
        return root().resolve("deploy/kubernetes/kafka-topics/topics.yml");
    }

    static List<JsonNode> read(Path file) {
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<JsonNode> result = new ArrayList<>();
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    result.add(doc);
                }
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot parse " + file, e);
        }
    }

    static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    static JsonNode one(List<JsonNode> docs, String kind, String name) {
        return docs.stream()
                .filter(d -> kind.equals(d.path("kind").asText()) && name.equals(d.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    static Properties applicationProperties(String service) {
        Path file = root().resolve(service + "/src/main/resources/application.properties");
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(n -> result.add(n.asText()));
        return result;
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
