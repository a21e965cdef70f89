package io.creditcontrol.scoring.api;

import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;

import jakarta.ws.rs.Consumes;
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
import io.creditcontrol.scoring.api.BuyerRequests.RiskSignalSubmission;
import io.creditcontrol.scoring.buyer.BuyerCommands;
import io.creditcontrol.scoring.messaging.CloudEvent;
import io.creditcontrol.scoring.messaging.events.BuyerEvents.RiskSignalReported;
import io.quarkus.security.identity.SecurityIdentity;

/** Warning signals reported by an analyst or a risk-data feed; see {@link FinancialStatementsResource} for the flow. */
@Path("/api/v1/buyers/{buyerId}/risk-signals")
@Tag(name = "Buyer file")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RiskSignalsResource {

    private final RequestRules rules;
    private final BuyerCommands commands;
    private final Clock clock;
    private final SecurityIdentity identity;

    RiskSignalsResource(RequestRules rules, BuyerCommands commands, Clock clock, SecurityIdentity identity) {
        this.rules = rules;
        this.commands = commands;
        this.clock = clock;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.ANALYST)
    @Operation(summary = "Report a warning signal", description = "Publishes credit.buyer.risk-signal-reported. Each signal type "
            + "has a documented effect on the score that fades with time (docs/scoring.md); an insolvency filing sets grade 10 "
            + "and never fades.")
    @APIResponse(responseCode = "202", description = "Accepted; the event that announces it")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Nothing is known about this buyer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reportSignal(@PathParam("buyerId") String buyerId, RiskSignalSubmission s) {
        FinancialStatementsResource.known(buyerId);
        rules.check(s).notAfter("observedOn", s == null ? null : s.observedOn(), LocalDate.now(clock)).orFail();
        CloudEvent event = commands.reportSignal(new RiskSignalReported(buyerId, s.signal(), s.observedOn(), s.severity(),
                s.description(), s.source(), identity.getPrincipal().getName()));
        return Response.accepted(new Accepted(buyerId, event.id(), event.type())).build();
    }

}
