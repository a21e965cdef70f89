package io.creditcontrol.limits.messaging.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * An amount as the event contract writes it: a decimal string ("18450.00"), never a JSON
 * number (which may already have lost precision on the producer's side), no exponent, at most
 * 15 integer digits and 4 decimals. Anything else makes the event unreadable.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonFormat(shape = JsonFormat.Shape.STRING)
@JsonDeserialize(using = DecimalString.Deserializer.class)
public @interface DecimalString {

    class Deserializer extends StdScalarDeserializer<BigDecimal> {

        private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,15}(\\.\\d{1,4})?");

        public Deserializer() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws java.io.IOException {
            String field = p.currentName();
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw MismatchedInputException.from(p, BigDecimal.class,
                        field + ": amounts are decimal strings, not " + p.currentToken());
            }
            String text = p.getText();
            if (!DECIMAL.matcher(text).matches()) {
                throw MismatchedInputException.from(p, BigDecimal.class,
                        field + ": '" + text + "' is not a decimal string (up to 15 digits, 4 decimals, no exponent)");
            }
            return new BigDecimal(text);
        }
    }
}
