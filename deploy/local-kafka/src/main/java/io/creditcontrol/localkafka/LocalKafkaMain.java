package io.creditcontrol.localkafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local broker in the foreground for deploy/local/run-suite:
 * {@code LocalKafkaMain <data-dir> <port> <controller-port>}. Creates the suite's topics,
 * prints READY, and stops the broker cleanly when this JVM is told to stop.
 */
public final class LocalKafkaMain {

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "deploy/local/.suite/kafka");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
        int controllerPort = args.length > 2 ? Integer.parseInt(args[2]) : 9093;

        KafkaBroker broker = new KafkaBroker(dataDir, port, controllerPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-broker-shutdown"));
        broker.start();
        broker.createTopics(SuiteTopics.all());
        System.out.println("READY kafka " + broker.bootstrapServers() + " (data in " + dataDir.toAbsolutePath() + ")");
        stopped.await();
    }

    private LocalKafkaMain() {
    }
}
