package io.creditcontrol.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: a real KRaft broker on free ports with the suite's topics, its data in
 * a temporary directory removed afterwards. Returns {@code kafka.bootstrap.servers}, which
 * every Kafka channel and the Kafka health check of the service under test then use.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static volatile KafkaBroker broker;
    private Path dataDir;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("credit-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker = KafkaBroker.onFreePorts(dataDir).start();
        broker.createTopics(SuiteTopics.all());
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
        deleteRecursively(dataDir);
    }

    /** The running broker, for tests that publish or read records directly. */
    public static KafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("The Kafka test broker is not running");
        }
        return broker;
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
