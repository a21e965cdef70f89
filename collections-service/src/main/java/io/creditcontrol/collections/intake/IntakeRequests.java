package io.creditcontrol.collections.intake;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.creditcontrol.collections.messaging.events.ReceivablesEvents.PaymentMethod;

/**
 * What an ERP sends to the intake API. Records hold only what the ERP owns: a client cannot
 * set an open amount, a status or an event id.
 */
public final class IntakeRequests {

    /** Identifiers the ERP gives its documents and buyers. */
    static final String IDENTIFIER = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}";
    static final String IDENTIFIER_MESSAGE = "must be 1-64 letters, digits or . _ : - (starting with a letter or digit)";

    private IntakeRequests() {
    }

    @Schema(description = "An invoice issued to a buyer on credit terms.")
    public record IssueInvoiceRequest(
            @Schema(example = "B-10042") @NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) String buyerId,
            @Schema(example = "Acme Trading GmbH") @Size(max = 200) String buyerName,
            @Schema(example = "INV-2026-000123") @NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) String invoiceNumber,
            @Schema(example = "2026-11-02") @NotNull LocalDate issueDate,
            @Schema(example = "2026-12-02") @NotNull LocalDate dueDate,
            @Schema(example = "12500.00") @NotNull @Positive @Digits(integer = 15, fraction = 4) BigDecimal amount,
            @Schema(example = "EUR") @NotNull @CurrencyCode String currency,
            @Schema(example = "SO-88121") @Size(max = 64) String orderReference,
            @Schema(example = "30") @Min(0) @Max(365) Integer paymentTermsDays) {

        @JsonIgnore
        @AssertTrue(message = "dueDate must not be before issueDate")
        public boolean isDueDate() {
            return issueDate == null || dueDate == null || !dueDate.isBefore(issueDate);
        }
    }

    @Schema(description = "A payment received from a buyer, with its allocation to invoices (may be empty: unallocated cash).")
    public record RecordPaymentRequest(
            @NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) String buyerId,
            @Schema(example = "PAY-2026-004711") @NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) String paymentReference,
            @Schema(example = "2026-11-20") @NotNull LocalDate receivedOn,
            @Schema(example = "5000.00") @NotNull @Positive @Digits(integer = 15, fraction = 4) BigDecimal amount,
            @NotNull @CurrencyCode String currency,
            PaymentMethod method,
            @Size(max = 64) String payerAccount,
            @Size(max = 1000) List<@Valid @NotNull AllocationRequest> allocations) {

        public List<AllocationRequest> allocationsOrEmpty() {
            return allocations == null ? List.of() : allocations;
        }

        @JsonIgnore
        @AssertTrue(message = "the allocations add up to more than the payment amount")
        public boolean isAllocatedWithinAmount() {
            if (amount == null || allocations == null) {
                return true;
            }
            BigDecimal allocated = allocations.stream()
                    .filter(a -> a != null && a.amount() != null)
                    .map(AllocationRequest::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            return allocated.compareTo(amount) <= 0;
        }
    }

    public record AllocationRequest(
            @NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) String invoiceNumber,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) BigDecimal amount) {
    }

    @Schema(description = "A credit note reducing what the buyer owes on one invoice.")
    public record IssueCreditNoteRequest(
            @NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) String buyerId,
            @Schema(example = "CN-2026-000017") @NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) String creditNoteNumber,
            @NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) String invoiceNumber,
            @NotNull LocalDate issueDate,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) BigDecimal amount,
            @NotNull @CurrencyCode String currency,
            @Size(max = 1000) String reason) {
    }

    @Schema(description = "A buyer disputes part or all of an invoice; the disputed amount is not chased until resolved.")
    public record OpenDisputeRequest(
            @NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) String buyerId,
            @Schema(example = "DSP-2026-0042") @NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) String disputeId,
            @NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) String invoiceNumber,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) BigDecimal amount,
            @NotNull @CurrencyCode String currency,
            @NotNull LocalDate openedOn,
            @Schema(example = "Goods damaged on delivery") @NotBlank @Size(max = 1000) String reason) {
    }

    public enum DisputeOutcome { UPHELD_FOR_BUYER, REJECTED }

    @Schema(description = "How a dispute ended. When upheld, the credit note follows as its own document.")
    public record ResolveDisputeRequest(
            @NotNull LocalDate resolvedOn,
            @NotNull DisputeOutcome outcome,
            @Size(max = 1000) String note) {
    }

    @Schema(description = "An approver's decision to write (part of) an invoice off as bad debt. "
            + "The amount may not exceed what is open. Who decided is the authenticated principal.")
    public record WriteOffRequest(
            @Schema(example = "WO-2026-0007") @NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) String writeOffId,
            @NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) String buyerId,
            @NotBlank @Pattern(regexp = IDENTIFIER, message = IDENTIFIER_MESSAGE) String invoiceNumber,
            @Schema(example = "1200.00") @NotNull @Positive @Digits(integer = 15, fraction = 4) BigDecimal amount,
            @NotNull @CurrencyCode String currency,
            @Schema(example = "2026-12-31") @NotNull LocalDate writtenOffOn,
            @Schema(example = "Insolvency proceedings closed without dividend") @NotBlank @Size(max = 1000) String reason) {
    }
}
