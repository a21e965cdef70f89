package io.creditcontrol.scoring.api;

import static io.creditcontrol.scoring.messaging.events.ReceivablesEvents.ID;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.creditcontrol.scoring.messaging.events.BuyerEvents.Severity;
import io.creditcontrol.scoring.messaging.events.BuyerEvents.Signal;

/** What a client may submit about a buyer. Only these fields: a grade, a score or a limit can never be set. */
public final class BuyerRequests {

    private BuyerRequests() {
    }

    @Schema(description = "A new buyer's master data")
    public record BuyerRegistration(
            @NotNull @Pattern(regexp = ID) @Schema(examples = "B-100234") String buyerId,
            @NotBlank @Size(max = 1000) @Schema(description = "Legal name", examples = "Nordwind Maschinenbau GmbH") String name,
            @Size(max = 256) @Schema(examples = "HRB 123456") String registrationNumber,
            @NotNull @Schema(description = "ISO 3166-1 alpha-2", examples = "DE") String country,
            @Size(max = 256) @Schema(description = "NACE Rev. 2 / ISIC code", examples = "C28.4") String industry,
            @Pattern(regexp = ID) @Schema(description = "buyerId of the group parent") String parentId,
            @Size(max = 256) @Schema(examples = "SME") String segment,
            @Schema(description = "When trading with the buyer began") LocalDate relationshipStartDate) {

        public BuyerDetails details() {
            return new BuyerDetails(name, registrationNumber, country, industry, parentId, segment, relationshipStartDate);
        }
    }

    @Schema(description = "A buyer's full master data (replaces what is held)")
    public record BuyerDetails(
            @NotBlank @Size(max = 1000) String name,
            @Size(max = 256) String registrationNumber,
            @NotNull @Schema(description = "ISO 3166-1 alpha-2", examples = "DE") String country,
            @Size(max = 256) String industry,
            @Pattern(regexp = ID) String parentId,
            @Size(max = 256) String segment,
            LocalDate relationshipStartDate) {
    }

    @Schema(description = "Key figures of one financial statement, all in one currency")
    public record FinancialStatementSubmission(
            @NotNull @Schema(examples = "2025-12-31") LocalDate periodEnd,
            @NotNull @Schema(description = "ISO 4217", examples = "EUR") String currency,
            @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal totalAssets,
            @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal currentAssets,
            @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal currentLiabilities,
            @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal totalLiabilities,
            @NotNull @Digits(integer = 15, fraction = 4) @Schema(description = "May be negative") BigDecimal retainedEarnings,
            @NotNull @Digits(integer = 15, fraction = 4) @Schema(description = "May be negative") BigDecimal ebit,
            @NotNull @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal revenue,
            @NotNull @Digits(integer = 15, fraction = 4) @Schema(description = "May be negative") BigDecimal bookEquity) {
    }

    @Schema(description = "A warning signal about the buyer")
    public record RiskSignalSubmission(
            @NotNull Signal signal,
            @NotNull @Schema(examples = "2026-11-20") LocalDate observedOn,
            @Schema(description = "MEDIUM when absent") Severity severity,
            @Size(max = 4000) String description,
            @Size(max = 512) @Schema(description = "Where the signal comes from, e.g. a provider or a URL") String source) {
    }

    @Schema(description = "The event that announces the submission; the buyer's file and score follow once it is consumed")
    public record Accepted(String buyerId, String eventId, String eventType) {
    }
}
