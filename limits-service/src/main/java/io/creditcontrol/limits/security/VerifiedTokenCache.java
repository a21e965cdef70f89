package io.creditcontrol.limits.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies a bearer token once, not on every request: the ERP sends the same token with every
 * credit check until it expires, and verifying it (RSA signature, JSON parsing of header and
 * claims, issuer, audience, expiry) was half of the CPU a what-if check cost (docs/performance.md).
 *
 * <p>Only tokens the SmallRye verifier accepted are remembered, keyed by the exact token string,
 * so a token that differs in any byte (another signature, other claims) is verified afresh and a
 * rejected token is rejected every time. A remembered token is used until its {@code exp} or for
 * {@code credit.auth.verified-token-ttl} (default 60 s) after its verification, whichever comes
 * first; then it is verified again. The bound matters when the public key is replaced: a token
 * signed with the old key is refused at the latest one TTL later. Expiry is real time, like the
 * verifier's own (the simulation clock does not move tokens). At most {@code MAX_ENTRIES} tokens
 * are kept; when full, the expired ones are dropped, and if none was expired, all of them.
 *
 * <p>Only {@link #parse(String)}, the method the Quarkus bearer-token validator calls, is cached;
 * every other method is the default parser's.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    /** Accepted tokens only, a few KiB each with their parsed claims: at most a few MiB. */
    static final int MAX_ENTRIES = 1_000;

    private record Verified(JsonWebToken token, long validUntilMillis) {
    }

    private final JWTParser delegate;
    private final long ttlMillis;
    private final LongSupplier nowMillis;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    @Inject
    VerifiedTokenCache(DefaultJWTParser delegate, @ConfigProperty(name = "credit.auth.verified-token-ttl", defaultValue = "60s") Duration ttl) {
        this(delegate, ttl, System::currentTimeMillis);
    }

    VerifiedTokenCache(JWTParser delegate, Duration ttl, LongSupplier nowMillis) {
        this.delegate = delegate;
        this.ttlMillis = ttl.toMillis();
        this.nowMillis = nowMillis;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = nowMillis.getAsLong();
        Verified known = verified.get(token);
        if (known != null) {
            if (now < known.validUntilMillis()) {
                return known.token();
            }
            verified.remove(token, known);
        }
        JsonWebToken jwt = delegate.parse(token); // throws when the token is not acceptable: nothing is remembered
        long validUntil = now + ttlMillis;
        if (jwt.getExpirationTime() > 0) {
            validUntil = Math.min(validUntil, jwt.getExpirationTime() * 1000);
        }
        if (ttlMillis > 0 && now < validUntil) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.values().removeIf(v -> v.validUntilMillis() <= now);
                if (verified.size() >= MAX_ENTRIES) {
                    verified.clear();
                }
            }
            verified.put(token, new Verified(jwt, validUntil));
        }
        return jwt;
    }

    /** How many verified tokens are remembered (for tests). */
    int size() {
        return verified.size();
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
