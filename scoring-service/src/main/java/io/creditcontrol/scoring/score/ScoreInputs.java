package io.creditcontrol.scoring.score;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the model looks at for one buyer, as plain values (no entities), so that the model
 * is a pure function of its inputs, the parameters and "today".
 *
 * @param invoices          the buyer's invoices with the seller
 * @param latestStatement   the financial statement with the latest period end; null if none
 * @param signals           every warning signal reported about the buyer
 * @param relationshipStart when the trading relationship began; null if unknown
 * @param brokenPromises    the dates by which the buyer had promised to pay and did not
 * @param parent            the group parent (master data parentId) and its current grade; null when the buyer
 *                          has no parent or the parent is not scored
 */
public record ScoreInputs(List<InvoiceFact> invoices, StatementFact latestStatement, List<SignalFact> signals,
        LocalDate relationshipStart, List<LocalDate> brokenPromises, ParentFact parent) {

    /** Inputs of a buyer without a scored group parent. */
    public ScoreInputs(List<InvoiceFact> invoices, StatementFact latestStatement, List<SignalFact> signals, LocalDate relationshipStart,
            List<LocalDate> brokenPromises) {
        this(invoices, latestStatement, signals, relationshipStart, brokenPromises, null);
    }

    /** Inputs without broken promises. */
    public ScoreInputs(List<InvoiceFact> invoices, StatementFact latestStatement, List<SignalFact> signals, LocalDate relationshipStart) {
        this(invoices, latestStatement, signals, relationshipStart, List.of());
    }

    /**
     * One invoice as the payment experience sees it.
     *
     * @param open     amount still open (0 once settled)
     * @param disputed amount under open disputes
     * @param everDisputed whether the buyer ever disputed (part of) the invoice
     */
    public record InvoiceFact(String invoiceNumber, String currency, BigDecimal amount, LocalDate issueDate, LocalDate dueDate,
            LocalDate settledOn, BigDecimal open, BigDecimal disputed, boolean everDisputed) {
    }

    /** Key figures of a financial statement (all in one currency). */
    public record StatementFact(LocalDate periodEnd, String currency, BigDecimal totalAssets, BigDecimal currentAssets,
            BigDecimal currentLiabilities, BigDecimal totalLiabilities, BigDecimal retainedEarnings, BigDecimal ebit,
            BigDecimal revenue, BigDecimal bookEquity) {
    }

    /** The buyer's group parent and the grade it currently has. */
    public record ParentFact(String buyerId, int grade) {
    }

    /** A warning signal; severity may be null (treated as MEDIUM). */
    public record SignalFact(String signal, LocalDate observedOn, String severity, String description) {
    }
}
