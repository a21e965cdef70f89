package io.creditcontrol.limits.api;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.creditcontrol.limits.exposure.Buyer;
import io.creditcontrol.limits.security.Roles;
import io.creditcontrol.limits.exposure.BuyerExposure;
import io.creditcontrol.limits.exposure.Invoice;

/** Read side of limits' view: a buyer's exposure per currency and the invoices behind it. */
@Path("/api/v1")
@Tag(name = "Exposure", description = "Open receivables per buyer and currency, as the credit check will see them")
@Produces(MediaType.APPLICATION_JSON)
public class ExposureResource {

    private final Clock clock;

    ExposureResource(Clock clock) {
        this.clock = clock;
    }

    @GET
    @Path("/buyers/{buyerId}/exposure")
    @Operation(summary = "A buyer's exposure per currency",
            description = "For each currency in which the buyer has open invoices: how many, their open amount "
                    + "(invoiced - paid - credited - written off), the disputed part of it and the part past its due "
                    + "date as of today. Also names the buyer's group parent from the master data.")
    @APIResponse(responseCode = "200", description = "The buyer's exposure",
            content = @Content(schema = @Schema(implementation = ExposureView.class)))
    @APIResponse(responseCode = "404", description = "No invoice, payment or master data of this buyer has been received",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({ Roles.ERP, Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
    public ExposureView exposure(@Parameter(example = "B-100234") @PathParam("buyerId") String buyerId) {
        Buyer buyer = Buyer.findById(buyerId);
        if (buyer == null) {
            throw new NotFoundException("Buyer " + buyerId + " is not known to limits-service");
        }
        LocalDate today = LocalDate.now(clock);
        Map<String, BigDecimal> overdue = Invoice.overdueByCurrency(buyerId, today);
        List<CurrencyExposure> exposures = BuyerExposure.ofBuyer(buyerId).stream()
                .filter(row -> row.openInvoices > 0)
                .map(row -> new CurrencyExposure(row.currency, row.openInvoices, row.openAmount, row.disputedAmount,
                        overdue.getOrDefault(row.currency, BigDecimal.ZERO)))
                .toList();
        return new ExposureView(buyer.buyerId, buyer.name, buyer.parentId, today, exposures);
    }

    @GET
    @Path("/invoices/{invoiceNumber}")
    @Operation(summary = "One invoice as limits sees it",
            description = "Invoiced, paid, credited, written-off, disputed and open amounts of one invoice. Invoice "
                    + "numbers are unique per buyer only: when two buyers have an invoice with this number, name the "
                    + "buyer with the buyerId query parameter.")
    @APIResponse(responseCode = "200", description = "The invoice",
            content = @Content(schema = @Schema(implementation = InvoiceView.class)))
    @APIResponse(responseCode = "404", description = "No such invoice (of that buyer) has been received",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Several buyers have an invoice with this number; name the buyer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({ Roles.ERP, Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
    public InvoiceView invoice(@Parameter(example = "INV-2025-004711") @PathParam("invoiceNumber") String invoiceNumber,
            @Parameter(description = "The buyer whose invoice is meant", example = "B-100234") @QueryParam("buyerId") String buyerId) {
        LocalDate today = LocalDate.now(clock);
        if (buyerId != null && !buyerId.isBlank()) {
            Invoice invoice = Invoice.find(buyerId, invoiceNumber);
            if (invoice == null) {
                throw new NotFoundException("Invoice " + invoiceNumber + " of buyer " + buyerId + " is not known to limits-service");
            }
            return InvoiceView.from(invoice, today);
        }
        List<Invoice> invoices = Invoice.withNumber(invoiceNumber);
        if (invoices.isEmpty()) {
            throw new NotFoundException("Invoice " + invoiceNumber + " is not known to limits-service");
        }
        if (invoices.size() > 1) {
            throw new AmbiguousInvoiceNumberException(invoiceNumber, invoices.stream().map(i -> i.buyerId).toList());
        }
        return InvoiceView.from(invoices.get(0), today);
    }

    @Schema(description = "A buyer's exposure: open receivables per currency")
    public record ExposureView(
            @Schema(example = "B-100234") String buyerId,
            @Schema(description = "Name from the master data; absent while none was received", example = "Nordwind Maschinenbau GmbH") String name,
            @Schema(description = "Group parent (a buyerId) from the master data; absent when the buyer is in no group", example = "B-100001") String parentId,
            @Schema(description = "The business date overdue amounts are reckoned at", example = "2025-04-15") LocalDate asOf,
            @Schema(description = "One entry per currency with open invoices, by currency code") List<CurrencyExposure> exposures) {
    }

    @Schema(description = "Exposure in one currency (amounts are never converted)")
    public record CurrencyExposure(
            @Schema(example = "EUR") String currency,
            @Schema(description = "Invoices with an open amount above zero", example = "3") int openInvoices,
            @Schema(description = "Sum of the open amounts of those invoices", example = "18450.00") BigDecimal openAmount,
            @Schema(description = "Part of openAmount the buyer disputes (not covered by credit insurance)", example = "1250.00") BigDecimal disputedAmount,
            @Schema(description = "Part of openAmount past its due date as of asOf", example = "2800.00") BigDecimal overdueAmount) {
    }

    @Schema(description = "One invoice as limits sees it; open = amount - paid - credited - writtenOff")
    public record InvoiceView(
            @Schema(example = "B-100234") String buyerId,
            @Schema(example = "INV-2025-004711") String invoiceNumber,
            @Schema(example = "EUR") String currency,
            @Schema(example = "18450.00") BigDecimal amount,
            @Schema(example = "17200.00") BigDecimal paid,
            @Schema(example = "0") BigDecimal credited,
            @Schema(example = "0") BigDecimal writtenOff,
            @Schema(description = "Amount under open disputes", example = "0") BigDecimal disputed,
            @Schema(description = "Below zero when over-paid or over-credited", example = "1250.00") BigDecimal open,
            @Schema(example = "2025-03-03") LocalDate issueDate,
            @Schema(example = "2025-04-02") LocalDate dueDate,
            @Schema(description = "OPEN while the open amount is above zero, else CLOSED") Status status,
            @Schema(description = "Open and past its due date today") boolean overdue) {

        public enum Status { OPEN, CLOSED }

        static InvoiceView from(Invoice invoice, LocalDate today) {
            return new InvoiceView(invoice.buyerId, invoice.invoiceNumber, invoice.currency, invoice.amount,
                    invoice.paidAmount, invoice.creditedAmount, invoice.writtenOffAmount, invoice.disputedAmount,
                    invoice.openAmount(), invoice.issueDate, invoice.dueDate,
                    invoice.isOpen() ? Status.OPEN : Status.CLOSED, invoice.isOverdue(today));
        }
    }
}
