package io.creditcontrol.scoring.messaging.events;

import static io.creditcontrol.scoring.messaging.events.ReceivablesEvents.CURRENCY;
import static io.creditcontrol.scoring.messaging.events.ReceivablesEvents.ID;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/** This service's record of the collections event it reads from credit.collections.v1; EventContractTest checks it. */
public final class CollectionsEvents {

    public static final String COLLECTIONS_TOPIC = "credit.collections.v1";
    public static final String PROMISE_BROKEN = "credit.promise.broken";

    private CollectionsEvents() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PromiseBroken(
            @NotNull @Pattern(regexp = ID) String buyerId,
            @NotNull @Pattern(regexp = ID) String promiseId,
            @NotNull LocalDate promisedOn,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY) String currency,
            @NotNull LocalDate promisedDate) {
    }
}
