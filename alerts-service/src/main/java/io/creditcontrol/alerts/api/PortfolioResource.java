package io.creditcontrol.alerts.api;

import java.math.BigDecimal;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.creditcontrol.alerts.receivables.PortfolioTotals;
import io.creditcontrol.alerts.receivables.PortfolioTotals.CurrencyConcentration;

/** The receivables portfolio as a whole: how much is open and how concentrated it is. */
@Path("/api/v1/portfolio")
@Tag(name = "Portfolio", description = "Open receivables over all buyers, per currency")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN})
public class PortfolioResource {

    private final PortfolioTotals totals;

    PortfolioResource(PortfolioTotals totals) {
        this.totals = totals;
    }

    @GET
    @Operation(summary = "Open receivables per currency, how many buyers owe them and the largest buyer's share",
            description = "One entry per currency in which something is open, in currency order; currencies are never "
                    + "added together. largestBuyerShare is the open amount of the buyer who owes most, divided by "
                    + "totalOpen, with 4 decimals (0.4250 = 42.5 %).")
    public Portfolio portfolio() {
        return new Portfolio(totals.concentration().stream().map(CurrencyPortfolio::from).toList());
    }

    @Schema(description = "The open receivables of the portfolio")
    public record Portfolio(List<CurrencyPortfolio> currencies) {
    }

    @Schema(description = "Open receivables in one currency")
    public record CurrencyPortfolio(
            @Schema(examples = "EUR") String currency,
            @Schema(description = "Sum of what all buyers have open", examples = "1250000.00") BigDecimal totalOpen,
            @Schema(description = "Buyers with at least one open invoice", examples = "42") long buyersWithOpenItems,
            @Schema(description = "Open amount of the buyer who owes most / totalOpen, 4 decimals", examples = "0.1375") BigDecimal largestBuyerShare) {

        static CurrencyPortfolio from(CurrencyConcentration concentration) {
            return new CurrencyPortfolio(concentration.currency(), concentration.totalOpen(),
                    concentration.buyersWithOpenItems(), concentration.largestBuyerShare());
        }
    }
}
