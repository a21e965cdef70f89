package io.creditcontrol.collections.api;

/** A request field naming something this service does not know (an invoice); answered as a 404 problem naming the field. */
public class UnknownReferenceException extends RuntimeException {

    private final String field;

    public UnknownReferenceException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
