package io.creditcontrol.collections.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theBurstIsServedThenTheCallerWaitsForTheRefill() {
        RateLimiter.TokenBucket bucket = new RateLimiter.TokenBucket(2, 3);
        long t = 5 * SECOND;
        assertEquals(0, bucket.take(t));
        assertEquals(0, bucket.take(t));
        assertEquals(0, bucket.take(t));
        // empty: one token comes back in half a second, answered as 1 whole second
        assertEquals(1, bucket.take(t));
        assertEquals(0, bucket.take(t + SECOND / 2));
        assertEquals(1, bucket.take(t + SECOND / 2));
        // a long pause refills up to the burst, never beyond
        long later = t + 60 * SECOND;
        assertEquals(0, bucket.take(later));
        assertEquals(0, bucket.take(later));
        assertEquals(0, bucket.take(later));
        assertEquals(1, bucket.take(later));
    }

    @Test
    void aSlowRateAnswersTheSecondsUntilTheNextToken() {
        RateLimiter.TokenBucket bucket = new RateLimiter.TokenBucket(0.1, 1);
        assertEquals(0, bucket.take(0));
        assertEquals(10, bucket.take(0));
        assertEquals(5, bucket.take(5 * SECOND));
    }
}
