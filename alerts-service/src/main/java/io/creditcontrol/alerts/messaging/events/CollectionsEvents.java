package io.creditcontrol.alerts.messaging.events;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * This service's records of the collections events on credit.collections.v1 that the rules read:
 * dunning steps (escalation to legal or insurer, insurer deadlines) and broken promises to pay.
 * credit.supply.stop-recommended is acknowledged and skipped (no rule reads it yet). The contract is
 * docs/events/; EventContractTest checks these records against it.
 */
public final class CollectionsEvents {

    public static final String COLLECTIONS_TOPIC = "credit.collections.v1";
    public static final String DUNNING_STEP_EXECUTED = "credit.dunning.step-executed";
    public static final String PROMISE_BROKEN = "credit.promise.broken";
    public static final String SUPPLY_STOP_RECOMMENDED = "credit.supply.stop-recommended";

    public static final Map<String, Class<?>> CONSUMED = Map.of(
            DUNNING_STEP_EXECUTED, DunningStepExecuted.class,
            PROMISE_BROKEN, PromiseBroken.class);

    private CollectionsEvents() {
    }

    public enum Cause { SCHEDULE, BROKEN_PROMISE, INSURER_DEADLINE, PAYMENT_PLAN }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DunningStepExecuted(
            @NotBlank @Pattern(regexp = ReceivablesEvents.IDENTIFIER) String buyerId,
            @NotBlank @Pattern(regexp = ReceivablesEvents.IDENTIFIER) String invoiceNumber,
            @NotBlank String step,
            @NotBlank String action,
            @NotNull LocalDate executedOn,
            @NotNull Integer daysPastDue,
            @PositiveOrZero @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal chasedAmount,
            @Pattern(regexp = ReceivablesEvents.CURRENCY) String currency,
            String strategy,
            String strategyVersion,
            Cause cause,
            LocalDate dueBy) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PromiseBroken(
            @NotBlank @Pattern(regexp = ReceivablesEvents.IDENTIFIER) String buyerId,
            @NotBlank @Pattern(regexp = ReceivablesEvents.IDENTIFIER) String promiseId,
            @NotNull LocalDate promisedOn,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @NotNull @Pattern(regexp = ReceivablesEvents.CURRENCY) String currency,
            @NotNull LocalDate promisedDate,
            @Pattern(regexp = ReceivablesEvents.IDENTIFIER) String invoiceNumber,
            String takenBy) {
    }
}
