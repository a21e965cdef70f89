package io.creditcontrol.limits.messaging;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A CloudEvents 1.0 event in structured JSON mode, the envelope of every record on the suite's
 * topics (see docs/events/README.md). {@code subject} is the buyer the event is about, which is
 * also the Kafka record key.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";
    /** Kafka content-type header for structured-mode CloudEvents. */
    public static final String KAFKA_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    public static CloudEvent create(String type, String source, String buyerId, Instant time, JsonNode data) {
        return new CloudEvent(SPEC_VERSION, UUID.randomUUID().toString(), source, type, buyerId, time, JSON, data);
    }

    /**
     * Reads an event off a topic. Anything that is not a well-formed CloudEvent with the
     * attributes this suite relies on is rejected with a reason fit for the dead-letter topic.
     */
    public static CloudEvent parse(String json, ObjectMapper mapper) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty record value");
        }
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (Exception e) {
            throw new MalformedEventException("not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new MalformedEventException("not a JSON object");
        }
        if (!SPEC_VERSION.equals(text(node, "specversion"))) {
            throw new MalformedEventException("specversion must be 1.0");
        }
        for (String attribute : new String[] {"id", "source", "type", "subject", "time"}) {
            if (text(node, attribute) == null) {
                throw new MalformedEventException("missing CloudEvents attribute '" + attribute + "'");
            }
        }
        Instant time;
        try {
            time = Instant.parse(text(node, "time"));
        } catch (Exception e) {
            throw new MalformedEventException("attribute 'time' is not an RFC 3339 timestamp");
        }
        JsonNode data = node.get("data");
        if (data == null || !data.isObject()) {
            throw new MalformedEventException("missing or non-object 'data'");
        }
        return new CloudEvent(SPEC_VERSION, text(node, "id"), text(node, "source"), text(node, "type"),
                text(node, "subject"), time, JSON, data);
    }

    public String toJson(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsString(this);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot serialise event " + id, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
