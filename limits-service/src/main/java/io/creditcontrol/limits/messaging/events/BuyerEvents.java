package io.creditcontrol.limits.messaging.events;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * This service's records of the events it reads on credit.buyers.v1: a buyer's name and group
 * parent (group limits), and the revenue and book equity of its financial statements (limits
 * sized by revenue or equity). Risk signals on the same topic are scoring's input and are skipped here.
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

    /**
     * The figures of a financial statement limits-service sizes limits by; the other figures of the
     * event (assets, liabilities, earnings) are scoring's and are ignored here.
     */
    public record FinancialStatementReported(
            @NotBlank @Size(max = ReceivablesEvents.ID_LENGTH) String buyerId,
            @NotNull LocalDate periodEnd,
            @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
            @NotNull @PositiveOrZero @DecimalString BigDecimal revenue,
            @NotNull @DecimalString BigDecimal bookEquity) {
    }
}
