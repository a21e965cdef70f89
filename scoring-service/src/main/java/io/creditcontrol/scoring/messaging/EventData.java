package io.creditcontrol.scoring.messaging;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/** Turns an event's {@code data} into this service's record for it, checked by Bean Validation. */
@ApplicationScoped
public class EventData {

    private final ObjectMapper mapper;
    private final Validator validator;
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    EventData(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /**
     * Event data objects are open (docs/events): unknown fields are ignored here, even though
     * request bodies refuse them (quarkus.jackson.fail-on-unknown-properties). Readers are
     * immutable and thread-safe, so one per type is kept rather than built for every event.
     */
    private ObjectReader readerFor(Class<?> type) {
        return mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public <T> T read(CloudEvent event, Class<T> type) {
        T data;
        try {
            data = readers.computeIfAbsent(type, this::readerFor).readValue(event.data());
        } catch (Exception e) {
            throw new MalformedEventException(event.type() + " " + event.id() + ": unreadable data: " + firstLine(e.getMessage()));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(data);
        if (!violations.isEmpty()) {
            String reasons = violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .sorted()
                    .collect(Collectors.joining("; "));
            throw new MalformedEventException(event.type() + " " + event.id() + ": invalid data: " + reasons);
        }
        if (!event.subject().equals(buyerIdOf(event.data()))) {
            throw new MalformedEventException(event.type() + " " + event.id() + ": subject is not data.buyerId");
        }
        return data;
    }

    public JsonNode toTree(Object data) {
        return mapper.valueToTree(data);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    private static String buyerIdOf(JsonNode data) {
        JsonNode buyerId = data.get("buyerId");
        return buyerId == null ? null : buyerId.asText();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
