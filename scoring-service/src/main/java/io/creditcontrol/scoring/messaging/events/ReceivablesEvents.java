package io.creditcontrol.scoring.messaging.events;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonFormat;
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

    /** buyerId and document numbers (common.schema.json#/$defs/buyerId, documentNumber). */
    public static final String ID = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}";
    public static final String CURRENCY = "[A-Z]{3}";

    private ReceivablesEvents() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvoiceIssued(
            @NotNull @Pattern(regexp = ID) String buyerId,
            @NotNull @Pattern(regexp = ID) String invoiceNumber,
            @NotNull LocalDate issueDate,
            @NotNull LocalDate dueDate,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY) String currency,
            String orderReference,
            Integer paymentTermsDays,
            String buyerName) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvoiceCredited(
            @NotNull @Pattern(regexp = ID) String buyerId,
            @NotNull @Pattern(regexp = ID) String creditNoteNumber,
            @NotNull @Pattern(regexp = ID) String invoiceNumber,
            @NotNull LocalDate issueDate,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY) String currency,
            String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvoiceDisputed(
            @NotNull @Pattern(regexp = ID) String buyerId,
            @NotNull @Pattern(regexp = ID) String disputeId,
            @NotNull @Pattern(regexp = ID) String invoiceNumber,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY) String currency,
            @NotNull LocalDate openedOn,
            @NotNull String reason) {
    }

    public enum DisputeOutcome { UPHELD_FOR_BUYER, REJECTED }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DisputeResolved(
            @NotNull @Pattern(regexp = ID) String buyerId,
            @NotNull @Pattern(regexp = ID) String disputeId,
            @NotNull @Pattern(regexp = ID) String invoiceNumber,
            @NotNull LocalDate resolvedOn,
            @NotNull DisputeOutcome outcome,
            @PositiveOrZero @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal creditedAmount,
            @Pattern(regexp = CURRENCY) String currency,
            String note) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvoiceWrittenOff(
            @NotNull @Pattern(regexp = ID) String buyerId,
            @NotNull @Pattern(regexp = ID) String invoiceNumber,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY) String currency,
            @NotNull LocalDate writtenOffOn,
            String reason) {
    }

    public enum PaymentMethod { BANK_TRANSFER, DIRECT_DEBIT, CARD, CHEQUE, CASH, OTHER }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentReceived(
            @NotNull @Pattern(regexp = ID) String buyerId,
            @NotNull @Pattern(regexp = ID) String paymentReference,
            @NotNull LocalDate receivedOn,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY) String currency,
            PaymentMethod method,
            @Size(max = 128) String payerAccount,
            @NotNull List<@Valid @NotNull Allocation> allocations) {
    }

    public record Allocation(
            @NotNull @Pattern(regexp = ID) String invoiceNumber,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }
}
