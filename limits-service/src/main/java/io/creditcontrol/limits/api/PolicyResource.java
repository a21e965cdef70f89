package io.creditcontrol.limits.api;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.transaction.Transactional;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
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

import io.creditcontrol.limits.credit.CreditPolicy;
import io.creditcontrol.limits.credit.GroupLimit;
import io.creditcontrol.limits.credit.GroupLimitRequest;
import io.creditcontrol.limits.credit.LimitChangeRequest;
import io.creditcontrol.limits.credit.PolicyGrade;
import io.creditcontrol.limits.credit.PolicyService;
import io.creditcontrol.limits.credit.PolicyService.GradeRule;
import io.creditcontrol.limits.credit.PolicyService.NewPolicy;
import io.creditcontrol.limits.security.CurrentUser;
import io.creditcontrol.limits.security.Roles;

/** Administration: the versioned credit policy and the FX rates exposure is converted with. */
@Path("/api/v1")
@Tag(name = "Credit policy", description = "Versioned policy: per grade the maximum limit, payment terms and required security; FX rates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {

    static final int MAX_PAGE_SIZE = 200;

    private final PolicyService policies;
    private final CurrentUser user;

    PolicyResource(PolicyService policies, CurrentUser user) {
        this.policies = policies;
        this.user = user;
    }

    @GET
    @Path("/credit-policy")
    @Transactional
    @Operation(summary = "The policy version in force for new decisions")
    @APIResponse(responseCode = "200", description = "The current policy", content = @Content(schema = @Schema(implementation = PolicyView.class)))
    @RolesAllowed({ Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
    public PolicyView current() {
        return PolicyView.from(CreditPolicy.current());
    }

    @GET
    @Path("/credit-policy/versions")
    @Transactional
    @Operation(summary = "Policy versions, newest first (the audit trail of policy changes); pageSize at most 200")
    @APIResponse(responseCode = "400", description = "pageSize above 200 or below 1",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({ Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
    public List<PolicyView> versions(@QueryParam("pageSize") @DefaultValue("50") int pageSize) {
        Violations v = new Violations();
        v.pageSize(pageSize, MAX_PAGE_SIZE);
        v.throwIfAny();
        return CreditPolicy.<CreditPolicy>find("order by version desc").page(0, pageSize).list().stream().map(PolicyView::from).toList();
    }

    @GET
    @Path("/credit-policy/versions/{version}")
    @Transactional
    @Operation(summary = "One policy version")
    @APIResponse(responseCode = "404", description = "No such version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({ Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
    public PolicyView version(@PathParam("version") int version) {
        CreditPolicy policy = CreditPolicy.findById(version);
        if (policy == null) {
            throw new NotFoundException("Credit policy version " + version + " does not exist");
        }
        return PolicyView.from(policy);
    }

    @POST
    @Path("/credit-policy")
    @Operation(summary = "Publish a new policy version", description = "All ten grades must be given. Takes effect for new decisions. "
            + "A grade's maximum for a buyer is the lowest of its bounds: maxLimit (absolute), maxShareOfRevenue and maxShareOfEquity "
            + "(decimal fractions, 0 < share <= 1) of the buyer's latest statement; a grade within worstGradeForCredit needs at least "
            + "one bound. Without a usable statement (none, older than statementMaxAgeMonths, default 18, or no FX rate) a grade with "
            + "share bounds allows its maxLimit capped at maxLimitWithoutFinancials.")
    @APIResponse(responseCode = "201", description = "The new version", content = @Content(schema = @Schema(implementation = PolicyView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed(Roles.ADMIN)
    public Response publish(NewPolicy body) {
        Violations v = new Violations();
        if (body == null) {
            v.add("body", "is required");
            v.throwIfAny();
        }
        int digits = v.currency(body.currency(), "currency");
        v.check(body.worstGradeForCredit() >= 1 && body.worstGradeForCredit() <= 10, "worstGradeForCredit", "must be between 1 and 10");
        v.amount(body.maxOrderValue(), "maxOrderValue", digits, false);
        v.check(body.referOverdueDays() >= 0, "referOverdueDays", "must not be negative");
        v.check(body.blockOverdueDays() >= body.referOverdueDays(), "blockOverdueDays", "must not be below referOverdueDays");
        v.check(body.reviewIntervalDays() > 0, "reviewIntervalDays", "must be greater than zero");
        v.check(body.reservationHours() > 0, "reservationHours", "must be greater than zero");
        v.text(body.reason(), "reason", 512);
        if (body.maxLimitWithoutFinancials() != null) {
            v.amount(body.maxLimitWithoutFinancials(), "maxLimitWithoutFinancials", digits, true);
        }
        if (body.statementMaxAgeMonths() != null) {
            v.check(body.statementMaxAgeMonths() >= 1 && body.statementMaxAgeMonths() <= 60, "statementMaxAgeMonths",
                    "must be between 1 and 60");
        }
        Set<Integer> seen = new HashSet<>();
        List<GradeRule> grades = body.grades() == null ? List.of() : body.grades();
        for (int i = 0; i < grades.size(); i++) {
            GradeRule g = grades.get(i);
            String at = "grades[" + i + "]";
            if (g == null) {
                v.add(at, "is required");
                continue;
            }
            v.check(g.grade() >= 1 && g.grade() <= 10 && seen.add(g.grade()), at + ".grade", "must be a grade 1..10 given once");
            if (g.maxLimit() != null) {
                v.amount(g.maxLimit(), at + ".maxLimit", digits, true);
            }
            v.share(g.maxShareOfRevenue(), at + ".maxShareOfRevenue");
            v.share(g.maxShareOfEquity(), at + ".maxShareOfEquity");
            if (g.maxLimit() == null && g.maxShareOfRevenue() == null && g.maxShareOfEquity() == null) {
                // unbounded credit is never meant; a grade that may not buy on credit at all may leave them out (maximum 0)
                v.check(g.grade() > body.worstGradeForCredit(), at,
                        "needs at least one bound (maxLimit, maxShareOfRevenue or maxShareOfEquity): grade " + g.grade()
                                + " is within worstGradeForCredit " + body.worstGradeForCredit());
            }
            v.check(g.paymentTermsDays() >= 0 && g.paymentTermsDays() <= 365, at + ".paymentTermsDays", "must be between 0 and 365");
            v.check(g.requiredSecurity() != null, at + ".requiredSecurity", "is required: NONE, PREPAYMENT, LETTER_OF_CREDIT or GUARANTEE");
        }
        v.check(seen.size() == 10, "grades", "must give each grade 1..10 exactly once");
        v.throwIfAny();
        CreditPolicy policy = policies.publish(body, user.name());
        return Response.created(URI.create("/api/v1/credit-policy/versions/" + policy.version)).entity(PolicyView.from(policy)).build();
    }

    @PUT
    @Path("/fx-rates/{from}/{to}")
    @Operation(summary = "Set the rate used to convert exposure and orders: 1 unit of from = rate units of to")
    @APIResponse(responseCode = "200", description = "The rate as stored", content = @Content(schema = @Schema(implementation = RateView.class)))
    @APIResponse(responseCode = "400", description = "Invalid currency or rate, each named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed(Roles.ADMIN)
    public RateView setRate(@PathParam("from") String from, @PathParam("to") String to, RateBody body) {
        Violations v = new Violations();
        v.currency(from, "from");
        v.currency(to, "to");
        if (v.check(body != null && body.rate() != null, "rate", "is required")) {
            v.check(body.rate().signum() > 0, "rate", "must be greater than zero");
            v.check(body.rate().stripTrailingZeros().scale() <= 8, "rate", "must have at most 8 decimals");
        }
        v.check(from == null || !from.equals(to), "to", "must differ from from");
        v.throwIfAny();
        policies.setRate(from, to, body.rate(), user.name());
        return new RateView(from, to, body.rate(), user.name());
    }

    @POST
    @Path("/groups/{parentId}/limit-requests")
    @Operation(summary = "Request a limit on the combined exposure of a group (maker)",
            description = "The group is the parent and every buyer naming it as parent. Takes effect only when a different user "
                    + "approves it; orders of members beyond the group's headroom are then REFERRED with GROUP_LIMIT_EXCEEDED.")
    @APIResponse(responseCode = "201", description = "The request, PENDING", content = @Content(schema = @Schema(implementation = GroupLimitRequestView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed(Roles.ANALYST)
    public Response requestGroupLimit(@PathParam("parentId") String parentId, GroupLimitBody body) {
        Violations v = new Violations();
        v.id(parentId, "parentId");
        if (body == null) {
            v.add("body", "is required");
            v.throwIfAny();
        }
        int digits = v.currency(body.currency(), "currency");
        v.amount(body.amount(), "amount", digits, true);
        v.text(body.reason(), "reason", 512);
        v.throwIfAny();
        GroupLimitRequest request = policies.requestGroupLimit(parentId, body.amount(), body.currency(), body.reason(), user.name());
        return Response.created(URI.create("/api/v1/group-limit-requests/" + request.id)).entity(GroupLimitRequestView.from(request)).build();
    }

    @GET
    @Path("/group-limit-requests/{id}")
    @Operation(summary = "A group limit request and how it was decided")
    @APIResponse(responseCode = "404", description = "No such request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({ Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
    public GroupLimitRequestView groupLimitRequest(@PathParam("id") String id) {
        return GroupLimitRequestView.from(policies.groupRequest(id));
    }

    @POST
    @Path("/group-limit-requests/{id}/approve")
    @Operation(summary = "Approve a group limit request (checker): the group limit takes effect")
    @APIResponse(responseCode = "200", description = "APPROVED", content = @Content(schema = @Schema(implementation = GroupLimitRequestView.class)))
    @APIResponse(responseCode = "403", description = "The approver is the requester (four eyes)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already approved or rejected",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed(Roles.APPROVER)
    public GroupLimitRequestView approveGroupLimit(@PathParam("id") String id, LimitResource.DecisionBody body) {
        Violations v = new Violations();
        if (body != null && body.comment() != null) {
            v.check(body.comment().length() <= 512, "comment", "must be at most 512 characters");
        }
        v.throwIfAny();
        return GroupLimitRequestView.from(policies.approveGroupLimit(id, user.name(), body == null ? null : body.comment()));
    }

    @POST
    @Path("/group-limit-requests/{id}/reject")
    @Operation(summary = "Reject a group limit request (checker); a comment is required")
    @APIResponse(responseCode = "200", description = "REJECTED", content = @Content(schema = @Schema(implementation = GroupLimitRequestView.class)))
    @APIResponse(responseCode = "403", description = "The rejecter is the requester (four eyes)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed(Roles.APPROVER)
    public GroupLimitRequestView rejectGroupLimit(@PathParam("id") String id, LimitResource.DecisionBody body) {
        Violations v = new Violations();
        v.text(body == null ? null : body.comment(), "comment", 512);
        v.throwIfAny();
        return GroupLimitRequestView.from(policies.rejectGroupLimit(id, user.name(), body.comment()));
    }

    @GET
    @Path("/groups/{parentId}/credit-limit")
    @Transactional
    @Operation(summary = "The group limit of a parent buyer's group")
    @APIResponse(responseCode = "404", description = "No group limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({ Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
    public GroupLimitView groupLimit(@PathParam("parentId") String parentId) {
        GroupLimit limit = GroupLimit.findById(parentId);
        if (limit == null) {
            throw new NotFoundException("No group limit is set for group " + parentId);
        }
        return new GroupLimitView(limit.parentId, limit.amount, limit.currency, limit.reason, limit.requestedBy, limit.setBy, limit.setAt);
    }

    @Schema(description = "A group limit an analyst asks for")
    public record GroupLimitBody(@Schema(example = "500000.00") BigDecimal amount, @Schema(example = "EUR") String currency,
            @Schema(example = "Group accounts 2025") String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroupLimitView(String parentId, BigDecimal amount, String currency, String reason, String requestedBy,
            @Schema(description = "The approver") String setBy, Instant setAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroupLimitRequestView(String id, String parentId, BigDecimal amount, String currency, String reason,
            LimitChangeRequest.Status status, String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt,
            String decisionComment) {

        static GroupLimitRequestView from(GroupLimitRequest r) {
            return new GroupLimitRequestView(r.id, r.parentId, r.amount, r.currency, r.reason, r.status, r.requestedBy,
                    r.requestedAt, r.decidedBy, r.decidedAt, r.decisionComment);
        }
    }

    public record RateBody(@Schema(example = "0.92") BigDecimal rate) {
    }

    public record RateView(String from, String to, BigDecimal rate, String setBy) {
    }

    public record PolicyView(int version, String currency, int worstGradeForCredit, BigDecimal maxOrderValue, int referOverdueDays,
            int blockOverdueDays, int reviewIntervalDays, int reservationHours,
            @Schema(description = "Cap on the limit of a buyer without a usable financial statement; null: the absolute bound alone")
            BigDecimal maxLimitWithoutFinancials,
            @Schema(description = "A statement whose period ended more than this many months ago counts as missing")
            int statementMaxAgeMonths,
            String createdBy, Instant createdAt, String reason, List<GradeView> grades) {

        static PolicyView from(CreditPolicy p) {
            return new PolicyView(p.version, p.currency, p.worstGradeForCredit, p.maxOrderValue, p.referOverdueDays,
                    p.blockOverdueDays, p.reviewIntervalDays, p.reservationHours, p.maxLimitWithoutFinancials, p.statementMaxAgeMonths,
                    p.createdBy, p.createdAt, p.reason, p.grades().stream().map(GradeView::from).toList());
        }
    }

    public record GradeView(int grade,
            @Schema(description = "Absolute maximum in the policy currency; null: none") BigDecimal maxLimit,
            @Schema(description = "Maximum as a share of the buyer's latest revenue (0.05 = 5 %); null: none") BigDecimal maxShareOfRevenue,
            @Schema(description = "Maximum as a share of the buyer's latest book equity (equity <= 0: 0); null: none") BigDecimal maxShareOfEquity,
            int paymentTermsDays, PolicyGrade.Security requiredSecurity) {

        static GradeView from(PolicyGrade g) {
            return new GradeView(g.grade, g.maxLimit, g.maxShareOfRevenue, g.maxShareOfEquity, g.paymentTermsDays, g.requiredSecurity);
        }
    }

}
