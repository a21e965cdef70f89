package io.creditcontrol.alerts.webhook;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.creditcontrol.alerts.webhook.WebhookProblem.ConflictException;
import io.creditcontrol.alerts.webhook.WebhookProblem.InvalidRequestException;
import io.creditcontrol.alerts.webhook.WebhookProblem.Violation;

/** Webhook API errors as problem details. */
public class WebhookProblemMappers {

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e, UriInfo uri) {
        String fields = String.join(", ", e.violations.stream().map(Violation::field).toList());
        return respond(new WebhookProblem(URI.create("https://creditcontrol.io/problems/invalid-request"), "Invalid request", 400,
                "Invalid field(s): " + fields, uri.getPath(), e.violations));
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e, UriInfo uri) {
        return respond(new WebhookProblem(URI.create("https://creditcontrol.io/problems/conflict"), "Conflict", 409,
                e.getMessage(), uri.getPath(), List.of()));
    }

    private static Response respond(WebhookProblem problem) {
        return Response.status(problem.status()).type("application/problem+json").entity(problem).build();
    }
}
