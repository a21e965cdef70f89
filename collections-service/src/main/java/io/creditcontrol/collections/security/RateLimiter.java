package io.creditcontrol.collections.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

/**
 * Per principal token buckets, in memory (one instance: the limit holds per pod). A bucket of
 * {@code burst} tokens refills at {@code requests-per-second}; a request takes one token or is
 * refused with the seconds until one is back (Retry-After).
 */
@ApplicationScoped
public class RateLimiter {

    private static final double DEFAULT_RATE = 200;
    private static final double DEFAULT_BURST = 400;

    private final Config config;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(Config config) {
        this.config = config;
    }

    /** 0 when the request may go ahead; else the whole seconds to wait. */
    public long acquire(String limit, String principal) {
        TokenBucket bucket = buckets.computeIfAbsent(limit + "\u0000" + principal, key -> new TokenBucket(
                config.getOptionalValue("credit.rate-limit." + limit + ".requests-per-second", Double.class).orElse(DEFAULT_RATE),
                config.getOptionalValue("credit.rate-limit." + limit + ".burst", Double.class).orElse(DEFAULT_BURST)));
        return bucket.take(System.nanoTime());
    }

    /** One caller's bucket. Plain synchronized: a few operations per request. */
    static final class TokenBucket {

        private final double perSecond;
        private final double capacity;
        private double tokens;
        private long refilledAt = Long.MIN_VALUE;

        TokenBucket(double perSecond, double capacity) {
            if (perSecond <= 0 || capacity < 1) {
                throw new IllegalArgumentException("credit.rate-limit: requests-per-second must be > 0 and burst >= 1");
            }
            this.perSecond = perSecond;
            this.capacity = capacity;
            this.tokens = capacity;
        }

        synchronized long take(long nowNanos) {
            if (refilledAt != Long.MIN_VALUE) {
                tokens = Math.min(capacity, tokens + (nowNanos - refilledAt) / 1e9 * perSecond);
            }
            refilledAt = nowNanos;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }
    }
}
