package io.creditcontrol.collections.messaging.events;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The parts of buyer and score events collections uses (the rest of each event is ignored).
 * The contract is docs/events/; contract.EventContractTest reads the samples with these records.
 */
public final class BuyerEvents {

    public static final String BUYER_REGISTERED = "credit.buyer.registered";
    public static final String BUYER_UPDATED = "credit.buyer.updated";
    public static final String SCORE_CHANGED = "credit.score.changed";

    private BuyerEvents() {
    }

    /** credit.buyer.registered and credit.buyer.updated: the full master record. */
    public record BuyerMasterData(@NotBlank String buyerId, @NotBlank String name, String segment) {
    }

    /** credit.score.changed. */
    public record ScoreChanged(@NotBlank String buyerId, @NotNull @Min(1) @Max(10) Integer grade) {
    }
}
