package io.creditcontrol.limits.api;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code type} is stable and documented (the service README, "Problems").
 * Bad input carries one {@code violations} entry per offending field.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://creditcontrol.io/problems/";

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(URI.create(BASE + slug), title, status, detail, null, List.of());
    }

    public Problem withViolations(List<Violation> list) {
        return new Problem(type, title, status, detail, instance, list);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, violations);
    }

    /** One invalid field of a request: its name as the client wrote it, and what is wrong. */
    public record Violation(String field, String message) {
    }
}
