package io.creditcontrol.alerts.messaging.events;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * This service's records of the receivables events on credit.invoices.v1 and
 * credit.payments.v1. The contract is docs/events/; EventContractTest checks these records
 * against it. Amounts travel as decimal strings so no precision is lost.
 */
public final class ReceivablesEvents {

    public static final String INVOICES_TOPIC = "credit.invoices.v1";
    public static final String PAYMENTS_TOPIC = "credit.payments.v1";

    public static final String INVOICE_ISSUED = "credit.invoice.issued";
    public static final String INVOICE_CREDITED = "credit.invoice.credited";
    public static final String INVOICE_DISPUTED = "credit.invoice.disputed";
    public static final String DISPUTE_RESOLVED = "credit.invoice.dispute-resolved";
    public static final String INVOICE_WRITTEN_OFF = "credit.invoice.written-off";
    public static final String PAYMENT_RECEIVED = "credit.payment.received";

    /** Every type this service reads from the two topics, with the record its data is read into. */
    public static final Map<String, Class<?>> CONSUMED = Map.of(
            INVOICE_ISSUED, InvoiceIssued.class,
            INVOICE_CREDITED, InvoiceCredited.class,
            INVOICE_DISPUTED, InvoiceDisputed.class,
            DISPUTE_RESOLVED, DisputeResolved.class,
            INVOICE_WRITTEN_OFF, InvoiceWrittenOff.class,
            PAYMENT_RECEIVED, PaymentReceived.class);

    static final String CURRENCY = "[A-Z]{3}";
    /** buyerId and document numbers (common.schema.json#/$defs/buyerId, documentNumber). */
    static final String IDENTIFIER = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}";

    private ReceivablesEvents() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvoiceIssued(
            @NotBlank @Pattern(regexp = IDENTIFIER) String buyerId,
            @NotBlank @Pattern(regexp = IDENTIFIER) String invoiceNumber,
            @NotNull LocalDate issueDate,
            @NotNull LocalDate dueDate,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY) String currency,
            String orderReference,
            Integer paymentTermsDays,
            String buyerName) {

        @JsonIgnore
        @AssertTrue(message = "must not be before issueDate")
        public boolean isDueDate() {
            return issueDate == null || dueDate == null || !dueDate.isBefore(issueDate);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvoiceCredited(
            @NotBlank @Pattern(regexp = IDENTIFIER) String buyerId,
            @NotBlank @Pattern(regexp = IDENTIFIER) String creditNoteNumber,
            @NotBlank @Pattern(regexp = IDENTIFIER) String invoiceNumber,
            @NotNull LocalDate issueDate,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY) String currency,
            String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvoiceDisputed(
            @NotBlank @Pattern(regexp = IDENTIFIER) String buyerId,
            @NotBlank @Pattern(regexp = IDENTIFIER) String disputeId,
            @NotBlank @Pattern(regexp = IDENTIFIER) String invoiceNumber,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY) String currency,
            @NotNull LocalDate openedOn,
            @NotBlank String reason) {
    }

    public enum DisputeOutcome { UPHELD_FOR_BUYER, REJECTED }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DisputeResolved(
            @NotBlank @Pattern(regexp = IDENTIFIER) String buyerId,
            @NotBlank @Pattern(regexp = IDENTIFIER) String disputeId,
            @NotBlank @Pattern(regexp = IDENTIFIER) String invoiceNumber,
            @NotNull LocalDate resolvedOn,
            @NotNull DisputeOutcome outcome,
            @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal creditedAmount,
            @Pattern(regexp = CURRENCY) String currency,
            String note) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvoiceWrittenOff(
            @NotBlank @Pattern(regexp = IDENTIFIER) String buyerId,
            @NotBlank @Pattern(regexp = IDENTIFIER) String invoiceNumber,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY) String currency,
            @NotNull LocalDate writtenOffOn,
            String reason) {
    }

    public enum PaymentMethod { BANK_TRANSFER, DIRECT_DEBIT, CARD, CHEQUE, CASH, OTHER }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentReceived(
            @NotBlank @Pattern(regexp = IDENTIFIER) String buyerId,
            @NotBlank @Pattern(regexp = IDENTIFIER) String paymentReference,
            @NotNull LocalDate receivedOn,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY) String currency,
            PaymentMethod method,
            String payerAccount,
            @NotNull List<@Valid @NotNull Allocation> allocations) {

        /** The schema's rule: what is allocated never exceeds what was received. */
        @JsonIgnore
        @AssertTrue(message = "must not add up to more than amount")
        public boolean isAllocations() {
            if (amount == null || allocations == null) {
                return true;
            }
            BigDecimal allocated = BigDecimal.ZERO;
            for (Allocation allocation : allocations) {
                if (allocation == null || allocation.amount() == null) {
                    return true;
                }
                allocated = allocated.add(allocation.amount());
            }
            return allocated.compareTo(amount) <= 0;
        }
    }

    public record Allocation(
            @NotBlank @Pattern(regexp = IDENTIFIER) String invoiceNumber,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }
}
