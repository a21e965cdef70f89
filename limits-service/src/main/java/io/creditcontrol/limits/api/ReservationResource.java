package io.creditcontrol.limits.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

/** Ends or firms up the hold of an approved order. */
@Path("/api/v1/reservations")
@Tag(name = "Reservations", description = "Holds of approved orders on the buyer's exposure")
@Produces(MediaType.APPLICATION_JSON)
public class ReservationResource {

    private final ReservationService reservations;

    ReservationResource(ReservationService reservations) {
        this.reservations = reservations;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A reservation and its status")
    @APIResponse(responseCode = "200", description = "The reservation", content = @Content(schema = @Schema(implementation = ReservationView.class)))
    @APIResponse(responseCode = "404", description = "No such reservation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReservationView get(@PathParam("id") String id) {
        return ReservationView.from(reservations.find(id));
    }

    @POST
    @Path("/{id}/release")
    @Operation(summary = "The order was cancelled: give its amount back to the headroom")
    @APIResponse(responseCode = "200", description = "Released", content = @Content(schema = @Schema(implementation = ReservationView.class)))
    @APIResponse(responseCode = "409", description = "The reservation was already invoiced, released or expired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReservationView release(@PathParam("id") String id, @HeaderParam("X-User") String user) {
        return ReservationView.from(reservations.release(id, actor(user)));
    }

    @POST
    @Path("/{id}/confirm")
    @Operation(summary = "The order is firm: the hold stays until invoiced or released and no longer expires")
    @APIResponse(responseCode = "200", description = "Confirmed", content = @Content(schema = @Schema(implementation = ReservationView.class)))
    @APIResponse(responseCode = "409", description = "The reservation was already invoiced, released or expired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReservationView confirm(@PathParam("id") String id, @HeaderParam("X-User") String user) {
        return ReservationView.from(reservations.confirm(id, actor(user)));
    }

    /** ERP systems release and confirm; X-User (temporary, until authentication) names who, "erp" when absent. */
    private static String actor(String user) {
        return user == null || user.isBlank() ? "erp" : user.length() > 64 ? user.substring(0, 64) : user;
    }
}
