package io.creditcontrol.limits.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.creditcontrol.limits.api.CreditCheckResource.ReservationView;
import io.creditcontrol.limits.credit.ReservationService;
import io.creditcontrol.limits.security.CurrentUser;
import io.creditcontrol.limits.security.Roles;

/** Ends or firms up the hold of an approved order. */
@Path("/api/v1/reservations")
@Tag(name = "Reservations", description = "Holds of approved orders on the buyer's exposure")
@Produces(MediaType.APPLICATION_JSON)
public class ReservationResource {

    private final ReservationService reservations;
    private final CurrentUser user;

    ReservationResource(ReservationService reservations, CurrentUser user) {
        this.reservations = reservations;
        this.user = user;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A reservation and its status")
    @APIResponse(responseCode = "200", description = "The reservation", content = @Content(schema = @Schema(implementation = ReservationView.class)))
    @APIResponse(responseCode = "404", description = "No such reservation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({ Roles.ERP, Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
    public ReservationView get(@PathParam("id") String id) {
        return ReservationView.from(reservations.find(id));
    }

    @POST
    @Path("/{id}/release")
    @Operation(summary = "The order was cancelled: give its amount back to the headroom")
    @APIResponse(responseCode = "200", description = "Released", content = @Content(schema = @Schema(implementation = ReservationView.class)))
    @APIResponse(responseCode = "409", description = "The reservation was already invoiced, released or expired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed(Roles.ERP)
    public ReservationView release(@PathParam("id") String id) {
        return ReservationView.from(reservations.release(id, user.name()));
    }

    @POST
    @Path("/{id}/confirm")
    @Operation(summary = "The order is firm: the hold stays until invoiced or released and no longer expires")
    @APIResponse(responseCode = "200", description = "Confirmed", content = @Content(schema = @Schema(implementation = ReservationView.class)))
    @APIResponse(responseCode = "409", description = "The reservation was already invoiced, released or expired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed(Roles.ERP)
    public ReservationView confirm(@PathParam("id") String id) {
        return ReservationView.from(reservations.confirm(id, user.name()));
    }
}
