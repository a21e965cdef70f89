package io.creditcontrol.limits.security;

/** A principal sent more requests than its rate limit allows: 429 with Retry-After (seconds). */
public class RateLimitedException extends RuntimeException {

    private final long retryAfterSeconds;

    public RateLimitedException(String name, double perSecond, long retryAfterSeconds) {
        super("Too many " + name + " requests: at most " + perSecond + " per second per user are accepted; retry after "
                + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
