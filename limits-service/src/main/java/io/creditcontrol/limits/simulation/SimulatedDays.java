package io.creditcontrol.limits.simulation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.creditcontrol.limits.config.CalendarConfig;
import io.creditcontrol.limits.credit.ReservationService;

/**
 * Moves the simulation clock, and runs the jobs that depend on the date for every date it passes
 * over, dates being those of the seller's business calendar ({@code credit.calendar.zone}). A
 * simulated day may last a fraction of a second, so when the date moves forward the reservation
 * expiry of each date passed over runs here, in order, with the clock showing that date: holds whose
 * time ran out give their amount back to the headroom. Nothing else here waits for a date: a
 * limit's valid-from and review dates and an insurance cover's validity are compared with today by
 * each credit check itself.
 *
 * <p>A date's jobs run at most once: the last date run is remembered in memory, per process like
 * the clock's offset itself, so moving the clock back and forward again does not repeat them. A
 * restart forgets it, which is harmless: a hold ends once (a conditional status change), so a second
 * expiry run of the same date changes nothing.
 */
@ApplicationScoped
public class SimulatedDays {

    private static final Logger LOG = Logger.getLogger(SimulatedDays.class);

    private final SimulationClock clock;
    private final ReservationService reservations;
    private final ZoneId zone;
    /** The last date whose jobs ran; guarded by this. */
    private LocalDate lastDateRun;

    SimulatedDays(SimulationClock clock, ReservationService reservations, CalendarConfig calendar) {
        this.clock = clock;
        this.reservations = reservations;
        this.zone = calendar.zone();
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
            clock.set(date.equals(target) ? now : date.atStartOfDay(zone).toInstant());
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
        int expired = 0;
        int batch;
        do {
            batch = reservations.expireDue();
            expired += batch;
        } while (batch == ReservationService.EXPIRY_BATCH);
        LOG.debugf("Simulated date %s: %d reservation(s) expired", date, expired);
    }

    private LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }
}
