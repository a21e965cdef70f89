package io.creditcontrol.collections.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.creditcontrol.collections.aging.AgingReport;
import io.creditcontrol.collections.aging.AgingReport.CurrencyAging;
import io.creditcontrol.collections.ledger.OpenItem;
import io.creditcontrol.collections.security.Roles;

/** Aging of open receivables per buyer and for the whole portfolio, as of any date. */
@Path("/api/v1")
@Tag(name = "Aging", description = "Open receivables by days past due")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
public class AgingResource {

    private final AgingReport report;
    private final Clock clock;

    AgingResource(AgingReport report, Clock clock) {
        this.report = report;
        this.clock = clock;
    }

    @GET
    @Path("/buyers/{buyerId}/aging")
    @Operation(summary = "A buyer's aging per currency: current, 1-30, 31-60, 61-90, 90+ days past due (configurable), disputed shown apart")
    public AgingView buyerAging(@PathParam("buyerId") String buyerId,
            @Parameter(description = "Report date, YYYY-MM-DD; today when absent", example = "2026-12-31") @QueryParam("asOf") String asOf) {
        if (OpenItem.count("buyerId", buyerId) == 0) {
            throw new NotFoundException("Buyer " + buyerId + " has no invoices in the ledger");
        }
        LocalDate date = asOf(asOf, clock);
        return new AgingView(date, buyerId, report.asOf(date, buyerId));
    }

    @GET
    @Path("/aging")
    @Operation(summary = "The portfolio's aging per currency, as of any date")
    public AgingView portfolioAging(
            @Parameter(description = "Report date, YYYY-MM-DD; today when absent", example = "2026-12-31") @QueryParam("asOf") String asOf) {
        LocalDate date = asOf(asOf, clock);
        return new AgingView(date, null, report.asOf(date, null));
    }

    static LocalDate asOf(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return LocalDate.now(clock);
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException("asOf", "'" + value + "' is not a date (YYYY-MM-DD)");
        }
    }

    /** buyerId is null for the portfolio. */
    public record AgingView(LocalDate asOf, String buyerId, List<CurrencyAging> currencies) {
    }
}
