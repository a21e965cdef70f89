package io.creditcontrol.alerts.api;

import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail; {@code type} is stable, {@code title} is for people, {@code violations} names every bad field. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem detail")
public record Problem(
        @Schema(examples = "https://creditcontrol.io/problems/not-found") URI type,
        @Schema(examples = "Not found") String title,
        @Schema(examples = "404") int status,
        @Schema(examples = "Buyer B-100234 is not known to alerts-service") String detail,
        @Schema(examples = "/api/v1/buyers/B-100234/receivables") String instance,
        @Schema(description = "Every bad field of an invalid request") List<Violation> violations) {

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

    /** One bad field: its name (query parameter or JSON path in the body) and what is wrong with it. */
    public record Violation(String field, String message) {
    }
}
