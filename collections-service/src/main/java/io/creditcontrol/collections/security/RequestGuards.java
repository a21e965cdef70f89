package io.creditcontrol.collections.security;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.creditcontrol.collections.api.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Checks made before a request body is bound: the size of the body (413) and the caller's
 * rate limit on the endpoints marked {@link RateLimited} (429 with Retry-After).
 */
public class RequestGuards {

    private final RateLimiter rateLimiter;
    private final SecurityIdentity identity;
    private final long maxBodyBytes;

    RequestGuards(RateLimiter rateLimiter, SecurityIdentity identity,
            @ConfigProperty(name = "credit.http.max-body-size", defaultValue = "1M") MemorySize maxBodySize) {
        this.rateLimiter = rateLimiter;
        this.identity = identity;
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    @ServerRequestFilter
    public Optional<Response> guard(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceMethod() == null) {
            return Optional.empty();
        }
        if (!marked(resource, LargeBody.class) && request.getLength() > maxBodyBytes) {
            return Optional.of(problem(Problem.of("payload-too-large", "Request body too large", 413,
                    "The body has " + request.getLength() + " bytes; this endpoint takes at most " + maxBodyBytes), request, null));
        }
        RateLimited limited = resource.getResourceMethod().getAnnotation(RateLimited.class);
        if (limited == null) {
            limited = resource.getResourceClass().getAnnotation(RateLimited.class);
        }
        if (limited != null) {
            String principal = identity.isAnonymous() ? "" : identity.getPrincipal().getName();
            long retryAfter = rateLimiter.acquire(limited.value(), principal);
            if (retryAfter > 0) {
                return Optional.of(problem(Problem.of("rate-limited", "Too many requests", 429, "More than credit.rate-limit."
                        + limited.value() + " allows for " + principal + "; retry after " + retryAfter + " s"), request, retryAfter));
            }
        }
        return Optional.empty();
    }

    private static boolean marked(ResourceInfo resource, Class<LargeBody> annotation) {
        return resource.getResourceMethod().isAnnotationPresent(annotation) || resource.getResourceClass().isAnnotationPresent(annotation);
    }

    private static Response problem(Problem problem, ContainerRequestContext request, Long retryAfter) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(problem.at(request.getUriInfo().getPath()));
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response.build();
    }
}
