package io.creditcontrol.limits.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.creditcontrol.limits.Auth;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;

/**
 * The verified-token cache in front of the real SmallRye verifier of the test profile: a token is
 * verified once and then remembered until its expiry or the TTL; a rejected token is never
 * remembered; a token that differs in any byte is verified afresh.
 */
@QuarkusTest
class VerifiedTokenCacheTest {

    @Inject
    JWTParser parser;
    @Inject
    DefaultJWTParser verifier;

    /** The real verifier, counting how often it is asked. */
    private JWTParser counting(AtomicInteger calls) {
        return (JWTParser) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { JWTParser.class },
                (proxy, method, args) -> {
                    calls.incrementAndGet();
                    try {
                        return method.invoke(verifier, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void theBearerTokenValidatorUsesTheCache() {
        assertInstanceOf(VerifiedTokenCache.class, parser);
    }

    @Test
    void anAcceptedTokenIsVerifiedOnceUntilTheTtlEnds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicLong now = new AtomicLong(System.currentTimeMillis());
        VerifiedTokenCache cache = new VerifiedTokenCache(counting(calls), Duration.ofSeconds(60), now::get);
        String token = Jwt.upn("erp.cache").groups(Set.of("erp")).issuer(Auth.ISSUER).audience(Auth.AUDIENCE).sign();

        JsonWebToken first = cache.parse(token);
        assertSame(first, cache.parse(token));
        assertEquals("erp.cache", first.getName());
        assertEquals(1, calls.get());

        now.addAndGet(60_000);
        cache.parse(token);
        assertEquals(2, calls.get(), "verified again once the TTL has passed");
    }

    @Test
    void aTokenIsNotRememberedBeyondItsExpiry() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicLong now = new AtomicLong(System.currentTimeMillis());
        VerifiedTokenCache cache = new VerifiedTokenCache(counting(calls), Duration.ofHours(1), now::get);
        Instant expiry = Instant.ofEpochSecond(now.get() / 1000 + 120);
        String token = Jwt.upn("erp.short").groups(Set.of("erp")).issuer(Auth.ISSUER).audience(Auth.AUDIENCE).expiresAt(expiry).sign();

        cache.parse(token);
        cache.parse(token);
        assertEquals(1, calls.get());
        now.set(expiry.toEpochMilli());
        cache.parse(token); // the real verifier still accepts it within its clock skew; the cache asks it again
        assertEquals(2, calls.get());
    }

    @Test
    void aRejectedTokenIsRejectedEveryTimeAndNeverRemembered() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        VerifiedTokenCache cache = new VerifiedTokenCache(counting(calls), Duration.ofSeconds(60), System::currentTimeMillis);
        String expired = Jwt.upn("erp.old").groups(Set.of("erp")).issuer(Auth.ISSUER).audience(Auth.AUDIENCE)
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign();
        String valid = Jwt.upn("erp.ok").groups(Set.of("erp")).issuer(Auth.ISSUER).audience(Auth.AUDIENCE).sign();
        String tampered = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThrows(ParseException.class, () -> cache.parse(expired));
        assertThrows(ParseException.class, () -> cache.parse(expired));
        cache.parse(valid);
        assertThrows(ParseException.class, () -> cache.parse(tampered));
        assertThrows(ParseException.class, () -> cache.parse(tampered));
        assertEquals(5, calls.get());
        assertEquals(1, cache.size());
    }
}
