package io.creditcontrol.limits.api;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.creditcontrol.limits.credit.CaseService;
import io.creditcontrol.limits.credit.DecisionCase;
import io.creditcontrol.limits.security.CurrentUser;
import io.creditcontrol.limits.security.Roles;

/** Referred and blocked orders waiting for an analyst, who releases or rejects them (the analyst is the token's user). */
@Path("/api/v1/decision-cases")
@Tag(name = "Decision cases", description = "Referred and blocked orders an analyst releases or rejects, with the audit trail")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DecisionCaseResource {

    static final int MAX_PAGE_SIZE = 200;

    private final CaseService cases;
    private final CurrentUser user;

    DecisionCaseResource(CaseService cases, CurrentUser user) {
        this.cases = cases;
        this.user = user;
    }

    @GET
    @Operation(summary = "Open cases, oldest first (pageSize, at most 200), optionally of one buyer")
    @APIResponse(responseCode = "400", description = "pageSize above 200 or below 1",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({ Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
    public List<CaseView> open(@QueryParam("buyerId") String buyerId, @QueryParam("pageSize") @DefaultValue("200") int pageSize) {
        Violations v = new Violations();
        v.pageSize(pageSize, MAX_PAGE_SIZE);
        v.throwIfAny();
        return cases.openCases(buyerId, pageSize).stream().map(CaseView::from).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One case and how it was decided")
    @APIResponse(responseCode = "404", description = "No such case",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({ Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
    public CaseView get(@PathParam("id") String id) {
        return CaseView.from(cases.find(id));
    }

    @POST
    @Path("/{id}/release")
    @Operation(summary = "Release the order: it reserves its amount and credit.order.decided APPROVED (RELEASED_BY_ANALYST) is published")
    @APIResponse(responseCode = "200", description = "RELEASED", content = @Content(schema = @Schema(implementation = CaseView.class)))
    @APIResponse(responseCode = "400", description = "Missing comment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already decided",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed(Roles.ANALYST)
    public CaseView release(@PathParam("id") String id, LimitResource.DecisionBody body) {
        check(body);
        return CaseView.from(cases.release(id, user.name(), body.comment()));
    }

    @POST
    @Path("/{id}/reject")
    @Operation(summary = "Reject the order: credit.order.decided BLOCKED (REJECTED_BY_ANALYST) is published")
    @APIResponse(responseCode = "200", description = "REJECTED", content = @Content(schema = @Schema(implementation = CaseView.class)))
    @APIResponse(responseCode = "400", description = "Missing comment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already decided",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed(Roles.ANALYST)
    public CaseView reject(@PathParam("id") String id, LimitResource.DecisionBody body) {
        check(body);
        return CaseView.from(cases.reject(id, user.name(), body.comment()));
    }

    private static void check(LimitResource.DecisionBody body) {
        Violations v = new Violations();
        v.text(body == null ? null : body.comment(), "comment", 512);
        v.throwIfAny();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseView(String id, String decisionId, String buyerId, String orderReference, DecisionCase.Status status,
            Instant openedAt, String decidedBy, Instant decidedAt, String decisionComment, String reservationId) {

        static CaseView from(DecisionCase c) {
            return new CaseView(c.id, c.decisionId, c.buyerId, c.orderReference, c.status, c.openedAt, c.decidedBy, c.decidedAt,
                    c.decisionComment, c.reservationId);
        }
    }
}
