package io.creditcontrol.collections.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.creditcontrol.collections.intake.IntakeRejectedException;
import io.quarkus.security.ForbiddenException;

/** Every error this service answers is an RFC 9457 problem detail. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidRequest(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        return respond(Problem.of("validation", "The request is not valid", 400,
                violations.size() + " field(s) are not valid: " + violations.stream().map(Problem.Violation::field).distinct().collect(Collectors.joining(", ")))
                .withViolations(violations), uri);
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping ? pathOf(mapping) : "";
        String message;
        if (e instanceof UnrecognizedPropertyException unknown) {
            message = "is not a field of this request: clients do not set it";
        } else if (e instanceof InvalidFormatException format) {
            message = "'" + format.getValue() + "' is not a valid " + format.getTargetType().getSimpleName();
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            message = "must be a " + mismatch.getTargetType().getSimpleName();
        } else {
            message = "malformed JSON";
        }
        Problem problem = Problem.of("validation", "The request is not valid", 400, "The request body could not be read");
        return respond(problem.withViolations(List.of(new Problem.Violation(field.isEmpty() ? "body" : field, message))), uri);
    }

    // Quarkus REST ships its own mappers for these two; ours answer with problem details instead.
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableBody(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        return unreadableBody(e, uri);
    }

    @ServerExceptionMapper
    public Response rejected(IntakeRejectedException e, UriInfo uri) {
        Problem problem = switch (e.reason()) {
            case CONFLICTING_DUPLICATE -> Problem.of("document-conflict", "Document number already used", 409, e.getMessage());
            case UNKNOWN_INVOICE, UNKNOWN_DOCUMENT -> Problem.of("unknown-document", "Unknown document", 422, e.getMessage());
            case INCONSISTENT_DOCUMENT -> Problem.of("inconsistent-document", "Document does not match what was received", 422, e.getMessage());
        };
        if (e.field() != null) {
            problem = problem.withViolations(List.of(new Problem.Violation(e.field(), e.getMessage())));
        }
        return respond(problem, uri);
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e, UriInfo uri) {
        return respond(Problem.of("validation", "The request is not valid", 400, "1 field(s) are not valid: " + e.parameter())
                .withViolations(List.of(new Problem.Violation(e.parameter(), e.getMessage()))), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of("forbidden", "Forbidden", 403, "Your role does not allow this request"), uri);
    }

    @ServerExceptionMapper
    public Response unknownReference(UnknownReferenceException e, UriInfo uri) {
        return respond(Problem.of("not-found", "Not found", 404, e.getMessage())
                .withViolations(List.of(new Problem.Violation(e.field(), e.getMessage()))), uri);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return respond(Problem.of("not-found", "Not found", 404, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        return respond(Problem.of("http-" + status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), status, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.error("Unexpected failure", e);
        return respond(Problem.of("internal", "Internal error", 500, "The request failed; nothing was changed. Reference: " + uri.getPath()), uri);
    }

    static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.at(uri.getPath())).build();
    }

    /** "issue.request.amount" (method, parameter, field) becomes "amount". */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, PARAMETER, CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> names.clear();
                default -> {
                    String name = node.getName();
                    if (name != null && !name.startsWith("<")) {
                        names.add(node.getIndex() != null ? name + "[" + node.getIndex() + "]" : name);
                    } else if (node.getIndex() != null && !names.isEmpty()) {
                        int last = names.size() - 1;
                        names.set(last, names.get(last) + "[" + node.getIndex() + "]");
                    }
                }
            }
        }
        String field = String.join(".", names);
        // class-level rules are named after their getter ("dueDate" from isDueDate)
        return field.isEmpty() ? "body" : field;
    }

    static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
