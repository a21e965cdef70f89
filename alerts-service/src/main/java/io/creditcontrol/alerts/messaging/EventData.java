package io.creditcontrol.alerts.messaging;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Turns an event's {@code data} into this service's record for it, checked by Bean Validation.
 * Decimals are read only from decimal strings ("18450.00"), as the contract says: a JSON number
 * may already have lost precision on the producer's side, so it is refused, not rounded.
 * {@code data} objects are open (docs/events/README.md): members this service does not know, such
 * as scoring's additive {@code submittedBy}, are ignored, whatever the JSON settings for request
 * bodies say ({@code quarkus.jackson.fail-on-unknown-properties=true} is meant for the API).
 */
@ApplicationScoped
public class EventData {

    private final ObjectMapper mapper;
    private final Validator validator;

    EventData(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper.copy().registerModule(new SimpleModule("decimal-strings")
                .addDeserializer(BigDecimal.class, new DecimalStringDeserializer()))
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.validator = validator;
    }

    public <T> T read(CloudEvent event, Class<T> type) {
        T data;
        try {
            data = mapper.treeToValue(event.data(), type);
        } catch (JsonMappingException e) {
            throw new MalformedEventException(event.type() + " " + event.id() + ": unreadable data: " + describe(e));
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

    private static String buyerIdOf(JsonNode data) {
        JsonNode buyerId = data.get("buyerId");
        return buyerId == null ? null : buyerId.asText();
    }

    /** "allocations[0].amount: must be a decimal string ...", without Jackson's source excerpt. */
    private static String describe(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() > 0 ? "." : "").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        String message = firstLine(e.getOriginalMessage());
        return path.length() == 0 ? message : path + ": " + message;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** docs/events: amounts and other decimals are strings, "." separated, no exponent. */
    static final class DecimalStringDeserializer extends StdScalarDeserializer<BigDecimal> {

        private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,15}(\\.\\d{1,8})?");

        DecimalStringDeserializer() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING || !DECIMAL.matcher(parser.getText()).matches()) {
                throw MismatchedInputException.from(parser, BigDecimal.class, "must be a decimal string such as \"1250.00\"");
            }
            return new BigDecimal(parser.getText());
        }
    }
}
