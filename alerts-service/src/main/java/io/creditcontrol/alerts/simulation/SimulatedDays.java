package io.creditcontrol.alerts.simulation;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.creditcontrol.alerts.rules.ScheduledEvaluation;

/**
 * Moves the simulation clock, and runs the jobs that depend on the date for every date it passes
 * over. A simulated day may last a fraction of a second, far less than the real-time interval of
 * the scheduled rule sweep, so when the date moves forward the sweep of each date passed over runs
 * here, in order, with the clock showing that date: invoices that became overdue, came within the
 * late-payment prediction horizon or near their insurer deadline raise (or resolve) their alerts.
 *
 * <p>A date's jobs run at most once: the last date run is remembered in memory, per process like
 * the clock's offset itself, so moving the clock back and forward again does not repeat them. A
 * restart forgets it, which is harmless: the sweep only brings each buyer's alerts in line with the
 * facts of the date, so a second sweep of the same date changes nothing.
 */
@ApplicationScoped
public class SimulatedDays {

    private static final Logger LOG = Logger.getLogger(SimulatedDays.class);

    private final SimulationClock clock;
    private final ScheduledEvaluation rules;
    /** The last date whose jobs ran; guarded by this. */
    private LocalDate lastDateRun;

    SimulatedDays(SimulationClock clock, ScheduledEvaluation rules) {
        this.clock = clock;
        this.rules = rules;
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
        int buyers = rules.evaluateAll();
        LOG.debugf("Simulated date %s: rules evaluated for %d buyer(s)", date, buyers);
    }

    private LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, clock.getZone());
    }
}
