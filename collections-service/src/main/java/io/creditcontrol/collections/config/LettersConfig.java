package io.creditcontrol.collections.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Reminder and demand letters: the seller's payment details they print, and how sending is retried. */
@ConfigMapping(prefix = "credit.letters")
public interface LettersConfig {

    /** The seller, as named in the letters and as the payee. */
    String sellerName();

    String bankName();

    String iban();

    String bic();

    /** A demand letter asks for payment within this many days of its date. */
    @WithDefault("10")
    int demandPayWithinDays();

    /** How often pending letters are sent ("off": never on a schedule; the tests call the sender themselves). */
    @WithDefault("30s")
    String sendInterval();

    /** Letters sent per pass. */
    @WithDefault("100")
    int batchSize();

    /** The pause after a failed send; it doubles with each failure, up to maxRetryBackoff. */
    @WithDefault("PT1M")
    Duration retryBackoff();

    @WithDefault("PT1H")
    Duration maxRetryBackoff();
}
