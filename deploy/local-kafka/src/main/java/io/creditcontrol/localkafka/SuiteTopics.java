package io.creditcontrol.localkafka;

import java.util.List;
import java.util.stream.Stream;

import io.creditcontrol.localkafka.KafkaBroker.TopicSpec;

/**
 * The suite's topics, as declared in docs/events/asyncapi.yaml. Business topics are keyed by
 * buyerId and partitioned so one buyer's events stay in order; each consuming service has its
 * own dead-letter topic so a poison record can be inspected per consumer.
 */
public final class SuiteTopics {

    public static final List<String> BUSINESS_TOPICS = List.of(
            "credit.invoices.v1",
            "credit.payments.v1",
            "credit.buyers.v1",
            "credit.scores.v1",
            "credit.limits.v1",
            "credit.collections.v1",
            "credit.alerts.v1");

    public static final List<String> DEAD_LETTER_TOPICS = List.of(
            "credit.dlq.scoring.v1",
            "credit.dlq.limits.v1",
            "credit.dlq.collections.v1",
            "credit.dlq.alerts.v1");

    private static final int PARTITIONS = 3;

    private SuiteTopics() {
    }

    public static List<TopicSpec> all() {
        return Stream.concat(BUSINESS_TOPICS.stream(), DEAD_LETTER_TOPICS.stream())
                .map(name -> TopicSpec.of(name, PARTITIONS))
                .toList();
    }
}
