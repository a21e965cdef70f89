package io.creditcontrol.limits.messaging.events;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * This service's records of the master-data events on credit.buyers.v1. limits-service reads
 * a buyer's name and group parent (group limits will need it); the risk signals and financial
 * statements on the same topic are scoring's input and are skipped here.
 */
public final class BuyerEvents {

    public static final String BUYERS_TOPIC = "credit.buyers.v1";

    public static final String BUYER_REGISTERED = "credit.buyer.registered";
    public static final String BUYER_UPDATED = "credit.buyer.updated";
    public static final String RISK_SIGNAL_REPORTED = "credit.buyer.risk-signal-reported";
    public static final String FINANCIAL_STATEMENT_REPORTED = "credit.buyer.financial-statement-reported";

    private BuyerEvents() {
    }

    /** The full master record of a buyer (registered and updated carry the same; not a delta). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BuyerMasterData(
            @NotBlank @Size(max = ReceivablesEvents.ID_LENGTH) String buyerId,
            @NotBlank @Size(max = 512) String name,
            @NotNull @Pattern(regexp = "[A-Z]{2}") String country,
            String industry,
            @Size(min = 1, max = ReceivablesEvents.ID_LENGTH) String parentId,
            String segment,
            String registrationNumber) {
    }
}
