package io.creditcontrol.scoring.api;

import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.creditcontrol.scoring.api.BuyerRequests.Accepted;
import io.creditcontrol.scoring.api.BuyerRequests.FinancialStatementSubmission;
import io.creditcontrol.scoring.buyer.BuyerCommands;
import io.creditcontrol.scoring.buyer.KnownBuyer;
import io.creditcontrol.scoring.messaging.CloudEvent;
import io.creditcontrol.scoring.messaging.events.BuyerEvents.FinancialStatementReported;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Financial statements submitted by an analyst or a risk-data feed. Each is
 * checked completely (400 naming every bad field, nothing stored) and then announced on
 * credit.buyers.v1; the buyer is re-scored when the event has been consumed.
 */
@Path("/api/v1/buyers/{buyerId}/financial-statements")
@Tag(name = "Buyer file")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FinancialStatementsResource {

    private final RequestRules rules;
    private final BuyerCommands commands;
    private final Clock clock;
    private final SecurityIdentity identity;

    FinancialStatementsResource(RequestRules rules, BuyerCommands commands, Clock clock, SecurityIdentity identity) {
        this.rules = rules;
        this.commands = commands;
        this.clock = clock;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.ANALYST)
    @Operation(summary = "Submit a financial statement", description = "Publishes credit.buyer.financial-statement-reported. "
            + "A statement for a period already on file replaces it. Amounts are decimals in the statement's currency; total, "
            + "current assets and liabilities and revenue cannot be negative; retained earnings, EBIT and equity can.")
    @APIResponse(responseCode = "202", description = "Accepted; the event that announces it")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Nothing is known about this buyer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submitStatement(@PathParam("buyerId") String buyerId, FinancialStatementSubmission s) {
        known(buyerId);
        rules.check(s).currency("currency", s == null ? null : s.currency())
                .notAfter("periodEnd", s == null ? null : s.periodEnd(), LocalDate.now(clock)).orFail();
        CloudEvent event = commands.reportStatement(new FinancialStatementReported(buyerId, s.periodEnd(), s.currency(),
                s.totalAssets(), s.currentAssets(), s.currentLiabilities(), s.totalLiabilities(), s.retainedEarnings(), s.ebit(),
                s.revenue(), s.bookEquity(), identity.getPrincipal().getName()));
        return Response.accepted(new Accepted(buyerId, event.id(), event.type())).build();
    }

    static void known(String buyerId) {
        if (KnownBuyer.findById(buyerId) == null) {
            throw new NotFoundException("Nothing is known about buyer " + buyerId);
        }
    }
}
