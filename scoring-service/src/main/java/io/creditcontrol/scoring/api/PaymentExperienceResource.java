package io.creditcontrol.scoring.api;

import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.creditcontrol.scoring.buyer.KnownBuyer;
import io.creditcontrol.scoring.experience.CurrencyExperience;
import io.creditcontrol.scoring.experience.InvoiceExperience;
import io.creditcontrol.scoring.experience.PaymentAllocation;

/** Read side of the payment history: how the buyer has paid the seller, per currency and per invoice. */
@Path("/api/v1/buyers/{buyerId}/payment-experience")
@Tag(name = "Payment experience", description = "How a buyer pays: invoiced, paid, open, late and days beyond terms")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentExperienceResource {

    private final Clock clock;

    PaymentExperienceResource(Clock clock) {
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN})
    @Operation(summary = "A buyer's payment experience per currency and per invoice",
            description = "Per currency: number of invoices, invoiced, paid, credited, written off, open and overdue amounts, "
                    + "settled invoices, how many were settled late, and the amount-weighted average days beyond terms (DBT) "
                    + "of the settled invoices: sum(amount * max(0, settledOn - dueDate)) / sum(amount), one decimal. "
                    + "Per invoice: its amounts, due and settlement dates, days beyond terms and the payments applied to it.")
    @APIResponse(responseCode = "200", description = "The payment experience; empty lists when the buyer is known but has no invoices")
    @APIResponse(responseCode = "404", description = "Nothing is known about this buyer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PaymentExperienceView paymentExperience(@PathParam("buyerId") String buyerId) {
        if (KnownBuyer.findById(buyerId) == null) {
            throw new NotFoundException("Nothing is known about buyer " + buyerId);
        }
        LocalDate today = LocalDate.now(clock);
        List<InvoiceExperience> invoices = InvoiceExperience.ofBuyer(buyerId);
        List<PaymentAllocation> pending = PaymentAllocation.pendingOfBuyer(buyerId);
        Map<String, List<AppliedPaymentView>> payments = PaymentAllocation.appliedOfBuyer(buyerId).stream()
                .collect(Collectors.groupingBy(a -> a.invoiceNumber,
                        Collectors.mapping(AppliedPaymentView::from, Collectors.toList())));
        return new PaymentExperienceView(buyerId, today,
                CurrencyExperience.of(invoices, pending, today),
                invoices.stream().map(i -> InvoiceView.from(i, today, payments.getOrDefault(i.invoiceNumber, List.of()))).toList());
    }

    public record PaymentExperienceView(
            String buyerId,
            @Schema(description = "The day overdue amounts and days past due are computed for") LocalDate asOf,
            List<CurrencyExperience> currencies,
            @Schema(description = "The buyer's invoices by due date") List<InvoiceView> invoices) {
    }

    public record InvoiceView(String invoiceNumber, String currency, BigDecimal amount, BigDecimal paid, BigDecimal credited,
            BigDecimal writtenOff, BigDecimal disputed, BigDecimal open, LocalDate issueDate, LocalDate dueDate,
            @Schema(description = "The day the open amount reached zero; null while open") LocalDate settledOn,
            @Schema(description = "max(0, settledOn - dueDate) in days; null while open") Long daysBeyondTerms,
            @Schema(description = "Days past the due date as of asOf while open; 0 once settled") long daysPastDue,
            @Schema(description = "Payments applied to this invoice, in the order received") List<AppliedPaymentView> payments) {

        static InvoiceView from(InvoiceExperience invoice, LocalDate today, List<AppliedPaymentView> payments) {
            return new InvoiceView(invoice.invoiceNumber, invoice.currency, invoice.amount, invoice.paidAmount,
                    invoice.creditedAmount, invoice.writtenOffAmount, invoice.disputedAmount, invoice.openAmount(),
                    invoice.issueDate, invoice.dueDate, invoice.settledOn, invoice.daysBeyondTerms().orElse(null),
                    invoice.daysPastDue(today), payments);
        }
    }

    public record AppliedPaymentView(String paymentReference, BigDecimal amount, LocalDate receivedOn) {

        static AppliedPaymentView from(PaymentAllocation allocation) {
            return new AppliedPaymentView(allocation.paymentReference, allocation.appliedAmount, allocation.receivedOn);
        }
    }
}
