package io.creditcontrol.scoring.simulation;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.creditcontrol.scoring.score.ScoringWorker;

/**
 * Moves the simulation clock, and runs the jobs that depend on the date for every date it passes
 * over. A simulated day may last a fraction of a second, less than the re-scoring worker's
 * real-time interval, so when the date moves forward the worker's run of each date passed over
 * runs here, in order, with the clock showing that date: the buyers whose score is older than the
 * review cycle are queued for their periodic review (signals fade, overdue invoices age), then
 * every queued buyer is re-scored.
 *
 * <p>A date's jobs run at most once: the last date run is remembered in memory, per process like
 * the clock's offset itself, so moving the clock back and forward again does not repeat them. A
 * restart forgets it, which is harmless: a run re-scores only buyers that are queued or due for
 * review, and a re-score takes them off the queue and restarts their review cycle.
 */
@ApplicationScoped
public class SimulatedDays {

    private static final Logger LOG = Logger.getLogger(SimulatedDays.class);

    private final SimulationClock clock;
    private final ScoringWorker scoring;
    /** The last date whose jobs ran; guarded by this. */
    private LocalDate lastDateRun;

    SimulatedDays(SimulationClock clock, ScoringWorker scoring) {
        this.clock = clock;
        this.scoring = scoring;
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
        int rescored = scoring.reviewAndDrain();
        LOG.debugf("Simulated date %s: %d buyer(s) re-scored", date, rescored);
    }

    private LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, clock.getZone());
    }
}
