package io.creditcontrol.scoring.api;

import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.NotFoundException;
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
import io.creditcontrol.scoring.api.BuyerRequests.BuyerDetails;
import io.creditcontrol.scoring.buyer.BuyerCommands;
import io.creditcontrol.scoring.buyer.BuyerProfile;
import io.creditcontrol.scoring.buyer.FinancialStatement;
import io.creditcontrol.scoring.buyer.KnownBuyer;
import io.creditcontrol.scoring.buyer.RiskSignal;
import io.quarkus.security.identity.SecurityIdentity;

/** Read side of the buyer's credit file: master data, the latest financial statement and the warning signals. */
@Path("/api/v1/buyers/{buyerId}")
@Tag(name = "Buyer file", description = "What scoring-service knows about a buyer")
@Produces(MediaType.APPLICATION_JSON)
public class BuyerFileResource {

    private final RequestRules rules;
    private final BuyerCommands commands;
    private final SecurityIdentity identity;

    BuyerFileResource(RequestRules rules, BuyerCommands commands, SecurityIdentity identity) {
        this.rules = rules;
        this.commands = commands;
        this.identity = identity;
    }

    @PUT
    @RolesAllowed({Roles.ERP, Roles.ANALYST})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a registered buyer's master data",
            description = "Publishes credit.buyer.updated (the full record) on credit.buyers.v1 through the outbox; the file "
                    + "shows it once the event has been consumed.")
    @APIResponse(responseCode = "202", description = "Accepted; the event that announces it")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The buyer is not registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("buyerId") String buyerId, BuyerDetails details) {
        if (BuyerProfile.findById(buyerId) == null) {
            throw new NotFoundException("Buyer " + buyerId + " is not registered");
        }
        rules.check(details).country("country", details == null ? null : details.country()).orFail();
        var event = commands.update(BuyerRegistrationResource.masterData(buyerId, details, identity));
        return Response.accepted(new Accepted(buyerId, event.id(), event.type())).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN})
    @Operation(summary = "A buyer's credit file: profile, latest financial statement and risk signals",
            description = "The profile is the latest master record (credit.buyer.registered/updated); the financial statement is "
                    + "the one with the latest period end (a re-report of a period replaces it); risk signals are the full "
                    + "history, oldest observation first. Profile and statement are null when not reported yet.")
    @APIResponse(responseCode = "200", description = "The buyer's file")
    @APIResponse(responseCode = "404", description = "Nothing is known about this buyer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BuyerFileView buyer(@PathParam("buyerId") String buyerId) {
        if (KnownBuyer.findById(buyerId) == null) {
            throw new NotFoundException("Nothing is known about buyer " + buyerId);
        }
        BuyerProfile profile = BuyerProfile.findById(buyerId);
        List<FinancialStatement> statements = FinancialStatement.ofBuyer(buyerId);
        return new BuyerFileView(buyerId,
                profile == null ? null : ProfileView.from(profile),
                statements.isEmpty() ? null : StatementView.from(statements.get(0)),
                statements.stream().map(s -> s.periodEnd).toList(),
                RiskSignal.ofBuyer(buyerId).stream().map(RiskSignalView::from).toList());
    }

    public record BuyerFileView(
            String buyerId,
            @Schema(description = "Master data; null until the buyer is registered") ProfileView profile,
            @Schema(description = "The statement with the latest period end") StatementView latestFinancialStatement,
            @Schema(description = "Period ends of all statements on file, latest first") List<LocalDate> financialStatementPeriods,
            @Schema(description = "Every signal reported, oldest observation first") List<RiskSignalView> riskSignals) {
    }

    public record ProfileView(String name, String country, String industry, String parentId, String segment,
            String registrationNumber, Instant registeredAt, Instant updatedAt, LocalDate relationshipStartDate,
            @Schema(description = "Who last registered or changed the master data through the API (the authenticated principal); "
                    + "null when it came from another producer") String updatedBy) {

        static ProfileView from(BuyerProfile p) {
            return new ProfileView(p.name, p.country, p.industry, p.parentId, p.segment, p.registrationNumber, p.registeredAt, p.updatedAt,
                    p.relationshipStartDate, p.updatedBy);
        }
    }

    public record StatementView(LocalDate periodEnd, String currency, BigDecimal totalAssets, BigDecimal currentAssets,
            BigDecimal currentLiabilities, BigDecimal totalLiabilities, BigDecimal retainedEarnings, BigDecimal ebit,
            BigDecimal revenue, BigDecimal bookEquity, String source, Instant reportedAt,
            @Schema(description = "The authenticated principal who submitted it through the API; null from other producers") String submittedBy) {

        static StatementView from(FinancialStatement s) {
            return new StatementView(s.periodEnd, s.currency, s.totalAssets, s.currentAssets, s.currentLiabilities,
                    s.totalLiabilities, s.retainedEarnings, s.ebit, s.revenue, s.bookEquity, s.source, s.reportedAt, s.submittedBy);
        }
    }

    public record RiskSignalView(String signal, LocalDate observedOn, String severity, String description, String source,
            Instant reportedAt,
            @Schema(description = "The authenticated principal who reported it through the API; null from other producers") String submittedBy) {

        static RiskSignalView from(RiskSignal s) {
            return new RiskSignalView(s.signal, s.observedOn, s.severity, s.description, s.source, s.reportedAt, s.submittedBy);
        }
    }
}
