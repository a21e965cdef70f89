package io.creditcontrol.scoring.api;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code type} is stable (the service README lists them);
 * {@code violations} names every bad field of a request.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://creditcontrol.io/problems/";

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(URI.create(BASE + slug), title, status, detail, null, List.of());
    }

    public Problem withViolations(List<Violation> violations) {
        return new Problem(type, title, status, detail, instance, violations);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, violations);
    }

    /** One bad field: its JSON path in the request and what is wrong with it. */
    public record Violation(String field, String message) {
    }
}
