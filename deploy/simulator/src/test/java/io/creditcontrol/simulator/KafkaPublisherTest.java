package io.creditcontrol.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** feed --kafka: the CloudEvents go to their topics, keyed by buyer, in ledger order. */
class KafkaPublisherTest {

    @Test
    void publishesEveryRecordAsItsCloudEventInLedgerOrder() throws IOException {
        List<LedgerRecord> records = LedgerGenerator.generate(new LedgerGenerator.Settings(10, 6, 5, LocalDate.of(2025, 1, 1))).records();
        MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        Feeder.Settings settings = new Feeder.Settings(URI.create("http://unused.invalid"), URI.create("http://unused.invalid"), List.of(),
                Map.of(), null, Map.of(), false, 0, 0, 1, 1, Duration.ofMillis(1), null, null);

        Feeder.Report report = new Feeder(settings, new PrintStream(PrintStream.nullOutputStream()), new KafkaPublisher(producer)).feed(records);

        List<ProducerRecord<String, String>> sent = producer.history();
        assertEquals(records.size(), sent.size());
        assertEquals(records.size(), report.total(Feeder.Outcome.ACCEPTED));
        CloudEventMapper expected = new CloudEventMapper();
        for (int i = 0; i < records.size(); i++) {
            CloudEventMapper.Event event = expected.map(records.get(i));
            ProducerRecord<String, String> message = sent.get(i);
            assertEquals(event.topic(), message.topic());
            assertEquals(records.get(i).buyerId(), message.key());
            assertEquals(event.cloudEvent(), LedgerFiles.MAPPER.readTree(message.value()));
            assertEquals(KafkaPublisher.CONTENT_TYPE, new String(message.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
        }
    }
}
