package io.creditcontrol.limits.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses request bodies above {@code credit.http.max-body-bytes} (64 KiB: every request of this
 * API is a few hundred bytes) with a 413 problem before anything is read. Bodies sent without a
 * Content-Length are capped by {@code quarkus.http.limits.max-body-size}, which answers a plain 413.
 */
public class BodySizeLimit {

    private final long maxBytes;

    BodySizeLimit(@ConfigProperty(name = "credit.http.max-body-bytes", defaultValue = "65536") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request, UriInfo uri) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (bytes <= maxBytes) {
            return null;
        }
        return ProblemMappers.respond(Problem.of("body-too-large", "Request body too large", 413,
                "The request body has " + bytes + " bytes; at most " + maxBytes + " are accepted"), uri);
    }
}
