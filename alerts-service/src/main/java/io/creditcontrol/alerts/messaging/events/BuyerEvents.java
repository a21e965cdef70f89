package io.creditcontrol.alerts.messaging.events;

import java.time.LocalDate;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * This service's records of the buyer events on credit.buyers.v1 that it reads. The contract is
 * docs/events/; EventContractTest checks these records against it.
 * credit.buyer.financial-statement-reported is deliberately not read: this service reacts to the
 * grade scoring-service derives from the statements, not to the statements themselves.
 */
public final class BuyerEvents {

    public static final String BUYERS_TOPIC = "credit.buyers.v1";

    public static final String BUYER_REGISTERED = "credit.buyer.registered";
    public static final String BUYER_UPDATED = "credit.buyer.updated";
    public static final String RISK_SIGNAL_REPORTED = "credit.buyer.risk-signal-reported";
    public static final String FINANCIAL_STATEMENT_REPORTED = "credit.buyer.financial-statement-reported";

    /** Every type this service reads from the topic, with the record its data is read into. */
    public static final Map<String, Class<?>> CONSUMED = Map.of(
            BUYER_REGISTERED, BuyerMasterData.class,
            BUYER_UPDATED, BuyerMasterData.class,
            RISK_SIGNAL_REPORTED, RiskSignalReported.class);

    private BuyerEvents() {
    }

    /** credit.buyer.registered and credit.buyer.updated: always the full current master record. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BuyerMasterData(
            @NotBlank @Pattern(regexp = ReceivablesEvents.IDENTIFIER) String buyerId,
            @NotBlank @Size(max = 1000) String name,
            @NotNull @Pattern(regexp = "[A-Z]{2}") String country,
            @Size(max = 255) String industry,
            @Pattern(regexp = ReceivablesEvents.IDENTIFIER) String parentId,
            String segment,
            String registrationNumber) {
    }

    /** The warning signals practitioners name (docs: domain.md, "Warning signals"). */
    public enum Signal {
        INSOLVENCY_FILING,
        BANK_ACCOUNT_CHANGE,
        PAYMENT_METHOD_CHANGE,
        MANAGEMENT_CHANGE,
        SHAREHOLDER_CHANGE,
        INDUSTRY_DOWNTURN,
        REGULATORY_CHANGE,
        NEGATIVE_NEWS,
        LEGAL_DISPUTE
    }

    public enum Severity { LOW, MEDIUM, HIGH }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RiskSignalReported(
            @NotBlank @Pattern(regexp = ReceivablesEvents.IDENTIFIER) String buyerId,
            @NotNull Signal signal,
            @NotNull LocalDate observedOn,
            Severity severity,
            String description,
            String source) {
    }
}
