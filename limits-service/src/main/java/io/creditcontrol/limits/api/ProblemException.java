package io.creditcontrol.limits.api;

import java.util.List;

/** A failed request that is answered with a documented problem type; nothing was changed. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(List<Problem.Violation> violations) {
        return new ProblemException(Problem.of("invalid-request", "Invalid request", 400,
                "The request has invalid fields; nothing was changed").withViolations(violations));
    }

    /** A request naming something that does not exist (404), with the field that names it. */
    public static ProblemException unknown(String field, String detail) {
        return new ProblemException(Problem.of("not-found", "Not found", 404, detail)
                .withViolations(List.of(new Problem.Violation(field, "is not known"))));
    }

    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(Problem.of(slug, title, 409, detail));
    }

    public static ProblemException forbidden(String slug, String title, String detail) {
        return new ProblemException(Problem.of(slug, title, 403, detail));
    }
}
