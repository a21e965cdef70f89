package io.creditcontrol.collections.messaging.events;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What collections decides, announced on credit.collections.v1 (docs/events/). Fields beyond
 * the schema's required ones are optional additions (the schemas allow additional properties):
 * they are listed in the service README.
 */
public final class CollectionsEvents {

    public static final String COLLECTIONS_TOPIC = "credit.collections.v1";

    public static final String DUNNING_STEP_EXECUTED = "credit.dunning.step-executed";
    public static final String PROMISE_BROKEN = "credit.promise.broken";
    public static final String SUPPLY_STOP_RECOMMENDED = "credit.supply.stop-recommended";

    private CollectionsEvents() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DunningStepExecuted(
            String buyerId,
            String invoiceNumber,
            String step,
            String action,
            LocalDate executedOn,
            int daysPastDue,
            // optional additions
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal chasedAmount,
            String currency,
            String strategy,
            String strategyVersion,
            String cause,
            LocalDate dueBy) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PromiseBroken(
            String buyerId,
            String promiseId,
            LocalDate promisedOn,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            String currency,
            LocalDate promisedDate,
            // optional additions
            String invoiceNumber,
            String takenBy) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SupplyStopRecommended(
            String buyerId,
            String reason,
            LocalDate recommendedOn,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal overdueAmount,
            String currency,
            // optional addition: the invoice whose dunning step recommended it
            String invoiceNumber) {
    }
}
