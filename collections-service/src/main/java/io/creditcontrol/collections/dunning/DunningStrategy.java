package io.creditcontrol.collections.dunning;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.creditcontrol.collections.config.DunningConfig;

/**
 * A versioned collection sequence and the rule that decides, from an invoice's state on a day,
 * what the dunning worker does with it. The rule only looks at the current state, never at what
 * happened in between, so a late or repeated run decides the same thing:
 *
 * <ul>
 * <li>Nothing is chased when nothing undisputed is open (paid, credited, written off, or the
 * open amount is all under dispute).</li>
 * <li>A promise to pay (or a payment plan) pauses the sequence until the promised date; a broken
 * one escalates at once to the next step, whatever its offset (or to the step due by now, if the
 * pause let several dates pass).</li>
 * <li>Of the steps whose date (due date + offset) has come, only the latest not yet executed
 * fires: a run after an outage, or an invoice imported late, sends one notice, not all the
 * missed ones, and the sequence never goes back to an earlier step.</li>
 * <li>A partial payment re-anchors the sequence: the next step waits at least the grace days
 * from that payment; the sequence carries on where it was, it does not restart.</li>
 * </ul>
 */
public record DunningStrategy(String name, String version, List<Step> steps) {

    public record Step(String name, int offsetDays, DunningAction action) {
    }

    /** The state of one invoice as the worker reads it on the day of the run. */
    public record ItemState(LocalDate dueDate, BigDecimal chasedAmount, Set<String> executedSteps,
            LocalDate lastPaymentOn, LocalDate promisedDate, boolean promiseJustBroken) {
    }

    public sealed interface Decision permits Execute, Wait, Finished {
    }

    /** Execute {@code step} now; look again on {@code nextReviewOn} (null: no step left). */
    public record Execute(Step step, String cause, LocalDate nextReviewOn) implements Decision {
    }

    public record Wait(LocalDate reviewOn) implements Decision {
    }

    /** Nothing to chase, or no step left: the worker does not look at the item again by itself. */
    public record Finished() implements Decision {
    }

    public static final String CAUSE_SCHEDULE = "SCHEDULE";
    public static final String CAUSE_BROKEN_PROMISE = "BROKEN_PROMISE";

    public static DunningStrategy from(String name, DunningConfig.Strategy config) {
        List<Step> steps = new ArrayList<>();
        config.steps().forEach((stepName, step) -> steps.add(new Step(stepName, step.offsetDays(), DunningAction.valueOf(step.action()))));
        steps.sort(Comparator.comparingInt(Step::offsetDays).thenComparing(Step::name));
        return new DunningStrategy(name, config.version(), List.copyOf(steps));
    }

    public Decision decide(ItemState state, LocalDate today, int partialPaymentGraceDays) {
        if (state.chasedAmount().signum() <= 0) {
            return new Finished();
        }
        int highestExecuted = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (state.executedSteps().contains(steps.get(i).name())) {
                highestExecuted = i;
            }
        }
        int latestDue = -1;
        for (int i = highestExecuted + 1; i < steps.size(); i++) {
            if (!dateOf(i, state).isAfter(today)) {
                latestDue = i;
            }
        }
        if (state.promiseJustBroken()) {
            // at least the next step, whatever its date; the step due by now if the pause let it pass
            int next = Math.max(highestExecuted + 1, latestDue);
            return next < steps.size()
                    ? new Execute(steps.get(next), CAUSE_BROKEN_PROMISE, reviewFor(next + 1, state, today))
                    : new Finished();
        }
        if (state.promisedDate() != null && !today.isAfter(state.promisedDate())) {
            return new Wait(state.promisedDate().plusDays(1));
        }
        LocalDate floor = state.lastPaymentOn() == null ? null : state.lastPaymentOn().plusDays(partialPaymentGraceDays);
        if (latestDue < 0) {
            int next = highestExecuted + 1;
            if (next >= steps.size()) {
                return new Finished();
            }
            return new Wait(latest(dateOf(next, state), floor, today.plusDays(1)));
        }
        if (floor != null && floor.isAfter(today)) {
            return new Wait(floor);
        }
        return new Execute(steps.get(latestDue), CAUSE_SCHEDULE, reviewFor(latestDue + 1, state, today));
    }

    private LocalDate dateOf(int step, ItemState state) {
        return state.dueDate().plusDays(steps.get(step).offsetDays());
    }

    private LocalDate reviewFor(int step, ItemState state, LocalDate today) {
        return step >= steps.size() ? null : latest(dateOf(step, state), null, today.plusDays(1));
    }

    private static LocalDate latest(LocalDate a, LocalDate b, LocalDate c) {
        LocalDate max = a;
        if (b != null && b.isAfter(max)) {
            max = b;
        }
        return c.isAfter(max) ? c : max;
    }
}
