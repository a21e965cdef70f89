package io.creditcontrol.collections.intake;

/**
 * A well-formed document the ledger cannot take: it names an invoice that was never received,
 * or re-uses a document number for different content. Thrown before anything is written.
 */
public class IntakeRejectedException extends RuntimeException {

    public enum Reason { UNKNOWN_INVOICE, UNKNOWN_DOCUMENT, CONFLICTING_DUPLICATE, INCONSISTENT_DOCUMENT }

    private final Reason reason;
    private final String field;

    public IntakeRejectedException(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
