package io.creditcontrol.limits.api;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.transaction.Transactional;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

import com.fasterxml.jackson.annotation.JsonInclude;

import io.creditcontrol.limits.credit.BuyerGrade;
import io.creditcontrol.limits.credit.CreditLimit;
import io.creditcontrol.limits.credit.CreditLimitHistory;
import io.creditcontrol.limits.credit.FinancialStatement;
import io.creditcontrol.limits.credit.LimitBasis;
import io.creditcontrol.limits.credit.InsuranceCover;
import io.creditcontrol.limits.credit.InsuranceCoverHistory;
import io.creditcontrol.limits.credit.LimitChangeRequest;
import io.creditcontrol.limits.credit.LimitService;
import io.creditcontrol.limits.security.CurrentUser;
import io.creditcontrol.limits.security.Roles;
import io.creditcontrol.limits.credit.LimitService.LimitRequestCommand;
import io.creditcontrol.limits.exposure.Buyer;

/**
 * Buyers' credit limits and the maker-checker requests that change them. The acting user is the
 * authenticated principal: an analyst requests, a different approver approves or rejects.
 */
@Path("/api/v1")
@Tag(name = "Credit limits", description = "Limits per buyer, their history, and maker-checker limit requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LimitResource {

    private final LimitService limits;
    private final CurrentUser user;

    LimitResource(LimitService limits, CurrentUser user) {
        this.limits = limits;
        this.user = user;
    }

    @GET
    @Path("/buyers/{buyerId}/credit-limit")
    @Transactional
    @Operation(summary = "The buyer's limit in force, its latest grade and every limit it had")
    @APIResponse(responseCode = "200", description = "The limit (absent when none was ever set) and its history",
            content = @Content(schema = @Schema(implementation = LimitView.class)))
    @APIResponse(responseCode = "404", description = "Unknown buyer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({ Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
    public LimitView limit(@PathParam("buyerId") String buyerId) {
        if (Buyer.findById(buyerId) == null) {
            throw ProblemException.unknown("buyerId", "Buyer " + buyerId + " is not known to limits-service");
        }
        CreditLimit limit = CreditLimit.findById(buyerId);
        BuyerGrade grade = BuyerGrade.findById(buyerId);
        FinancialStatement statement = FinancialStatement.findById(buyerId);
        return new LimitView(buyerId, grade == null ? null : grade.grade,
                limit == null ? null : new CurrentLimit(limit.amount, limit.currency, limit.validFrom, limit.reviewDate,
                        limit.source, limit.limitBasis, limit.changedBy, limit.changedAt, limit.reason),
                statement == null ? null : new StatementView(statement.periodEnd, statement.currency, statement.revenue,
                        statement.bookEquity, statement.receivedAt),
                CreditLimitHistory.ofBuyer(buyerId).stream().map(HistoryEntry::from).toList());
    }

    @POST
    @Path("/buyers/{buyerId}/limit-requests")
    @Operation(summary = "Request a manual limit (maker)", description = "Takes effect only when a different user approves it.")
    @APIResponse(responseCode = "201", description = "The request, PENDING", content = @Content(schema = @Schema(implementation = LimitRequestView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown buyer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed(Roles.ANALYST)
    public Response request(@PathParam("buyerId") String buyerId, LimitRequestBody body) {
        Violations violations = new Violations();
        if (body == null) {
            violations.add("body", "is required");
            violations.throwIfAny();
        }
        int digits = violations.currency(body.currency(), "currency");
        violations.amount(body.amount(), "amount", digits, true);
        if (violations.check(body.reviewDate() != null, "reviewDate", "is required")) {
            LocalDate from = body.validFrom() == null ? LocalDate.MIN : body.validFrom();
            violations.check(body.reviewDate().isAfter(from), "reviewDate", "must be after validFrom");
        }
        violations.text(body.reason(), "reason", 512);
        violations.throwIfAny();
        LimitChangeRequest request = limits.request(new LimitRequestCommand(buyerId, body.amount(), body.currency(),
                body.validFrom(), body.reviewDate(), body.reason(), user.name()));
        return Response.created(URI.create("/api/v1/limit-requests/" + request.id)).entity(LimitRequestView.from(request)).build();
    }

    @PUT
    @Path("/buyers/{buyerId}/insurance-cover")
    @Operation(summary = "Record the credit insurer's approved cover for the buyer",
            description = "While valid, the effective limit is min(internal limit, cover x (1 + uninsured tolerance share)) and the "
                    + "disputed exposure must fit within cover x share (credit.insurance.uninsured-tolerance-share, default 0.10).")
    @APIResponse(responseCode = "200", description = "The cover as recorded", content = @Content(schema = @Schema(implementation = CoverView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed(Roles.ANALYST)
    public CoverView recordCover(@PathParam("buyerId") String buyerId, CoverBody body) {
        Violations v = new Violations();
        if (body == null) {
            v.add("body", "is required");
            v.throwIfAny();
        }
        int digits = v.currency(body.currency(), "currency");
        v.amount(body.amount(), "amount", digits, true);
        v.check(body.validFrom() != null, "validFrom", "is required");
        if (v.check(body.validTo() != null, "validTo", "is required") && body.validFrom() != null) {
            v.check(!body.validTo().isBefore(body.validFrom()), "validTo", "must not be before validFrom");
        }
        v.text(body.insurer(), "insurer", 128);
        v.text(body.policyNumber(), "policyNumber", 64);
        v.throwIfAny();
        return CoverView.from(limits.recordCover(new LimitService.CoverCommand(buyerId, body.amount(), body.currency(),
                body.validFrom(), body.validTo(), body.insurer(), body.policyNumber(), user.name())));
    }

    @GET
    @Path("/buyers/{buyerId}/insurance-cover")
    @Transactional
    @Operation(summary = "The insurer's cover recorded for the buyer")
    @APIResponse(responseCode = "404", description = "No cover recorded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({ Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
    public CoverView cover(@PathParam("buyerId") String buyerId) {
        InsuranceCover cover = InsuranceCover.findById(buyerId);
        if (cover == null) {
            throw new jakarta.ws.rs.NotFoundException("No insurance cover is recorded for buyer " + buyerId);
        }
        return CoverView.from(cover);
    }

    @GET
    @Path("/buyers/{buyerId}/insurance-cover/history")
    @Transactional
    @Operation(summary = "Every change of the buyer's insurance cover, oldest first: who recorded it, when, what changed")
    @APIResponse(responseCode = "200", description = "The changes (empty when no cover was ever recorded)")
    @APIResponse(responseCode = "404", description = "Unknown buyer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({ Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
    public List<CoverChangeView> coverHistory(@PathParam("buyerId") String buyerId) {
        if (Buyer.findById(buyerId) == null) {
            throw ProblemException.unknown("buyerId", "Buyer " + buyerId + " is not known to limits-service");
        }
        return InsuranceCoverHistory.ofBuyer(buyerId).stream().map(CoverChangeView::from).toList();
    }

    @GET
    @Path("/limit-requests/{id}")
    @Transactional
    @Operation(summary = "A limit request and how it was decided")
    @APIResponse(responseCode = "200", description = "The request", content = @Content(schema = @Schema(implementation = LimitRequestView.class)))
    @APIResponse(responseCode = "404", description = "No such request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({ Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
    public LimitRequestView get(@PathParam("id") String id) {
        LimitChangeRequest request = LimitChangeRequest.findById(id);
        if (request == null) {
            throw new jakarta.ws.rs.NotFoundException("Limit request " + id + " does not exist");
        }
        return LimitRequestView.from(request);
    }

    @POST
    @Path("/limit-requests/{id}/approve")
    @Operation(summary = "Approve a limit request (checker): the limit takes effect and credit.limit.changed is published")
    @APIResponse(responseCode = "200", description = "APPROVED", content = @Content(schema = @Schema(implementation = LimitRequestView.class)))
    @APIResponse(responseCode = "403", description = "The approver is the requester (four eyes)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already approved or rejected",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed(Roles.APPROVER)
    public LimitRequestView approve(@PathParam("id") String id, DecisionBody body) {
        checkDecider(body, false);
        return LimitRequestView.from(limits.approve(id, user.name(), body == null ? null : body.comment()));
    }

    @POST
    @Path("/limit-requests/{id}/reject")
    @Operation(summary = "Reject a limit request (checker); a comment is required")
    @APIResponse(responseCode = "200", description = "REJECTED", content = @Content(schema = @Schema(implementation = LimitRequestView.class)))
    @APIResponse(responseCode = "403", description = "The rejecter is the requester (four eyes)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already approved or rejected",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed(Roles.APPROVER)
    public LimitRequestView reject(@PathParam("id") String id, DecisionBody body) {
        checkDecider(body, true);
        return LimitRequestView.from(limits.reject(id, user.name(), body.comment()));
    }

    private static void checkDecider(DecisionBody body, boolean commentRequired) {
        Violations violations = new Violations();
        if (commentRequired) {
            violations.text(body == null ? null : body.comment(), "comment", 512);
        } else if (body != null && body.comment() != null) {
            violations.check(body.comment().length() <= 512, "comment", "must be at most 512 characters");
        }
        violations.throwIfAny();
    }

    @Schema(description = "A manual limit an analyst asks for")
    public record LimitRequestBody(
            @Schema(required = true, example = "150000.00") BigDecimal amount,
            @Schema(required = true, example = "EUR") String currency,
            @Schema(description = "Defaults to today", example = "2026-12-01") LocalDate validFrom,
            @Schema(required = true, description = "After this date orders are referred until the limit is renewed", example = "2027-06-30") LocalDate reviewDate,
            @Schema(required = true, example = "Annual accounts 2025 reviewed") String reason) {
    }

    @Schema(description = "An insurer's approved cover for one buyer")
    public record CoverBody(
            @Schema(required = true, example = "100000.00") BigDecimal amount,
            @Schema(required = true, example = "EUR") String currency,
            @Schema(required = true, example = "2026-01-01") LocalDate validFrom,
            @Schema(required = true, example = "2026-12-31") LocalDate validTo,
            @Schema(required = true, example = "Allianz Trade") String insurer,
            @Schema(required = true, example = "POL-4711") String policyNumber) {
    }

    public record CoverView(String buyerId, BigDecimal amount, String currency, LocalDate validFrom, LocalDate validTo,
            String insurer, String policyNumber, String recordedBy, Instant recordedAt) {

        static CoverView from(InsuranceCover c) {
            return new CoverView(c.buyerId, c.amount, c.currency, c.validFrom, c.validTo, c.insurer, c.policyNumber,
                    c.recordedBy, c.recordedAt);
        }
    }

    @Schema(description = "One change of the buyer's insurance cover: the cover as recorded, who and when, and each field that changed")
    public record CoverChangeView(String buyerId, BigDecimal amount, String currency, LocalDate validFrom, LocalDate validTo,
            String insurer, String policyNumber, String recordedBy, Instant recordedAt,
            @Schema(description = "The fields this change set or changed, with the value before (null for the first cover)")
            List<FieldChange> changes) {

        static CoverChangeView from(InsuranceCoverHistory h) {
            List<FieldChange> changes = new java.util.ArrayList<>();
            FieldChange.add(changes, "amount", h.previousAmount, h.amount);
            FieldChange.add(changes, "currency", h.previousCurrency, h.currency);
            FieldChange.add(changes, "validFrom", h.previousValidFrom, h.validFrom);
            FieldChange.add(changes, "validTo", h.previousValidTo, h.validTo);
            FieldChange.add(changes, "insurer", h.previousInsurer, h.insurer);
            FieldChange.add(changes, "policyNumber", h.previousPolicyNumber, h.policyNumber);
            return new CoverChangeView(h.buyerId, h.amount, h.currency, h.validFrom, h.validTo, h.insurer, h.policyNumber,
                    h.recordedBy, h.recordedAt, List.copyOf(changes));
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FieldChange(String field, String from, String to) {

        static void add(List<FieldChange> changes, String field, Object before, Object after) {
            boolean same = before instanceof BigDecimal b && after instanceof BigDecimal a ? b.compareTo(a) == 0 : java.util.Objects.equals(before, after);
            if (!same) {
                changes.add(new FieldChange(field, text(before), text(after)));
            }
        }

        private static String text(Object value) {
            return value == null ? null : value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value.toString();
        }
    }

    @Schema(description = "Why a request is approved or rejected")
    public record DecisionBody(@Schema(example = "Checked against the insurer's cover") String comment) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LimitRequestView(String id, String buyerId, BigDecimal amount, String currency, LocalDate validFrom,
            LocalDate reviewDate, String reason, LimitChangeRequest.Status status, String requestedBy, Instant requestedAt,
            String decidedBy, Instant decidedAt, String decisionComment) {

        static LimitRequestView from(LimitChangeRequest r) {
            return new LimitRequestView(r.id, r.buyerId, r.amount, r.currency, r.validFrom, r.reviewDate, r.reason, r.status,
                    r.requestedBy, r.requestedAt, r.decidedBy, r.decidedAt, r.decisionComment);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LimitView(String buyerId, Integer grade, CurrentLimit limit,
            @Schema(description = "The buyer's latest financial statement as far as it sizes limits") StatementView financialStatement,
            List<HistoryEntry> history) {
    }

    public record CurrentLimit(BigDecimal amount, String currency, LocalDate validFrom, LocalDate reviewDate,
            CreditLimit.Source source,
            @Schema(description = "ABSOLUTE, REVENUE_SHARE, EQUITY_SHARE, NO_FINANCIALS or MANUAL") LimitBasis limitBasis,
            String changedBy, Instant changedAt, String reason) {
    }

    public record StatementView(LocalDate periodEnd, String currency, BigDecimal revenue, BigDecimal bookEquity, Instant receivedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryEntry(BigDecimal amount, String currency, BigDecimal previousAmount, LocalDate validFrom,
            LocalDate reviewDate, CreditLimit.Source source, LimitBasis limitBasis, String requestedBy, String changedBy,
            Instant changedAt, String reason) {

        static HistoryEntry from(CreditLimitHistory h) {
            return new HistoryEntry(h.amount, h.currency, h.previousAmount, h.validFrom, h.reviewDate, h.source, h.limitBasis,
                    h.requestedBy, h.changedBy, h.changedAt, h.reason);
        }
    }
}
