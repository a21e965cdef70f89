package io.creditcontrol.limits.messaging.events;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * This service's records of the receivables events on credit.invoices.v1 and
 * credit.payments.v1. The contract is docs/events/; EventContractTest checks these records
 * against it. Amounts travel as decimal strings so no precision is lost. Fields this service
 * does not use are left out (unknown fields are ignored).
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

    static final String CURRENCY = "[A-Z]{3}";
    /** Identifiers and document numbers: 1 to 64 characters. */
    static final int ID_LENGTH = 64;

    private ReceivablesEvents() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvoiceIssued(
            @NotBlank @Size(max = ID_LENGTH) String buyerId,
            @NotBlank @Size(max = ID_LENGTH) String invoiceNumber,
            @NotNull LocalDate issueDate,
            @NotNull LocalDate dueDate,
            @NotNull @Positive @DecimalString BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY) String currency,
            String orderReference,
            @PositiveOrZero Integer paymentTermsDays) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvoiceCredited(
            @NotBlank @Size(max = ID_LENGTH) String buyerId,
            @NotBlank @Size(max = ID_LENGTH) String creditNoteNumber,
            @NotBlank @Size(max = ID_LENGTH) String invoiceNumber,
            @NotNull LocalDate issueDate,
            @NotNull @Positive @DecimalString BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY) String currency,
            String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvoiceDisputed(
            @NotBlank @Size(max = ID_LENGTH) String buyerId,
            @NotBlank @Size(max = ID_LENGTH) String disputeId,
            @NotBlank @Size(max = ID_LENGTH) String invoiceNumber,
            @NotNull @Positive @DecimalString BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY) String currency,
            @NotNull LocalDate openedOn,
            @NotBlank String reason) {
    }

    public enum DisputeOutcome { UPHELD_FOR_BUYER, REJECTED }

    /** If upheld, the credit note follows as its own credit.invoice.credited event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DisputeResolved(
            @NotBlank @Size(max = ID_LENGTH) String buyerId,
            @NotBlank @Size(max = ID_LENGTH) String disputeId,
            @NotBlank @Size(max = ID_LENGTH) String invoiceNumber,
            @NotNull LocalDate resolvedOn,
            @NotNull DisputeOutcome outcome,
            @PositiveOrZero @DecimalString BigDecimal creditedAmount,
            @Pattern(regexp = CURRENCY) String currency,
            String note) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvoiceWrittenOff(
            @NotBlank @Size(max = ID_LENGTH) String buyerId,
            @NotBlank @Size(max = ID_LENGTH) String invoiceNumber,
            @NotNull @Positive @DecimalString BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY) String currency,
            @NotNull LocalDate writtenOffOn,
            String reason) {
    }

    public enum PaymentMethod { BANK_TRANSFER, DIRECT_DEBIT, CARD, CHEQUE, CASH, OTHER }

    /** {@code allocations} may be empty: the payment is then not (yet) allocated to any invoice. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentReceived(
            @NotBlank @Size(max = ID_LENGTH) String buyerId,
            @NotBlank @Size(max = ID_LENGTH) String paymentReference,
            @NotNull LocalDate receivedOn,
            @NotNull @Positive @DecimalString BigDecimal amount,
            @NotNull @Pattern(regexp = CURRENCY) String currency,
            PaymentMethod method,
            @NotNull List<@Valid @NotNull Allocation> allocations) {
    }

    /** Part of a payment applied to one invoice, in the payment's currency. */
    public record Allocation(
            @NotBlank @Size(max = ID_LENGTH) String invoiceNumber,
            @NotNull @Positive @DecimalString BigDecimal amount) {
    }
}
