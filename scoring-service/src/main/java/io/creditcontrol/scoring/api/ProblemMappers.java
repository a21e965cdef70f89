package io.creditcontrol.scoring.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Every error this service answers is an RFC 9457 problem detail. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return respond(Problem.of("not-found", "Not found", 404, e.getMessage()), uri);
    }

    /** The token is valid but its roles do not include one the endpoint names (docs/security.md). */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return respond(Problem.of("forbidden", "Forbidden", 403, "Your roles do not allow this request"), uri);
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e, UriInfo uri) {
        return respond(invalid(e.violations()), uri);
    }

    /** Bean Validation of parameters: every violation named by its parameter or field. */
    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = new ArrayList<>();
        e.getConstraintViolations().forEach(v -> violations.add(new Problem.Violation(lastNode(v.getPropertyPath()), v.getMessage())));
        violations.sort(Comparator.comparing(Problem.Violation::field));
        return respond(invalid(violations), uri);
    }

    /** A body that does not parse into the request record (a bad date, an unknown enum value, text for a number). */
    @ServerExceptionMapper
    public Response unreadableBody(JsonMappingException e, UriInfo uri) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                field.append(field.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        String message = e.getOriginalMessage() == null ? "unreadable value" : e.getOriginalMessage().lines().findFirst().orElse("");
        return respond(invalid(List.of(new Problem.Violation(field.length() == 0 ? "body" : field.toString(), message))), uri);
    }

    // Quarkus REST ships its own mappers for these two (a plain JSON answer); ours answer with problem details instead.
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableBody(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        return respond(invalid(List.of(new Problem.Violation("body", "malformed JSON"))), uri);
    }

    /**
     * A body field the client does not own (a grade, a probability, who submitted it):
     * quarkus.jackson.fail-on-unknown-properties refuses it, and the problem names it.
     */
    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return respond(invalid(List.of(new Problem.Violation(e.getPropertyName(),
                "is not a field of this request (it cannot be set by a client)"))), uri);
    }

    @ServerExceptionMapper
    public Response conflict(ClientErrorException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == 409) {
            return respond(Problem.of("conflict", "Conflict", 409, e.getMessage()), uri);
        }
        return webApplication(e, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return respond(Problem.of("http-" + status, known == null ? "Error" : known.getReasonPhrase(), status, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.error("Unexpected failure", e);
        return respond(Problem.of("internal", "Internal error", 500, "The request failed. Reference: " + uri.getPath()), uri);
    }

    private static Problem invalid(List<Problem.Violation> violations) {
        return Problem.of("invalid-request", "Invalid request", 400, "The request was not applied; see violations")
                .withViolations(violations);
    }

    private static String lastNode(Path path) {
        String name = null;
        for (Path.Node node : path) {
            name = node.getName();
        }
        return name == null ? path.toString() : name;
    }

    static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.at(uri.getPath())).build();
    }
}
