package io.creditcontrol.alerts.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When to try a failed delivery again: exponential backoff with full jitter (a random wait
 * between zero and {@code initial-delay * 2^(attempt-1)}, capped at {@code max-delay}), so
 * receivers recovering from an outage are not hit by every sender at once. A receiver's
 * {@code Retry-After} (seconds or an HTTP date) is honoured: the next attempt is never earlier
 * than it asks, up to {@code max-delay}.
 */
@ApplicationScoped
public class RetryPolicy {

    private final Duration initialDelay;
    private final Duration maxDelay;
    private final int maxAttempts;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    @Inject
    RetryPolicy(@ConfigProperty(name = "credit.webhooks.retry.initial-delay") Duration initialDelay,
            @ConfigProperty(name = "credit.webhooks.retry.max-delay") Duration maxDelay,
            @ConfigProperty(name = "credit.webhooks.retry.max-attempts") int maxAttempts) {
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.maxAttempts = maxAttempts;
    }

    /** Attempts one delivery gets (per queueing or replay) before it is marked failed. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The longest wait full jitter may draw after the {@code attempt}-th failed attempt (1-based). */
    public Duration ceiling(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long millis = initialDelay.toMillis() << doublings;
        return millis <= 0 || millis > maxDelay.toMillis() ? maxDelay : Duration.ofMillis(millis);
    }

    /** The next attempt after the {@code attempt}-th failed one at {@code now}. */
    public Instant nextAttempt(Instant now, int attempt, Optional<Duration> retryAfter) {
        Duration wait = Duration.ofMillis((long) (random.getAsDouble() * ceiling(attempt).toMillis()));
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().compareTo(maxDelay) > 0 ? maxDelay : retryAfter.get();
            if (asked.compareTo(wait) > 0) {
                wait = asked;
            }
        }
        return now.plus(wait);
    }

    /** Reads {@code Retry-After}: delay seconds, or an HTTP date (RFC 9110) measured from {@code now}. */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
    }

    /** For tests: make the jitter draw predictable. */
    void useRandom(DoubleSupplier random) {
        this.random = random;
    }
}
