package io.creditcontrol.limits.messaging.events;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * This service's records of collections' events on credit.collections.v1: dunning steps (the
 * dunning level of the credit check) and supply-stop recommendations (collections escalation).
 * Broken promises are skipped: they reach the check through scoring's grade.
 */
public final class CollectionsEvents {

    public static final String COLLECTIONS_TOPIC = "credit.collections.v1";
    public static final String DUNNING_STEP_EXECUTED = "credit.dunning.step-executed";
    public static final String SUPPLY_STOP_RECOMMENDED = "credit.supply.stop-recommended";
    public static final String PROMISE_BROKEN = "credit.promise.broken";

    private CollectionsEvents() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DunningStepExecuted(
            @NotBlank @Size(max = ReceivablesEvents.ID_LENGTH) String buyerId,
            @NotBlank @Size(max = ReceivablesEvents.ID_LENGTH) String invoiceNumber,
            @NotBlank @Size(max = 128) String step,
            @NotBlank String action,
            @NotNull LocalDate executedOn,
            @NotNull Integer daysPastDue,
            String cause) {

        /** Why the step ran; absent in events from before the field existed, which were all scheduled dunning. */
        public static final String SCHEDULE = "SCHEDULE";
        public static final String BROKEN_PROMISE = "BROKEN_PROMISE";

        /**
         * Whether the step is dunning proper: a scheduled step or one a broken promise triggered.
         * Instalment reminders of a payment plan and insurer-deadline notices are not.
         */
        public boolean isDunning() {
            return cause == null || SCHEDULE.equals(cause) || BROKEN_PROMISE.equals(cause);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SupplyStopRecommended(
            @NotBlank @Size(max = ReceivablesEvents.ID_LENGTH) String buyerId,
            @NotBlank String reason,
            @NotNull LocalDate recommendedOn,
            @NotNull @PositiveOrZero @DecimalString BigDecimal overdueAmount,
            @NotNull @Pattern(regexp = ReceivablesEvents.CURRENCY) String currency) {
    }
}
