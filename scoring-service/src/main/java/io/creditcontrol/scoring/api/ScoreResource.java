package io.creditcontrol.scoring.api;

import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.creditcontrol.scoring.buyer.KnownBuyer;
import io.creditcontrol.scoring.score.BuyerScore;
import io.creditcontrol.scoring.score.DataQuality;
import io.creditcontrol.scoring.score.Factor;
import io.creditcontrol.scoring.score.PaymentBehaviour;
import io.creditcontrol.scoring.score.ScoreHistoryEntry;
import io.creditcontrol.scoring.score.StoredAssessment;

/** "How risky is this buyer, and why?": the current score with its reasons, and every change of it. */
@Path("/api/v1/buyers/{buyerId}/score")
@Tag(name = "Credit score", description = "Grade 1 (best) to 10 (default), probability of default and the reasons")
@Produces(MediaType.APPLICATION_JSON)
public class ScoreResource {

    public static final int MAX_HISTORY_PAGE_SIZE = 500;

    private final ObjectMapper mapper;

    ScoreResource(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN})
    @Operation(summary = "The buyer's current credit score with its reasons",
            description = "Grade 1 (best) to 10 (default, only on an insolvency filing), the 12-month probability of default, "
                    + "dataQuality (FULL, PARTIAL or INSUFFICIENT: how much the score rests on), the top reasons in plain words, "
                    + "every factor's impact (log-odds; negative = riskier) and the payment figures behind them.")
    @APIResponse(responseCode = "200", description = "The current score")
    @APIResponse(responseCode = "404", description = "Nothing is known about this buyer, or it has not been scored yet (it is "
            + "scored within seconds of the first event about it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ScoreView score(@PathParam("buyerId") String buyerId) {
        if (KnownBuyer.findById(buyerId) == null) {
            throw new NotFoundException("Nothing is known about buyer " + buyerId);
        }
        BuyerScore score = BuyerScore.findById(buyerId);
        if (score == null) {
            throw new NotFoundException("Buyer " + buyerId + " has not been scored yet; it is queued for scoring");
        }
        StoredAssessment a = read(score.assessment);
        return new ScoreView(buyerId, score.grade, score.probabilityOfDefault.stripTrailingZeros(), score.dataQuality, score.modelVersion,
                score.assessedAt, score.reviewedAt, score.reviewedBecause, a.reasons(), a.factors(), a.paymentBehaviour(), a.altmanZ());
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN})
    @Path("history")
    @Operation(summary = "Every change of the buyer's score, latest first",
            description = "What the score became (grade, probability, data quality), when, what triggered the re-score (an event "
                    + "with its id and source, or the periodic review), the model version and the reasons at the time.")
    @APIResponse(responseCode = "200", description = "The changes, latest first, paged (page from 0, size 1 to "
            + MAX_HISTORY_PAGE_SIZE + ", default 100); empty when the buyer is known but not scored yet")
    @APIResponse(responseCode = "400", description = "page or size out of range, each named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Nothing is known about this buyer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<HistoryView> history(@PathParam("buyerId") String buyerId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(MAX_HISTORY_PAGE_SIZE) int size) {
        if (KnownBuyer.findById(buyerId) == null) {
            throw new NotFoundException("Nothing is known about buyer " + buyerId);
        }
        return ScoreHistoryEntry.ofBuyer(buyerId, page, size).stream()
                .map(e -> new HistoryView(e.grade, e.previousGrade, e.probabilityOfDefault.stripTrailingZeros(), e.dataQuality, e.modelVersion,
                        e.assessedAt, e.triggeredBy, read(e.assessment).reasons()))
                .toList();
    }

    private StoredAssessment read(String json) {
        try {
            return mapper.readValue(json, StoredAssessment.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored assessment", e);
        }
    }

    public record ScoreView(
            String buyerId,
            @Schema(description = "1 (best) to 10 (default)") int grade,
            @Schema(description = "12-month probability of default") BigDecimal probabilityOfDefault,
            @Schema(description = "FULL: payment record and recent financials; PARTIAL: one of them; INSUFFICIENT: neither "
                    + "(a cautious placeholder: capped grade, PD to 2 decimals)") DataQuality dataQuality,
            String modelVersion,
            @Schema(description = "When this grade and probability were reached") Instant assessedAt,
            @Schema(description = "The latest re-score, changed or not") Instant reviewedAt,
            @Schema(description = "What triggered the latest re-score") String reviewedBecause,
            @Schema(description = "The factors that moved the score most, most important first") List<Factor> reasons,
            @Schema(description = "Every factor with its impact (log-odds; negative = riskier)") List<Factor> factors,
            PaymentBehaviour paymentBehaviour,
            @Schema(description = "Altman Z'' of the latest usable statement; null without one") Double altmanZ) {
    }

    public record HistoryView(int grade, Integer previousGrade, BigDecimal probabilityOfDefault, DataQuality dataQuality,
            String modelVersion, Instant assessedAt,
            @Schema(description = "The event (type, id, source) or review that caused the re-score") String triggeredBy,
            List<Factor> reasons) {
    }
}
