package io.creditcontrol.simulator;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns ledger records into the CloudEvents of docs/events, as an ERP or a risk-data provider
 * publishing directly to Kafka would. Stateful over one ledger: a dispute resolution carries the
 * invoice and amount of the dispute it closes, remembered from the dispute record.
 */
public final class CloudEventMapper {

    public record Event(String topic, String key, ObjectNode cloudEvent) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Map<String, JsonNode> disputes = new HashMap<>();

    public Event map(LedgerRecord record) {
        ObjectNode data = JSON.objectNode();
        String source = "/erp/simulator";
        switch (record.kind()) {
            case BUYER -> data.setAll(record.body());
            case FINANCIAL_STATEMENT, RISK_SIGNAL -> {
                data.put("buyerId", record.buyerId());
                data.setAll(record.body());
                source = "/risk-data/simulator";
            }
            case DISPUTE -> {
                disputes.put(record.document(), record.body());
                data.setAll(record.body());
            }
            case DISPUTE_RESOLUTION -> {
                JsonNode dispute = disputes.get(record.document());
                if (dispute == null) {
                    throw new IllegalStateException("resolution of unknown dispute " + record.document());
                }
                boolean upheld = "UPHELD_FOR_BUYER".equals(record.body().path("outcome").asText());
                data.put("buyerId", record.buyerId());
                data.put("disputeId", record.document());
                data.put("invoiceNumber", dispute.path("invoiceNumber").asText());
                data.put("resolvedOn", record.body().path("resolvedOn").asText());
                data.put("outcome", record.body().path("outcome").asText());
                data.put("creditedAmount", upheld ? dispute.path("amount").asText() : "0.00");
                data.put("currency", dispute.path("currency").asText());
                if (record.body().hasNonNull("note")) {
                    data.put("note", record.body().path("note").asText());
                }
            }
            default -> data.setAll(record.body());
        }
        ObjectNode event = JSON.objectNode();
        event.put("specversion", "1.0");
        event.put("id", eventId(record).toString());
        event.put("source", source);
        event.put("type", record.kind().eventType());
        event.put("subject", record.buyerId());
        event.put("time", record.at().toString());
        event.put("datacontenttype", "application/json");
        event.set("data", data);
        return new Event(topic(record.kind()), record.buyerId(), event);
    }

    /** The same record always gets the same id, so a replay is recognised as a duplicate. */
    static UUID eventId(LedgerRecord record) {
        String name = record.kind().label() + "|" + record.buyerId() + "|" + record.document() + "|" + record.at();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    static String topic(LedgerKind kind) {
        return switch (kind) {
            case BUYER, FINANCIAL_STATEMENT, RISK_SIGNAL -> "credit.buyers.v1";
            case PAYMENT -> "credit.payments.v1";
            default -> "credit.invoices.v1";
        };
    }
}
