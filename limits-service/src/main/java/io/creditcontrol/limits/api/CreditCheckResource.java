package io.creditcontrol.limits.api;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.creditcontrol.limits.credit.CreditCheckService;
import io.creditcontrol.limits.credit.CreditCheckService.CheckCommand;
import io.creditcontrol.limits.credit.CreditCheckService.Outcome;
import io.creditcontrol.limits.credit.CreditDecision;
import io.creditcontrol.limits.credit.LimitBasis;
import io.creditcontrol.limits.credit.Decision;
import io.creditcontrol.limits.credit.Reservation;
import io.creditcontrol.limits.security.CurrentUser;
import io.creditcontrol.limits.security.RateLimiter;
import io.creditcontrol.limits.security.Roles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The credit check ERP systems call for every sales order, and its read-only what-if variant. */
@Path("/api/v1/credit-checks")
@Tag(name = "Credit check", description = "Real-time credit decisions on orders, with reservations of the approved amount")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CreditCheckResource {

    static final String REPLAYED = "Idempotent-Replayed";

    private final CreditCheckService service;
    private final CurrentUser user;
    private final RateLimiter rateLimiter;
    private final MeterRegistry registry;

    CreditCheckResource(CreditCheckService service, CurrentUser user, RateLimiter rateLimiter, MeterRegistry registry) {
        this.service = service;
        this.user = user;
        this.rateLimiter = rateLimiter;
        this.registry = registry;
    }

    @POST
    @Operation(summary = "Check an order and reserve its amount if approved",
            description = "Decides APPROVED, APPROVED_WITH_CONDITIONS, REFERRED or BLOCKED with reason codes and the limit, "
                    + "exposure (before the order) and headroom used, all in the limit's currency. An approved order reserves "
                    + "its amount until invoiced, released or expired. Repeating the request with the same Idempotency-Key "
                    + "(or, without the header, the same buyer and order reference) returns the first answer and reserves "
                    + "nothing more; the response then carries the header Idempotent-Replayed: true.")
    @APIResponse(responseCode = "200", description = "The decision", content = @Content(schema = @Schema(implementation = CreditCheckResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named; nothing reserved",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown buyer; nothing reserved",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The idempotency key was used for a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many checks from this user; retry after Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed(Roles.ERP)
    public Response check(
            @Parameter(description = "Makes a retry safe: the same key returns the first answer", example = "7f1c2a9e-erp-retry")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            CreditCheckRequest request) {
        rateLimiter.acquire(RateLimiter.CREDIT_CHECK, user.name());
        CheckCommand command = command(request, idempotencyKey);
        Timer.Sample timing = Timer.start(registry);
        Outcome outcome;
        try {
            outcome = service.check(command);
        } catch (RuntimeException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            // the same request ran at the same moment and stored its answer first: ours was rolled back
            outcome = service.replay(command);
        }
        if (!outcome.replayed()) {
            timing.stop(checks(outcome.decision().decision));
        }
        return Response.ok(CreditCheckResponse.from(outcome.decision(), outcome.reservation()))
                .header(REPLAYED, outcome.replayed())
                .build();
    }

    @POST
    @Path("/what-if")
    @Operation(summary = "What the credit check would decide now, without reserving, storing or publishing anything",
            description = "For quoting. Same request and answer as the credit check, without decisionId and reservation.")
    @APIResponse(responseCode = "200", description = "The decision the check would take", content = @Content(schema = @Schema(implementation = CreditCheckResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown buyer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many what-if checks from this user; retry after Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed(Roles.ERP)
    public CreditCheckResponse whatIf(CreditCheckRequest request) {
        rateLimiter.acquire(RateLimiter.WHAT_IF, user.name());
        CreditDecision decision = service.whatIf(command(request, null));
        decision.id = null;
        return CreditCheckResponse.from(decision, null);
    }

    @GET
    @Path("/{decisionId}")
    @Operation(summary = "A stored credit decision")
    @APIResponse(responseCode = "200", description = "The decision as taken", content = @Content(schema = @Schema(implementation = CreditCheckResponse.class)))
    @APIResponse(responseCode = "404", description = "No such decision",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RolesAllowed({ Roles.ERP, Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
    public CreditCheckResponse decision(@PathParam("decisionId") String decisionId) {
        CreditDecision decision = service.find(decisionId);
        Reservation reservation = decision.reservationId == null ? null : Reservation.findById(decision.reservationId);
        return CreditCheckResponse.from(decision, reservation);
    }

    /** credit.checks: time from the request to the stored decision, per decision, with a histogram for percentiles. */
    private Timer checks(Decision decision) {
        return Timer.builder("credit.checks").description("Credit checks of orders that reserved or decided (replays not counted)")
                .tag("decision", decision.name()).publishPercentileHistogram().register(registry);
    }

    private static CheckCommand command(CreditCheckRequest request, String idempotencyKey) {
        Violations violations = new Violations();
        if (request == null) {
            violations.add("body", "is required");
            violations.throwIfAny();
        }
        violations.id(request.buyerId(), "buyerId");
        violations.text(request.orderReference(), "orderReference", 64);
        int digits = violations.currency(request.currency(), "currency");
        violations.amount(request.amount(), "amount", digits, false);
        if (request.requestedTermsDays() != null) {
            violations.check(request.requestedTermsDays() >= 0 && request.requestedTermsDays() <= 365,
                    "requestedTermsDays", "must be between 0 and 365");
        }
        if (idempotencyKey != null) {
            violations.check(!idempotencyKey.isBlank() && idempotencyKey.length() <= 128, "Idempotency-Key",
                    "header must be 1 to 128 characters");
        }
        violations.throwIfAny();
        String key = idempotencyKey != null ? "key:" + idempotencyKey : "order:" + request.buyerId() + ":" + request.orderReference();
        return new CheckCommand(request.buyerId(), request.orderReference(), request.amount(), request.currency(),
                request.requestedTermsDays(), key);
    }

    static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    @Schema(description = "An order to check")
    public record CreditCheckRequest(
            @Schema(required = true, example = "B-100234") String buyerId,
            @Schema(required = true, description = "The sales order; also the default idempotency key", example = "SO-2025-01342") String orderReference,
            @Schema(required = true, description = "Order amount, at most the currency's decimals", example = "42000.00") BigDecimal amount,
            @Schema(required = true, example = "EUR") String currency,
            @Schema(description = "Payment terms the order asks for, in days", example = "60") Integer requestedTermsDays) {
    }

    @Schema(description = "A credit decision. limit, exposure (before this order) and headroom are in limitCurrency")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreditCheckResponse(
            @Schema(description = "Absent for a what-if check") String decisionId,
            String buyerId,
            String orderReference,
            BigDecimal amount,
            String currency,
            Decision decision,
            @Schema(description = "LIMIT_EXCEEDED, NO_LIMIT, GRADE_BELOW_POLICY_MINIMUM, OVERDUE_BEYOND_<days>, REVIEW_OVERDUE, "
                    + "MAX_ORDER_VALUE_EXCEEDED, FX_RATE_MISSING, UNINSURED_EXPOSURE_EXCEEDED, SECURITY_REQUIRED, TERMS_REDUCED; "
                    + "RELEASED_BY_ANALYST / REJECTED_BY_ANALYST on an analyst's decision") List<String> reasonCodes,
            @Schema(description = "Security required before delivery: PREPAYMENT, LETTER_OF_CREDIT, GUARANTEE") List<String> conditions,
            @Schema(description = "Payment terms granted (the grade's terms when shorter than requested)") Integer grantedTermsDays,
            BigDecimal limit,
            BigDecimal exposure,
            BigDecimal headroom,
            String limitCurrency,
            @Schema(description = "Rate used to convert the order into the limit's currency") BigDecimal fxRate,
            int policyVersion,
            @Schema(description = "Which bound the limit rests on: ABSOLUTE, REVENUE_SHARE, EQUITY_SHARE, NO_FINANCIALS (policy limits), "
                    + "MANUAL (an analyst's limit), INSURANCE_COVER (the insurer's cover capped it)") LimitBasis limitBasis,
            Instant decidedAt,
            @Schema(description = "The decision case a REFERRED or BLOCKED order opened for an analyst") String caseId,
            ReservationView reservation) {

        static CreditCheckResponse from(CreditDecision d, Reservation reservation) {
            return new CreditCheckResponse(d.id, d.buyerId, d.orderReference, d.amount, d.currency, d.decision,
                    split(d.reasonCodes), split(d.conditions), d.grantedTermsDays, d.limitAmount, d.exposure, d.headroom,
                    d.limitCurrency, d.fxRate, d.policyVersion, d.limitBasis, d.decidedAt, d.caseId,
                    reservation == null ? null : ReservationView.from(reservation));
        }

        private static List<String> split(String codes) {
            return codes == null || codes.isEmpty() ? List.of() : List.of(codes.split(","));
        }
    }

    @Schema(description = "The hold an approved order keeps on the buyer's exposure, in the limit's currency")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReservationView(String id, String buyerId, String orderReference, BigDecimal amount,
            @Schema(description = "The part the order's invoices have consumed (partial deliveries)") BigDecimal invoicedAmount,
            @Schema(description = "What the hold still holds: amount - invoicedAmount while ACTIVE or CONFIRMED, else 0") BigDecimal remainingAmount,
            String currency, Reservation.Status status, Instant createdAt, Instant expiresAt, Instant closedAt, String closedBy) {

        static ReservationView from(Reservation r) {
            return new ReservationView(r.id, r.buyerId, r.orderReference, r.amount, r.invoicedAmount,
                    r.status.holds() ? r.remaining() : BigDecimal.ZERO, r.currency, r.status, r.createdAt,
                    r.expiresAt, r.closedAt, r.closedBy);
        }
    }
}
