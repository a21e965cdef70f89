package io.creditcontrol.collections.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The collection strategies. Each is versioned (the version is stored with every step it
 * executes, so the audit trail says which rules applied) and is a set of named steps, each an
 * offset in days from the due date (negative: before it) and an action.
 */
@ConfigMapping(prefix = "credit.dunning")
public interface DunningConfig {

    /** When the worker runs (Quarkus cron; "off" disables it, as the tests do). */
    @WithDefault("0 0 6 * * ?")
    String cron();

    /** Items reviewed per transaction. */
    @WithDefault("200")
    int chunkSize();

    /** After a partial payment, the next step waits at least this many days from the payment. */
    @WithDefault("7")
    int partialPaymentGraceDays();

    /** Each instalment of a payment plan is reminded this many days before its date. */
    @WithDefault("3")
    int instalmentReminderDays();

    /** The strategy for buyers without a more specific one. */
    @WithDefault("standard")
    String defaultStrategy();

    Map<String, Strategy> strategies();

    interface Strategy {
        String version();

        /** Buyers graded this or worse get this strategy (the highest such threshold wins). */
        Optional<Integer> fromGrade();

        /** Buyers of these segments get this strategy, unless their grade chooses another. */
        Optional<List<String>> segments();

        Map<String, Step> steps();
    }

    interface Step {
        int offsetDays();

        /** REMINDER, DEMAND_LETTER, COLLECTOR_TASK, STOP_SUPPLY, LEGAL_HANDOVER or INSURER_HANDOVER. */
        String action();
    }
}
