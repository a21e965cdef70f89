package io.creditcontrol.limits.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

/**
 * A token bucket per principal and endpoint, in memory (per instance): each principal may send
 * {@code credit.rate-limit.<name>.requests-per-second} requests per second on average and up to
 * {@code .burst} at once. A request beyond that is refused with {@link RateLimitedException}
 * (429 with Retry-After). The defaults are generous: they stop a runaway client, not an ERP.
 */
@ApplicationScoped
public class RateLimiter {

    public static final String CREDIT_CHECK = "credit-check";
    public static final String WHAT_IF = "what-if";

    private final Config config;
    private final Map<String, Limit> limits = new ConcurrentHashMap<>();
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(Config config) {
        this.config = config;
    }

    /** Takes one request from the principal's bucket for {@code name}, or throws when it is empty. */
    public void acquire(String name, String principal) {
        Limit limit = limits.computeIfAbsent(name, this::limit);
        Bucket bucket = buckets.computeIfAbsent(name + "\u0000" + principal, key -> new Bucket(limit, System.nanoTime()));
        long waitNanos = bucket.take(System.nanoTime());
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            throw new RateLimitedException(name, limit.perSecond(), seconds);
        }
    }

    private Limit limit(String name) {
        double perSecond = config.getOptionalValue("credit.rate-limit." + name + ".requests-per-second", Double.class).orElse(200.0);
        double burst = config.getOptionalValue("credit.rate-limit." + name + ".burst", Double.class).orElse(perSecond * 2);
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalStateException("credit.rate-limit." + name + " needs requests-per-second > 0 and burst >= 1");
        }
        return new Limit(perSecond, burst);
    }

    record Limit(double perSecond, double burst) {
    }

    static final class Bucket {
        private final Limit limit;
        private double tokens;
        private long refilledAt;

        Bucket(Limit limit, long now) {
            this.limit = limit;
            this.tokens = limit.burst();
            this.refilledAt = now;
        }

        /** 0 when a token was taken, else how long until the next token (nanoseconds). */
        synchronized long take(long now) {
            tokens = Math.min(limit.burst(), tokens + (now - refilledAt) / 1e9 * limit.perSecond());
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / limit.perSecond() * 1e9);
        }
    }
}
