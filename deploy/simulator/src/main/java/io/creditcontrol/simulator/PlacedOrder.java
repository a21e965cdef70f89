package io.creditcontrol.simulator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A sales order the feeder placed through limits-service's credit check just before the invoice that bills it, with
 * the suite's answer: what the ERP would have done (ship when approved, hold when referred or blocked). The ledger
 * itself is history and is fed in full either way; these answers say what the suite would have changed.
 *
 * @param decision {@code APPROVED}, {@code APPROVED_WITH_CONDITIONS}, {@code REFERRED}, {@code BLOCKED}, or
 *                 {@code FAILED} when the check gave no decision (then {@code problem} says why)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlacedOrder(
        LocalDate date,
        String buyerId,
        String orderReference,
        String invoiceNumber,
        BigDecimal amount,
        String currency,
        String decision,
        List<String> reasonCodes,
        BigDecimal limit,
        BigDecimal exposure,
        String limitCurrency,
        String problem) {

    public boolean shipped() {
        return decision.equals("APPROVED") || decision.equals("APPROVED_WITH_CONDITIONS");
    }
}
