package io.creditcontrol.limits.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A request without a valid bearer token (missing, bad signature, wrong issuer or audience,
 * expired) is refused by the HTTP layer before it reaches an endpoint; this answers it as an RFC
 * 9457 problem (401, {@code WWW-Authenticate: Bearer}) like every other error of the service.
 */
@ApplicationScoped
public class UnauthorizedAsProblem {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    void handle(RoutingContext context) {
        Throwable failure = context.failure();
        if (!(failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException)
                || context.response().headWritten()) {
            context.next();
            return;
        }
        JsonObject problem = new JsonObject()
                .put("type", "https://creditcontrol.io/problems/unauthorized")
                .put("title", "Unauthorized")
                .put("status", 401)
                .put("detail", "A valid bearer token is required")
                .put("instance", context.request().path());
        context.response().setStatusCode(401)
                .putHeader("WWW-Authenticate", "Bearer")
                .putHeader("Content-Type", "application/problem+json")
                .end(problem.encode());
    }
}
