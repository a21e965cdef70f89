package io.creditcontrol.alerts.webhook;

import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail with one violation per bad field of the request. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "WebhookProblem", description = "RFC 9457 problem detail; violations name each bad field")
public record WebhookProblem(URI type, String title, int status, String detail, String instance, List<Violation> violations) {

    public record Violation(@Schema(examples = "url") String field, @Schema(examples = "must be an http or https URL") String message) {
    }

    /** A request with bad fields: 400, every violation named. */
    public static class InvalidRequestException extends RuntimeException {
        final List<Violation> violations;

        public InvalidRequestException(List<Violation> violations) {
            super(violations.size() + " invalid field(s)");
            this.violations = List.copyOf(violations);
        }
    }

    /** The request contradicts the current state (replaying a delivery that has not failed...): 409. */
    public static class ConflictException extends RuntimeException {
        public ConflictException(String detail) {
            super(detail);
        }
    }
}
