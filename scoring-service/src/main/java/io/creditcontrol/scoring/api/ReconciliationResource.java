package io.creditcontrol.scoring.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.creditcontrol.scoring.experience.Reconciliation;
import io.creditcontrol.scoring.experience.Reconciliation.Figures;

/** Counts and totals of every invoice, payment and credit note scoring-service has received, to reconcile with the ledger. */
@Path("/api/v1/reconciliation")
@Tag(name = "Reconciliation", description = "What this service received, to check against the ledger of record that nothing was lost")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    static final String SERVICE = "scoring-service";

    private final Reconciliation reconciliation;
    private final Clock clock;

    ReconciliationResource(Reconciliation reconciliation, Clock clock) {
        this.reconciliation = reconciliation;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Invoices, payments and credit notes received, per currency",
            description = "Counts and totals per currency from this service's own tables, read in one snapshot. Counts and "
                    + "the invoiced, received and credited totals must equal collections-service's (the ledger of record); "
                    + "paid, open and unapplied may differ, because each service applies a payment's allocations its own way "
                    + "(docs/operations.md, \"Reconciling the services\"); unallocated cash pays the oldest open invoices in every "
                    + "service. Amounts are strings at the currency's scale.")
    @APIResponse(responseCode = "200", description = "The figures",
            content = @Content(schema = @Schema(implementation = ReconciliationView.class)))
    @APIResponse(responseCode = "404", description = "A buyerId was given and nothing about that buyer was ever received",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({ Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
    public ReconciliationView reconciliation(
            @Parameter(description = "Only this buyer's documents", example = "B-100234") @QueryParam("buyerId") String buyerId) {
        Instant asOf = clock.instant();
        Figures figures;
        if (buyerId == null || buyerId.isBlank()) {
            figures = reconciliation.all();
        } else {
            figures = reconciliation.ofBuyer(buyerId)
                    .orElseThrow(() -> new NotFoundException("Buyer " + buyerId + " is not known to scoring-service"));
        }
        return ReconciliationView.from(asOf, figures);
    }

    @Schema(description = "What one service received, per currency (sorted by currency code); amounts as decimal strings")
    public record ReconciliationView(
            @Schema(example = SERVICE) String service,
            @Schema(description = "When the figures were read, on the service's clock", example = "2026-11-15T10:00:00Z") Instant asOf,
            List<InvoiceRow> invoices,
            List<PaymentRow> payments,
            List<CreditNoteRow> creditNotes) {

        static ReconciliationView from(Instant asOf, Figures figures) {
            return new ReconciliationView(SERVICE, asOf,
                    figures.invoices().stream().map(t -> new InvoiceRow(t.currency(), t.count(),
                            CurrencyAmount.text(t.amount(), t.currency()), CurrencyAmount.text(t.paid(), t.currency()),
                            CurrencyAmount.text(t.credited(), t.currency()), CurrencyAmount.text(t.writtenOff(), t.currency()),
                            CurrencyAmount.text(t.open(), t.currency()))).toList(),
                    figures.payments().stream().map(t -> new PaymentRow(t.currency(), t.count(),
                            CurrencyAmount.text(t.amount(), t.currency()), CurrencyAmount.text(t.unapplied(), t.currency()))).toList(),
                    figures.creditNotes().stream().map(t -> new CreditNoteRow(t.currency(), t.count(),
                            CurrencyAmount.text(t.amount(), t.currency()))).toList());
        }
    }

    @Schema(description = "Invoices in one currency")
    public record InvoiceRow(
            @Schema(example = "EUR") String currency,
            @Schema(example = "1234") long count,
            @Schema(description = "Invoiced", example = "123456.78") String amount,
            @Schema(description = "Applied from payments, up to what was open on each invoice", example = "100000.00") String paid,
            @Schema(example = "1500.00") String credited,
            @Schema(example = "250.00") String writtenOff,
            @Schema(description = "amount - paid - credited - writtenOff", example = "21706.78") String open) {
    }

    @Schema(description = "Payments received in one currency")
    public record PaymentRow(
            @Schema(example = "EUR") String currency,
            @Schema(example = "456") long count,
            @Schema(description = "Received", example = "100500.00") String amount,
            @Schema(description = "Received but not applied to an invoice here: unallocated cash beyond every open invoice, allocated "
                    + "beyond what was open, or allocated to an invoice not received yet", example = "500.00") String unapplied) {
    }

    @Schema(description = "Credit notes in one currency (their invoice's)")
    public record CreditNoteRow(
            @Schema(example = "EUR") String currency,
            @Schema(example = "12") long count,
            @Schema(example = "1500.00") String amount) {
    }
}
