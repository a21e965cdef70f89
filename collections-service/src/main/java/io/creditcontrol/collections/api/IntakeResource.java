package io.creditcontrol.collections.api;

import java.net.URI;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.creditcontrol.collections.intake.IntakeRequests.IssueCreditNoteRequest;
import io.creditcontrol.collections.intake.IntakeRequests.IssueInvoiceRequest;
import io.creditcontrol.collections.intake.IntakeRequests.OpenDisputeRequest;
import io.creditcontrol.collections.intake.IntakeRequests.RecordPaymentRequest;
import io.creditcontrol.collections.intake.IntakeRequests.ResolveDisputeRequest;
import io.creditcontrol.collections.intake.IntakeRequests.WriteOffRequest;
import io.creditcontrol.collections.intake.IntakeResult;
import io.creditcontrol.collections.intake.ReceivablesIntake;
import io.creditcontrol.collections.security.RateLimited;
import io.creditcontrol.collections.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The ERP intake API. Each call is safe to retry: a document re-sent with the same number and
 * content answers 200 DUPLICATE and changes nothing; a new document answers 201 ACCEPTED.
 */
@Path("/api/v1")
@Tag(name = "Receivables intake", description = "Invoices, payments, credit notes and disputes from the ERP")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RateLimited("intake")
public class IntakeResource {

    private final ReceivablesIntake intake;
    private final SecurityIdentity identity;

    IntakeResource(ReceivablesIntake intake, SecurityIdentity identity) {
        this.intake = intake;
        this.identity = identity;
    }

    @POST
    @Path("/invoices")
    @RolesAllowed(Roles.ERP)
    @Operation(summary = "Receive an invoice", description = "Publishes credit.invoice.issued on credit.invoices.v1.")
    @APIResponse(responseCode = "201", description = "Accepted and published")
    @APIResponse(responseCode = "200", description = "Already received with the same content; nothing changed")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem details name each one)")
    @APIResponse(responseCode = "409", description = "The invoice number was used before for different content")
    public Response issueInvoice(@Valid @NotNull IssueInvoiceRequest request) {
        return answer(() -> intake.issueInvoice(request), "/api/v1/invoices/" + request.invoiceNumber());
    }

    @POST
    @Path("/payments")
    @RolesAllowed(Roles.ERP)
    @Operation(summary = "Receive a payment", description = "Publishes credit.payment.received on credit.payments.v1. "
            + "Allocations must name invoices already received for the same buyer and currency; an empty list is unallocated cash.")
    @APIResponse(responseCode = "201", description = "Accepted and published")
    @APIResponse(responseCode = "200", description = "Already received with the same content; nothing changed")
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "422", description = "An allocation names an unknown invoice or one of another buyer")
    public Response recordPayment(@Valid @NotNull RecordPaymentRequest request) {
        return answer(() -> intake.recordPayment(request), null);
    }

    @POST
    @Path("/credit-notes")
    @RolesAllowed(Roles.ERP)
    @Operation(summary = "Receive a credit note", description = "Publishes credit.invoice.credited on credit.invoices.v1.")
    @APIResponse(responseCode = "201", description = "Accepted and published")
    @APIResponse(responseCode = "200", description = "Already received; nothing changed")
    @APIResponse(responseCode = "422", description = "The invoice is unknown, of another buyer or in another currency")
    public Response issueCreditNote(@Valid @NotNull IssueCreditNoteRequest request) {
        return answer(() -> intake.issueCreditNote(request), "/api/v1/invoices/" + request.invoiceNumber());
    }

    @POST
    @Path("/disputes")
    @RolesAllowed({ Roles.ERP, Roles.ANALYST })
    @Operation(summary = "Open a dispute on an invoice", description = "Publishes credit.invoice.disputed on credit.invoices.v1.")
    @APIResponse(responseCode = "201", description = "Accepted and published")
    @APIResponse(responseCode = "200", description = "Already received; nothing changed")
    @APIResponse(responseCode = "422", description = "The invoice is unknown, of another buyer or in another currency")
    public Response openDispute(@Valid @NotNull OpenDisputeRequest request) {
        return answer(() -> intake.openDispute(request), "/api/v1/invoices/" + request.invoiceNumber());
    }

    @POST
    @Path("/disputes/{disputeId}/resolution")
    @RolesAllowed({ Roles.ERP, Roles.ANALYST })
    @Operation(summary = "Resolve a dispute", description = "Publishes credit.invoice.dispute-resolved on credit.invoices.v1.")
    @APIResponse(responseCode = "201", description = "Accepted and published")
    @APIResponse(responseCode = "200", description = "Already resolved the same way; nothing changed")
    @APIResponse(responseCode = "422", description = "No such dispute")
    public Response resolveDispute(@PathParam("disputeId") String disputeId, @Valid @NotNull ResolveDisputeRequest request) {
        return answer(() -> intake.resolveDispute(disputeId, request), null);
    }

    @POST
    @Path("/write-offs")
    @RolesAllowed(Roles.APPROVER)
    @Operation(summary = "Write (part of) an invoice off as bad debt",
            description = "An approver's decision (recorded as decided by the authenticated principal). Publishes credit.invoice.written-off on credit.invoices.v1; "
                    + "the ledger applies it from the topic. The amount may not exceed the invoice's open amount.")
    @APIResponse(responseCode = "201", description = "Accepted and published")
    @APIResponse(responseCode = "200", description = "Already received with the same content; nothing changed")
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "422", description = "Unknown invoice, another buyer or currency, or more than is open")
    public Response writeOff(@Valid @NotNull WriteOffRequest request) {
        return answer(() -> intake.writeOff(request, identity.getPrincipal().getName()), "/api/v1/invoices/" + request.invoiceNumber());
    }

    private static Response answer(Supplier<IntakeResult> accept, String location) {
        IntakeResult result = QuarkusTransaction.requiringNew().call(accept::get);
        if (result.isDuplicate()) {
            return Response.ok(result).build();
        }
        Response.ResponseBuilder created = Response.status(Response.Status.CREATED).entity(result);
        if (location != null) {
            created.location(URI.create(location));
        }
        return created.build();
    }
}
