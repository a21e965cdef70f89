package io.creditcontrol.alerts.messaging.events;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * This service's records of credit.limit.changed and credit.order.decided on credit.limits.v1
 * (limit cut, limit utilisation and order-blocked rules). The contract is docs/events/;
 * EventContractTest checks these records against it.
 */
public final class LimitEvents {

    public static final String LIMITS_TOPIC = "credit.limits.v1";
    public static final String LIMIT_CHANGED = "credit.limit.changed";
    public static final String ORDER_DECIDED = "credit.order.decided";

    public static final Map<String, Class<?>> CONSUMED = Map.of(
            LIMIT_CHANGED, LimitChanged.class,
            ORDER_DECIDED, OrderDecided.class);

    private LimitEvents() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LimitChanged(
            @NotBlank @Pattern(regexp = ReceivablesEvents.IDENTIFIER) String buyerId,
            @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal limit,
            @NotNull @Pattern(regexp = ReceivablesEvents.CURRENCY) String currency,
            @PositiveOrZero @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal previousLimit,
            @NotBlank String reason,
            @NotNull LocalDate effectiveFrom,
            @NotBlank String changedBy,
            LocalDate reviewDate) {
    }

    public enum Decision { APPROVED, APPROVED_WITH_CONDITIONS, REFERRED, BLOCKED }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrderDecided(
            @NotBlank @Pattern(regexp = ReceivablesEvents.IDENTIFIER) String buyerId,
            @NotBlank @Size(max = 64) String orderReference,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @NotNull @Pattern(regexp = ReceivablesEvents.CURRENCY) String currency,
            @NotNull Decision decision,
            @NotNull List<String> reasonCodes,
            @NotNull @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal exposure,
            @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal limit,
            @NotNull @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal headroom,
            String decisionId,
            Integer policyVersion,
            List<String> conditions,
            String reservationId,
            @Pattern(regexp = ReceivablesEvents.CURRENCY) String limitCurrency,
            String fxRate) {
    }
}
