package io.creditcontrol.limits.api;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error this service answers is an RFC 9457 problem detail. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return respond(Problem.of("not-found", "Not found", 404, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response ambiguousInvoiceNumber(AmbiguousInvoiceNumberException e, UriInfo uri) {
        return respond(Problem.of("ambiguous-invoice-number", "Invoice number used by several buyers", 409, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    /** A field of the wrong type ("amount": "lots"): 400 naming the field (replaces Quarkus' own JSON answer). */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return unreadableBody(e, uri);
    }

    /**
     * A body carrying a field the client does not own or that does not exist ("exposure", "limit",
     * "status", ...): 400 naming it (quarkus.jackson.fail-on-unknown-properties=true).
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 200)
    public Response unknownField(com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(e.getPropertyName());
        return respond(Problem.of("invalid-request", "Invalid request", 400,
                "The request body has a field this request does not accept; nothing was changed")
                .withViolations(java.util.List.of(new Problem.Violation(field, "is not a field of this request"))), uri);
    }

    /** The token's roles do not include one the endpoint names: 403 problem. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return respond(Problem.of("forbidden", "Forbidden", 403, "Your roles do not allow this request"), uri);
    }

    /** No (valid) token reached a secured method: 401 problem with the bearer challenge. */
    @ServerExceptionMapper
    public Response unauthorized(io.quarkus.security.UnauthorizedException e, UriInfo uri) {
        return Response.fromResponse(respond(Problem.of("unauthorized", "Unauthorized", 401, "A valid bearer token is required"), uri))
                .header("WWW-Authenticate", "Bearer").build();
    }

    /** Too many requests from one user (credit.rate-limit.*): 429 with Retry-After in seconds. */
    @ServerExceptionMapper
    public Response rateLimited(io.creditcontrol.limits.security.RateLimitedException e, UriInfo uri) {
        return Response.fromResponse(respond(Problem.of("rate-limited", "Too many requests", 429, e.getMessage()), uri))
                .header("Retry-After", e.retryAfterSeconds()).build();
    }

    /** A body that is no JSON: 400. */
    @ServerExceptionMapper
    public Response unreadableBody(com.fasterxml.jackson.core.JsonProcessingException e, UriInfo uri) {
        String field = "body";
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
        }
        return respond(Problem.of("invalid-request", "Invalid request", 400, "The request body cannot be read; nothing was changed")
                .withViolations(java.util.List.of(new Problem.Violation(field, "cannot be read: wrong type or malformed JSON"))), uri);
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
        return respond(Problem.of("internal", "Internal error", 500, "The request failed. Reference: " + uri.getPath()), uri);
    }

    static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.at(uri.getPath())).build();
    }
}
