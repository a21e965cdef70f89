package io.creditcontrol.alerts.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.creditcontrol.alerts.alert.Alert;
import io.creditcontrol.alerts.alert.AlertRule;
import io.creditcontrol.alerts.alert.AlertState;
import io.creditcontrol.alerts.alert.AlertTransition;
import io.creditcontrol.alerts.alert.Alerts;
import io.creditcontrol.alerts.alert.Severity;
import io.creditcontrol.alerts.rules.AlertRulesConfig;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;

/** The alerts the early-warning rules raised: find them, read their history, acknowledge and resolve them. */
@Path("/api/v1/alerts")
@Tag(name = "Alerts", description = "Early-warning alerts: query, acknowledge, resolve")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

    private final Alerts alerts;
    private final SecurityIdentity identity;
    private final int maxPageSize;

    AlertsResource(Alerts alerts, SecurityIdentity identity, AlertRulesConfig config) {
        this.alerts = alerts;
        this.identity = identity;
        this.maxPageSize = config.api().maxPageSize();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN})
    @Operation(summary = "Alerts, newest first, filtered and paged",
            description = "Filters combine (and). from/to bound raisedAt (from inclusive, to exclusive), RFC 3339 instants. "
                    + "page starts at 0; size is at most credit.alerts.api.max-page-size (200), larger is a 400 problem.")
    public AlertPage list(
            @Parameter(description = "Buyer id") @QueryParam("buyerId") String buyerId,
            @Parameter(description = "INFO, WARNING or CRITICAL") @QueryParam("severity") String severity,
            @Parameter(description = "OPEN, ACKNOWLEDGED or RESOLVED") @QueryParam("state") String state,
            @Parameter(description = "Rule name, e.g. OVERDUE") @QueryParam("rule") String rule,
            @Parameter(description = "Raised at or after, e.g. 2026-11-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "Raised before") @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        List<Problem.Violation> violations = new ArrayList<>();
        Severity severityFilter = parseEnum(Severity.class, "severity", severity, violations);
        AlertState stateFilter = parseEnum(AlertState.class, "state", state, violations);
        AlertRule ruleFilter = parseEnum(AlertRule.class, "rule", rule, violations);
        Instant fromFilter = parseInstant("from", from, violations);
        Instant toFilter = parseInstant("to", to, violations);
        if (page < 0) {
            violations.add(new Problem.Violation("page", "must be 0 or more"));
        }
        if (size < 1 || size > maxPageSize) {
            violations.add(new Problem.Violation("size", "must be between 1 and " + maxPageSize));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (buyerId != null && !buyerId.isBlank()) {
            query.append(" and buyerId = :buyerId");
            params.put("buyerId", buyerId);
        }
        if (severityFilter != null) {
            query.append(" and severity = :severity");
            params.put("severity", severityFilter);
        }
        if (stateFilter != null) {
            query.append(" and state = :state");
            params.put("state", stateFilter);
        }
        if (ruleFilter != null) {
            query.append(" and rule = :rule");
            params.put("rule", ruleFilter);
        }
        if (fromFilter != null) {
            query.append(" and raisedAt >= :from");
            params.put("from", fromFilter);
        }
        if (toFilter != null) {
            query.append(" and raisedAt < :to");
            params.put("to", toFilter);
        }
        PanacheQuery<Alert> found = Alert.find(query.toString(), Sort.descending("raisedAt").and("alertId"), params);
        long total = found.count();
        List<AlertView> items = found.page(Page.of(page, size)).list().stream().map(AlertView::from).toList();
        return new AlertPage(items, page, size, total);
    }

    @GET
    @Path("/{alertId}")
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN})
    @Operation(summary = "One alert with its full history (every transition, who made it and why)")
    public AlertDetail get(@PathParam("alertId") String alertId) {
        Alert alert = Alert.findById(alertId);
        if (alert == null) {
            throw new NotFoundException("Alert " + alertId + " does not exist");
        }
        return AlertDetail.from(alert);
    }

    @POST
    @Path("/{alertId}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed({Roles.ANALYST, Roles.COLLECTOR})
    @Operation(summary = "Acknowledge an open alert (someone is on it); 409 problem when it is not OPEN",
            description = "The body is optional; who acknowledged is the authenticated principal.")
    public AlertDetail acknowledge(@PathParam("alertId") String alertId, @Valid AcknowledgeRequest request) {
        Alert alert = alerts.acknowledge(alertId, actor(), request == null ? null : request.note());
        return AlertDetail.from(alert);
    }

    @POST
    @Path("/{alertId}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed({Roles.ANALYST, Roles.COLLECTOR})
    @Operation(summary = "Resolve an open or acknowledged alert with a note; 409 problem when already RESOLVED",
            description = "Who resolved is the authenticated principal.")
    public AlertDetail resolve(@PathParam("alertId") String alertId, @Valid ResolveRequest request) {
        if (request == null) {
            throw new InvalidRequestException(List.of(new Problem.Violation("note", "must not be blank")));
        }
        Alert alert = alerts.resolve(alertId, actor(), request.note());
        return AlertDetail.from(alert);
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String field, String value, List<Problem.Violation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            violations.add(new Problem.Violation(field, "must be one of " + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    private static Instant parseInstant(String field, String value, List<Problem.Violation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            violations.add(new Problem.Violation(field, "must be an RFC 3339 timestamp such as 2026-11-01T00:00:00Z"));
            return null;
        }
    }

    @Schema(description = "Optional note when acknowledging")
    public record AcknowledgeRequest(@Size(max = 2000) String note) {
    }

    @Schema(description = "Why the alert is resolved")
    public record ResolveRequest(@NotBlank @Size(max = 2000) String note) {
    }

    @Schema(description = "One page of alerts")
    public record AlertPage(List<AlertView> items, int page, int size, long total) {
    }

    @Schema(description = "An alert's current state")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlertView(String alertId, String buyerId, String rule, String cause, String severity, String state, int count,
            String summary, Instant raisedAt, Instant lastFiredAt, Instant acknowledgedAt, String acknowledgedBy,
            Instant resolvedAt, String resolvedBy) {

        static AlertView from(Alert a) {
            return new AlertView(a.alertId, a.buyerId, a.rule.name(), a.causeKey, a.severity.name(), a.state.name(), a.fireCount,
                    a.summary, a.raisedAt, a.lastFiredAt, a.acknowledgedAt, a.acknowledgedBy, a.resolvedAt, a.resolvedBy);
        }
    }

    @Schema(description = "An alert with its history, oldest transition first")
    public record AlertDetail(AlertView alert, List<Transition> history) {

        static AlertDetail from(Alert a) {
            return new AlertDetail(AlertView.from(a), AlertTransition.of(a.alertId).stream().map(Transition::from).toList());
        }
    }

    @Schema(description = "One transition: RAISED, FIRED_AGAIN, SEVERITY_RAISED, ACKNOWLEDGED or RESOLVED")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Transition(Instant at, String action, String fromState, String toState, String severity, int count, String actor,
            String note) {

        static Transition from(AlertTransition t) {
            return new Transition(t.happenedAt, t.action.name(), t.fromState == null ? null : t.fromState.name(), t.toState.name(),
                    t.severity.name(), t.fireCount, t.actor, t.note);
        }
    }
}
