package io.creditcontrol.limits.api;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.creditcontrol.limits.config.SimulationConfig;
import io.creditcontrol.limits.security.Roles;
import io.creditcontrol.limits.simulation.SimulatedDays;

/**
 * The simulated date of a scenario run (docs/simulator.md): a feeder moves it day by day, and the
 * reservation expiry of every date passed over runs before the answer. Exists only when
 * {@code credit.simulation.clock-adjustable} is set, never in production.
 */
@Path(SimulationClockResource.PATH)
@Tag(name = "Simulation", description = "The simulated date of a scenario run; only with credit.simulation.clock-adjustable=true, "
        + "otherwise 404")
@Produces(MediaType.APPLICATION_JSON)
public class SimulationClockResource {

    static final String PATH = "/api/v1/simulation/clock";
    /** RFC 3339 as the feeder sends it: seconds and an offset required, fractions optional. */
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T').appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z").toFormatter();

    private final Clock clock;
    private final SimulatedDays days;

    SimulationClockResource(Clock clock, SimulatedDays days) {
        this.clock = clock;
        this.days = days;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN})
    @Operation(summary = "The service's simulated now")
    public ClockView now() {
        return new ClockView(clock.instant(), true);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Move the simulated now", description = "The clock then keeps ticking in real time. When the date moves "
            + "forward, answers after the reservation expiry of every date passed over, in order; a date's run happens once. "
            + "Moving back is allowed and runs nothing.")
    @APIResponse(responseCode = "200", description = "Moved")
    @APIResponse(responseCode = "400", description = "now missing or not an RFC 3339 date-time with seconds and an offset")
    public ClockMove move(ClockSetting body) {
        Instant now = parse(body == null ? null : body.now());
        Instant previous = days.moveTo(now);
        return new ClockMove(now, previous);
    }

    private static Instant parse(String now) {
        if (now == null || now.isBlank()) {
            throw invalidNow("is required: the simulated instant, e.g. 2025-03-14T00:00:00Z");
        }
        try {
            return OffsetDateTime.parse(now, RFC_3339).toInstant();
        } catch (DateTimeParseException e) {
            throw invalidNow("'" + now + "' is not an RFC 3339 date-time with seconds and an offset, e.g. 2025-03-14T00:00:00Z");
        }
    }

    private static ProblemException invalidNow(String message) {
        return ProblemException.badRequest(List.of(new Problem.Violation("now", message)));
    }

    public record ClockSetting(@Schema(required = true, description = "The simulated instant", example = "2025-03-14T00:00:00Z") String now) {
    }

    public record ClockMove(@Schema(description = "The clock's new instant") Instant now,
            @Schema(description = "The instant it showed before") Instant previous) {
    }

    public record ClockView(Instant now, @Schema(description = "Always true: without it the endpoint does not exist") boolean adjustable) {
    }

    /** Without credit.simulation.clock-adjustable the endpoint does not exist: 404 for every method and role. */
    public static class Gate {

        private final SimulationConfig simulation;

        Gate(SimulationConfig simulation) {
            this.simulation = simulation;
        }

        @ServerRequestFilter(preMatching = true)
        public Optional<Response> hideUnlessAdjustable(ContainerRequestContext request) {
            String path = request.getUriInfo().getPath();
            if (!simulation.clockAdjustable() && (path.equals(PATH) || path.startsWith(PATH + "/"))) {
                throw new NotFoundException();
            }
            return Optional.empty();
        }
    }
}
