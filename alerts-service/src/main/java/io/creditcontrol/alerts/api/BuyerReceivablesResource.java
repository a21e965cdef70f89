package io.creditcontrol.alerts.api;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.creditcontrol.alerts.buyers.Buyer;
import io.creditcontrol.alerts.buyers.RiskSignal;
import io.creditcontrol.alerts.receivables.CurrencyBalance;
import io.creditcontrol.alerts.receivables.Receivable;

/** What early warning knows about one buyer: what it owes, how late, and the signals reported. */
@Path("/api/v1/buyers")
@Tag(name = "Buyers", description = "Receivables and risk signals per buyer, as this service sees them")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN})
public class BuyerReceivablesResource {

    private final Clock clock;

    BuyerReceivablesResource(Clock clock) {
        this.clock = clock;
    }

    @GET
    @Path("/{buyerId}/receivables")
    @Operation(summary = "A buyer's open and overdue receivables per currency, and its risk signals",
            description = "Built from credit.invoices.v1, credit.payments.v1 and credit.buyers.v1. Overdue means open "
                    + "and past the due date as of today; oldestOverdueDays is how many days the oldest overdue invoice "
                    + "is late (0 when nothing is overdue). One balance per currency the buyer was invoiced in; currencies "
                    + "are never added together. Risk signals are listed in the order they were observed.")
    @APIResponse(responseCode = "200", description = "The buyer's receivables",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BuyerReceivables.class)))
    @APIResponse(responseCode = "404", description = "No event about this buyer has reached the service",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BuyerReceivables receivables(
            @Parameter(description = "The buyer's id, as on the events", example = "B-100234") @PathParam("buyerId") String buyerId) {
        Buyer buyer = Buyer.findById(buyerId);
        if (buyer == null) {
            throw new NotFoundException("Buyer " + buyerId + " is not known to alerts-service");
        }
        LocalDate today = LocalDate.now(clock);
        return new BuyerReceivables(buyer.buyerId, buyer.name, buyer.country, buyer.industry, buyer.parentId,
                CurrencyBalance.of(Receivable.ofBuyer(buyerId), today).stream().map(Balance::from).toList(),
                RiskSignal.ofBuyer(buyerId).stream().map(RiskSignalReport::from).toList());
    }

    @Schema(description = "A buyer's receivables and risk signals. name, country, industry and parentId are absent "
            + "until the buyer's registration has arrived.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BuyerReceivables(
            @Schema(examples = "B-100234") String buyerId,
            @Schema(examples = "Nordwind Maschinenbau GmbH") String name,
            @Schema(examples = "DE") String country,
            @Schema(examples = "C28.4") String industry,
            @Schema(description = "buyerId of the group parent", examples = "B-100001") String parentId,
            List<Balance> balances,
            List<RiskSignalReport> riskSignals) {
    }

    @Schema(description = "What the buyer owes in one currency, as of today")
    public record Balance(
            @Schema(examples = "EUR") String currency,
            @Schema(description = "Invoiced less paid, credited and written off", examples = "18450.00") BigDecimal open,
            @Schema(description = "The open part past its due date", examples = "1250.00") BigDecimal overdue,
            @Schema(description = "Days the oldest overdue invoice is past due; 0 when nothing is overdue", examples = "12") long oldestOverdueDays) {

        static Balance from(CurrencyBalance balance) {
            return new Balance(balance.currency(), balance.open(), balance.overdue(), balance.oldestOverdueDays());
        }
    }

    @Schema(description = "One report of a warning signal; severity, description and source are absent when not reported")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RiskSignalReport(
            @Schema(examples = "MANAGEMENT_CHANGE") String signal,
            @Schema(examples = "2025-05-05") LocalDate observedOn,
            @Schema(examples = "MEDIUM") String severity,
            @Schema(examples = "Managing director and CFO replaced within one month") String description,
            @Schema(description = "Where the signal comes from", examples = "Creditreform monitoring") String source,
            @Schema(description = "When it was reported (the event's time)") Instant reportedAt) {

        static RiskSignalReport from(RiskSignal signal) {
            return new RiskSignalReport(signal.signal, signal.observedOn, signal.severity, signal.description, signal.source,
                    signal.reportedAt);
        }
    }
}
