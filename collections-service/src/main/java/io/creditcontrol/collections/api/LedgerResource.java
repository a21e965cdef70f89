package io.creditcontrol.collections.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.creditcontrol.collections.ledger.OpenItem;
import io.creditcontrol.collections.ledger.ReceivedPayment;
import io.creditcontrol.collections.security.Roles;

/** Read side of the receivables ledger, as built from the invoice and payment topics. */
@Path("/api/v1")
@Tag(name = "Ledger", description = "Open items and balances per buyer")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN, Roles.ERP })
public class LedgerResource {

    @GET
    @Path("/invoices/{invoiceNumber}")
    @Operation(summary = "One invoice as the ledger sees it: paid, credited, written off, disputed and open amounts")
    public OpenItemView invoice(@PathParam("invoiceNumber") String invoiceNumber) {
        OpenItem item = OpenItem.findById(invoiceNumber);
        if (item == null) {
            throw new NotFoundException("Invoice " + invoiceNumber + " is not in the ledger");
        }
        return OpenItemView.from(item);
    }

    @GET
    @Path("/buyers/{buyerId}/ledger")
    @Operation(summary = "A buyer's balances per currency (invoiced - paid - credited - written off = open) and open items")
    public BuyerLedgerView buyerLedger(@PathParam("buyerId") String buyerId) {
        List<OpenItem> items = OpenItem.ofBuyer(buyerId);
        List<ReceivedPayment> payments = ReceivedPayment.ofBuyer(buyerId);
        if (items.isEmpty() && payments.isEmpty()) {
            throw new NotFoundException("Buyer " + buyerId + " has no receivables in the ledger");
        }
        Map<String, Balance> balances = new TreeMap<>();
        for (OpenItem item : items) {
            balances.merge(item.currency, Balance.of(item), Balance::plus);
        }
        for (ReceivedPayment payment : payments) {
            balances.merge(payment.currency, Balance.unapplied(payment), Balance::plus);
        }
        return new BuyerLedgerView(buyerId, List.copyOf(balances.values()), items.stream().map(OpenItemView::from).toList());
    }

    /** Amounts as people write them: 1200.00 rather than the stored 1200.0000, with no digit lost. */
    static BigDecimal shown(BigDecimal amount) {
        return amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()));
    }

    public record BuyerLedgerView(String buyerId, List<Balance> balances, List<OpenItemView> items) {
    }

    public record Balance(String currency, BigDecimal invoiced, BigDecimal paid, BigDecimal credited,
            BigDecimal writtenOff, BigDecimal open, BigDecimal disputed, BigDecimal unappliedCash) {

        static Balance of(OpenItem item) {
            return new Balance(item.currency, shown(item.amount), shown(item.paidAmount), shown(item.creditedAmount),
                    shown(item.writtenOffAmount), shown(item.openAmount()), shown(item.disputedAmount), shown(BigDecimal.ZERO));
        }

        static Balance unapplied(ReceivedPayment payment) {
            BigDecimal zero = shown(BigDecimal.ZERO);
            return new Balance(payment.currency, zero, zero, zero, zero, zero, zero, shown(payment.unappliedAmount));
        }

        Balance plus(Balance other) {
            return new Balance(currency, invoiced.add(other.invoiced), paid.add(other.paid), credited.add(other.credited),
                    writtenOff.add(other.writtenOff), open.add(other.open), disputed.add(other.disputed),
                    unappliedCash.add(other.unappliedCash));
        }
    }

    public record OpenItemView(String invoiceNumber, String buyerId, String currency, BigDecimal amount,
            BigDecimal paid, BigDecimal credited, BigDecimal writtenOff, BigDecimal disputed, BigDecimal open,
            LocalDate issueDate, LocalDate dueDate, String orderReference) {

        static OpenItemView from(OpenItem item) {
            return new OpenItemView(item.invoiceNumber, item.buyerId, item.currency, shown(item.amount), shown(item.paidAmount),
                    shown(item.creditedAmount), shown(item.writtenOffAmount), shown(item.disputedAmount), shown(item.openAmount()),
                    item.issueDate, item.dueDate, item.orderReference);
        }
    }
}
