package io.creditcontrol.limits;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

/**
 * Signed bearer tokens for tests (test-auth/private-key.pem, the test profile's issuer). Tests
 * about the business use {@link #given()} and {@link #token(String)}: a user holding every role,
 * so only the four-eyes rule (same user) applies; {@code SecurityTest} uses one role per token.
 */
public final class Auth {

    public static final String ISSUER = "https://tests.creditcontrol.invalid";
    public static final String AUDIENCE = "credit-control-suite";
    private static final Set<String> ALL_ROLES = Set.of("erp", "analyst", "approver", "collector", "admin", "viewer");
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private Auth() {
    }

    /** A request by the test's default user (every role). */
    public static RequestSpecification given() {
        return RestAssured.given().auth().oauth2(token("test.user"));
    }

    /** A token of {@code user} with every role. */
    public static String token(String user) {
        return TOKENS.computeIfAbsent(user, u -> Jwt.upn(u).groups(ALL_ROLES).issuer(ISSUER).audience(AUDIENCE).sign());
    }

    /** A token of {@code user} with the given roles only. */
    public static String token(String user, String... roles) {
        return TOKENS.computeIfAbsent(user + "|" + String.join(",", roles),
                k -> Jwt.upn(user).groups(Set.of(roles)).issuer(ISSUER).audience(AUDIENCE).sign());
    }
}
