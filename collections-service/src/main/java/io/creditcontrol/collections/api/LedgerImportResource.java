package io.creditcontrol.collections.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.creditcontrol.collections.intake.LedgerImport;
import io.creditcontrol.collections.intake.LedgerImport.ImportReport;
import io.creditcontrol.collections.security.LargeBody;
import io.creditcontrol.collections.security.RateLimited;
import io.creditcontrol.collections.security.Roles;
import io.smallrye.common.annotation.Blocking;

/**
 * Bulk import of a historical ledger. NDJSON rows are the single-document request bodies with a
 * {@code type} field (invoice, payment, credit-note, dispute); CSV has the header
 * {@code type,buyerId,documentNumber,invoiceNumber,date,dueDate,amount,currency,orderReference}.
 */
@Path("/api/v1/ledger-imports")
@Tag(name = "Receivables intake")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@RolesAllowed(Roles.ERP)
@RateLimited("intake")
@LargeBody
public class LedgerImportResource {

    private final LedgerImport ledgerImport;

    LedgerImportResource(LedgerImport ledgerImport) {
        this.ledgerImport = ledgerImport;
    }

    @POST
    @Consumes("application/x-ndjson")
    @Operation(summary = "Import a ledger as NDJSON",
            description = "One document per line. Good rows are accepted, re-sent ones reported as DUPLICATE, bad ones REJECTED with their field errors.")
    public ImportReport importNdjson(String body) {
        return ledgerImport.importNdjson(body);
    }

    @POST
    @Consumes("text/csv")
    @Operation(summary = "Import a ledger as CSV",
            description = "Header: type,buyerId,documentNumber,invoiceNumber,date,dueDate,amount,currency,orderReference. "
                    + "For a payment, invoiceNumber (optional) receives the whole amount.")
    public ImportReport importCsv(String body) {
        return ledgerImport.importCsv(body);
    }

    @ServerExceptionMapper
    public Response unreadable(LedgerImport.UnreadableImportException e, UriInfo uri) {
        return ProblemMappers.respond(Problem.of("unreadable-import", "The import cannot be read", 400, e.getMessage()), uri);
    }
}
