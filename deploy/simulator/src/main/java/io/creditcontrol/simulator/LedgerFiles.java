package io.creditcontrol.simulator;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The files of a generated ledger: {@code ledger.ndjson} (one record a line, in event-time order)
 * and {@code ground-truth.json} (what really happens to each buyer; never fed to the suite).
 */
public final class LedgerFiles {

    public static final String LEDGER = "ledger.ndjson";
    public static final String GROUND_TRUTH = "ground-truth.json";

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private LedgerFiles() {
    }

    public static void write(LedgerGenerator.Ledger ledger, Path dir) {
        try {
            Files.createDirectories(dir);
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(LEDGER), StandardCharsets.UTF_8)) {
                for (LedgerRecord record : ledger.records()) {
                    out.write(line(record));
                    out.write('\n');
                }
            }
            DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
            Files.writeString(dir.resolve(GROUND_TRUTH), MAPPER.writer(pretty).writeValueAsString(ledger.truth()) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {"at": ..., "kind": ..., "buyerId": ..., "document": ..., "body": {the request body}} */
    public static String line(LedgerRecord record) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("at", record.at().toString());
        line.put("kind", record.kind().label());
        line.put("buyerId", record.buyerId());
        line.put("document", record.document());
        line.set("body", record.body());
        try {
            return MAPPER.writeValueAsString(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<LedgerRecord> readLedger(Path dir) {
        List<LedgerRecord> records = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(dir.resolve(LEDGER), StandardCharsets.UTF_8)) {
            String text;
            int lineNumber = 0;
            while ((text = in.readLine()) != null) {
                lineNumber++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode line = MAPPER.readTree(text);
                if (!line.path("body").isObject()) {
                    throw new IllegalArgumentException(LEDGER + " line " + lineNumber + " has no body object");
                }
                records.add(new LedgerRecord(Instant.parse(line.path("at").asText()), LedgerKind.ofLabel(line.path("kind").asText()),
                        line.path("buyerId").asText(), line.path("document").asText(), (ObjectNode) line.get("body")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    public static GroundTruth readGroundTruth(Path dir) {
        try {
            return MAPPER.readValue(dir.resolve(GROUND_TRUTH).toFile(), GroundTruth.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The placed orders and the suite's answers, one JSON object a line. */
    public static void writeOrders(List<PlacedOrder> orders, Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (PlacedOrder order : orders) {
                    out.write(MAPPER.writeValueAsString(order));
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<PlacedOrder> readOrders(Path file) {
        List<PlacedOrder> orders = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            while ((text = in.readLine()) != null) {
                if (!text.isBlank()) {
                    orders.add(MAPPER.readValue(text, PlacedOrder.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return orders;
    }
}
