package io.creditcontrol.scoring.messaging.events;

import static io.creditcontrol.scoring.messaging.events.ReceivablesEvents.CURRENCY;
import static io.creditcontrol.scoring.messaging.events.ReceivablesEvents.ID;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * This service's records of the buyer events on credit.buyers.v1: master data from the ERP or
 * master-data system, warning signals and financial statements from risk-data providers. The
 * contract is docs/events/; EventContractTest checks these records against it.
 */
public final class BuyerEvents {

    public static final String BUYERS_TOPIC = "credit.buyers.v1";

    public static final String BUYER_REGISTERED = "credit.buyer.registered";
    public static final String BUYER_UPDATED = "credit.buyer.updated";
    public static final String RISK_SIGNAL_REPORTED = "credit.buyer.risk-signal-reported";
    public static final String FINANCIAL_STATEMENT_REPORTED = "credit.buyer.financial-statement-reported";

    private BuyerEvents() {
    }

    /** The full master record, as carried by both credit.buyer.registered and credit.buyer.updated. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BuyerMasterData(
            @NotNull @Pattern(regexp = ID) String buyerId,
            @NotBlank @Size(max = 1000) String name,
            @NotNull @Pattern(regexp = "[A-Z]{2}") String country,
            @Size(max = 256) String industry,
            @Pattern(regexp = ID) String parentId,
            @Size(max = 256) String segment,
            @Size(max = 256) String registrationNumber,
            // optional, additive to the v1 contract (data objects are open): when trading began
            LocalDate relationshipStartDate,
            // optional, additive to the v1 contract: the authenticated principal who submitted it through an API
            @Size(max = 256) String submittedBy) {
    }

    /** The warning signals practitioners name; an insolvency filing is the worst of them. */
    public enum Signal {
        INSOLVENCY_FILING, BANK_ACCOUNT_CHANGE, PAYMENT_METHOD_CHANGE, MANAGEMENT_CHANGE, SHAREHOLDER_CHANGE,
        INDUSTRY_DOWNTURN, REGULATORY_CHANGE, NEGATIVE_NEWS, LEGAL_DISPUTE
    }

    public enum Severity { LOW, MEDIUM, HIGH }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RiskSignalReported(
            @NotNull @Pattern(regexp = ID) String buyerId,
            @NotNull Signal signal,
            @NotNull LocalDate observedOn,
            Severity severity,
            @Size(max = 4000) String description,
            @Size(max = 512) String source,
            // optional, additive to the v1 contract: the authenticated principal who submitted it through an API
            @Size(max = 256) String submittedBy) {
    }

    /** Balance-sheet and P&L figures; retained earnings, EBIT and equity may be negative. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FinancialStatementReported(
            @NotNull @Pattern(regexp = ID) String buyerId,
            @NotNull LocalDate periodEnd,
            @NotNull @Pattern(regexp = CURRENCY) String currency,
            @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal totalAssets,
            @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal currentAssets,
            @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal currentLiabilities,
            @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal totalLiabilities,
            @NotNull @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal retainedEarnings,
            @NotNull @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal ebit,
            @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal revenue,
            @NotNull @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal bookEquity,
            // optional, additive to the v1 contract: the authenticated principal who submitted it through an API
            @Size(max = 256) String submittedBy) {
    }
}
