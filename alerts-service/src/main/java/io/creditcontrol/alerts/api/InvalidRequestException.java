package io.creditcontrol.alerts.api;

import java.util.List;

/** A request that breaks one or more rules; answered 400 with every bad field named, and nothing changed. */
public class InvalidRequestException extends RuntimeException {

    private final List<Problem.Violation> violations;

    public InvalidRequestException(List<Problem.Violation> violations) {
        super(violations.size() + " invalid field(s)");
        this.violations = List.copyOf(violations);
    }

    public List<Problem.Violation> violations() {
        return violations;
    }
}
