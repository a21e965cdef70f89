package io.creditcontrol.scoring.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.creditcontrol.scoring.api.BuyerRequests.Accepted;
import io.creditcontrol.scoring.api.BuyerRequests.BuyerDetails;
import io.creditcontrol.scoring.api.BuyerRequests.BuyerRegistration;
import io.creditcontrol.scoring.buyer.BuyerCommands;
import io.creditcontrol.scoring.buyer.BuyerProfile;
import io.creditcontrol.scoring.messaging.CloudEvent;
import io.creditcontrol.scoring.messaging.events.BuyerEvents.BuyerMasterData;
import io.quarkus.security.identity.SecurityIdentity;

/** Registers a buyer: announced as credit.buyer.registered on credit.buyers.v1. */
@Path("/api/v1/buyers")
@Tag(name = "Buyer file")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BuyerRegistrationResource {

    private final RequestRules rules;
    private final BuyerCommands commands;
    private final SecurityIdentity identity;

    BuyerRegistrationResource(RequestRules rules, BuyerCommands commands, SecurityIdentity identity) {
        this.rules = rules;
        this.commands = commands;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.ERP, Roles.ANALYST})
    @Operation(summary = "Register a buyer", description = "Publishes credit.buyer.registered on credit.buyers.v1 (through the "
            + "outbox). The buyer's file shows it, and it is scored, once the event has been consumed, normally within a second.")
    @APIResponse(responseCode = "202", description = "Accepted; the event that announces it")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The buyer is registered already (use PUT /api/v1/buyers/{buyerId})",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(BuyerRegistration registration) {
        rules.check(registration).country("country", registration == null ? null : registration.country()).orFail();
        if (BuyerProfile.findById(registration.buyerId()) != null) {
            throw new ClientErrorException("Buyer " + registration.buyerId() + " is registered already", 409);
        }
        CloudEvent event = commands.register(masterData(registration.buyerId(), registration.details(), identity));
        return Response.accepted(new Accepted(registration.buyerId(), event.id(), event.type())).build();
    }

    static BuyerMasterData masterData(String buyerId, BuyerDetails d, SecurityIdentity who) {
        return new BuyerMasterData(buyerId, d.name(), d.country(), d.industry(), d.parentId(), d.segment(), d.registrationNumber(),
                d.relationshipStartDate(), who.getPrincipal().getName());
    }
}
