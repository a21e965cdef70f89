package io.creditcontrol.limits.security;

import jakarta.enterprise.context.RequestScoped;

import io.creditcontrol.limits.api.Problem;
import io.creditcontrol.limits.api.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is acting: the authenticated principal of the bearer token (upn, else preferred_username,
 * else sub). Audit fields (requested by, approved by, recorded by, closed by) are taken from
 * here only, never from a header or a body field.
 */
@RequestScoped
public class CurrentUser {

    /** The audit columns hold at most this many characters. */
    static final int MAX_NAME = 64;

    private final SecurityIdentity identity;

    CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String name() {
        String name = identity.isAnonymous() ? null : identity.getPrincipal().getName();
        if (name == null || name.isBlank()) {
            throw new ProblemException(Problem.of("unnamed-principal", "Token names no user", 403,
                    "The token carries no upn, preferred_username or sub; changes need a named user for the audit trail"));
        }
        if (name.length() > MAX_NAME) {
            throw new ProblemException(Problem.of("unnamed-principal", "User name too long", 403,
                    "The token's user name has more than " + MAX_NAME + " characters and cannot be recorded in the audit trail"));
        }
        return name;
    }
}
