package io.creditcontrol.collections.simulation;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.creditcontrol.collections.dunning.DunningWorker;

/**
 * Moves the simulation clock, and runs the jobs that depend on the date for every date it passes
 * over. A simulated day may last a fraction of a second, far less than the real-time schedule of
 * the dunning run (every morning), so when the date moves forward the dunning run of each date
 * passed over runs here, in order, with the clock showing that date: reminders, demand letters,
 * collector tasks, stop-supply, the insurer's deadlines, promises and payment-plan instalments
 * falling due. Letters stay queued for the letter sender's schedule.
 *
 * <p>A date's jobs run at most once: the last date run is remembered in memory, per process like
 * the clock's offset itself, so moving the clock back and forward again does not repeat them. A
 * restart forgets it, which is harmless: the dunning run is idempotent per date (a step is never
 * executed twice for an invoice, and an item is reviewed again only from its next review date).
 */
@ApplicationScoped
public class SimulatedDays {

    private static final Logger LOG = Logger.getLogger(SimulatedDays.class);

    private final SimulationClock clock;
    private final DunningWorker dunning;
    /** The last date whose jobs ran; guarded by this. */
    private LocalDate lastDateRun;

    SimulatedDays(SimulationClock clock, DunningWorker dunning) {
        this.clock = clock;
        this.dunning = dunning;
    }

    /**
     * Sets the clock to {@code now}; when that moves the date forward, answers only after the jobs
     * of every date passed over have run. Returns the instant the clock showed before. When a job
     * fails, the clock goes back to that instant and the failure is thrown; the dates whose jobs
     * ran stay done.
     */
    public synchronized Instant moveTo(Instant now) {
        Instant previous = clock.instant();
        LocalDate target = dateOf(now);
        LocalDate date = dateOf(previous);
        if (lastDateRun != null && lastDateRun.isAfter(date)) {
            date = lastDateRun; // back and forward again: those dates have had their jobs
        }
        if (!date.isBefore(target)) {
            clock.set(now);
            return previous;
        }
        while (date.isBefore(target)) {
            date = date.plusDays(1);
            // the target date's jobs run at the requested instant, so the clock never steps back afterwards
            clock.set(date.equals(target) ? now : date.atStartOfDay(clock.getZone()).toInstant());
            try {
                runJobsOf(date);
            } catch (RuntimeException e) {
                clock.set(previous); // moved again, the clock runs this date's jobs again
                throw e;
            }
            lastDateRun = date;
        }
        return previous;
    }

    private void runJobsOf(LocalDate date) {
        DunningWorker.RunResult run = dunning.run(Integer.MAX_VALUE);
        if (!run.complete()) {
            // another worker held the lease, or a chunk kept failing: the items stay due and the next date's run takes them
            LOG.warnf("Dunning run for simulated date %s incomplete after %d item(s)", date, run.itemsReviewed());
        }
        LOG.debugf("Simulated date %s: dunning reviewed %d item(s), executed %d step(s), %d promise(s) broken", date,
                run.itemsReviewed(), run.stepsExecuted(), run.promisesBroken());
    }

    private LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, clock.getZone());
    }
}
