package io.creditcontrol.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The retry schedule: exponential ceilings, full jitter under them, Retry-After as the least wait. */
class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:30:00Z");
    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(10), Duration.ofHours(1), 15);

    @Test
    void theCeilingDoublesWithEachAttemptUpToTheMaximum() {
        assertThat(policy.ceiling(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.ceiling(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.ceiling(5)).isEqualTo(Duration.ofSeconds(160));
        assertThat(policy.ceiling(9)).isEqualTo(Duration.ofSeconds(2560));
        assertThat(policy.ceiling(10)).isEqualTo(Duration.ofHours(1));
        assertThat(policy.ceiling(200)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void fullJitterDrawsAnywhereBetweenNowAndTheCeiling() {
        policy.useRandom(() -> 0.0);
        assertThat(policy.nextAttempt(NOW, 3, Optional.empty())).isEqualTo(NOW);
        policy.useRandom(() -> 0.5);
        assertThat(policy.nextAttempt(NOW, 3, Optional.empty())).isEqualTo(NOW.plusSeconds(20));
        policy.useRandom(() -> 0.999999);
        assertThat(policy.nextAttempt(NOW, 3, Optional.empty())).isBefore(NOW.plusSeconds(40)).isAfter(NOW.plusSeconds(39));
    }

    @Test
    void retryAfterIsTheLeastWaitButNotBeyondTheMaximum() {
        policy.useRandom(() -> 0.1);
        assertThat(policy.nextAttempt(NOW, 1, Optional.of(Duration.ofSeconds(30)))).isEqualTo(NOW.plusSeconds(30));
        policy.useRandom(() -> 0.9);
        assertThat(policy.nextAttempt(NOW, 5, Optional.of(Duration.ofSeconds(30)))).isEqualTo(NOW.plusSeconds(144));
        assertThat(policy.nextAttempt(NOW, 1, Optional.of(Duration.ofDays(2)))).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(RetryPolicy.parseRetryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryPolicy.parseRetryAfter("Tue, 24 Nov 2026 09:32:30 GMT", NOW)).contains(Duration.ofSeconds(150));
        assertThat(RetryPolicy.parseRetryAfter("Tue, 24 Nov 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("soon", NOW)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("-5", NOW)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter(null, NOW)).isEmpty();
    }
}
