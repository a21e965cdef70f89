package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.jboss.logging.Logger;

import io.creditcontrol.limits.api.ProblemException;
import io.quarkus.scheduler.Scheduled;

/**
 * Ends holds. A reservation holds its amount until the order is invoiced (the invoice events
 * naming the order reference consume it, in parts for partial deliveries), cancelled (released
 * through the API: what is left of it) or the hold expires
 * ({@code credit_policy.reservation_hours} after the decision, unless confirmed). Each end is a
 * conditional status change, so a hold is given back to the headroom exactly once even when an
 * invoice, a release and the expiry meet.
 */
@ApplicationScoped
public class ReservationService {

    private static final Logger LOG = Logger.getLogger(ReservationService.class);
    /** The most holds one expiry run gives back; the next run takes the rest. */
    public static final int EXPIRY_BATCH = 500;

    private final Clock clock;
    private final EntityManager em;

    ReservationService(Clock clock, EntityManager em) {
        this.clock = clock;
        this.em = em;
    }

    @Transactional
    public Reservation find(String id) {
        Reservation reservation = Reservation.findById(id);
        if (reservation == null) {
            throw new NotFoundException("Reservation " + id + " does not exist");
        }
        return reservation;
    }

    /** The order was cancelled: its amount is headroom again. */
    @Transactional
    public Reservation release(String id, String user) {
        Reservation reservation = find(id);
        if (!close(reservation, Reservation.Status.RELEASED, user)) {
            throw closed(reservation);
        }
        return reservation;
    }

    /** The order is firm: the hold no longer expires and stays until the invoice arrives or it is released. */
    @Transactional
    public Reservation confirm(String id, String user) {
        Reservation reservation = find(id);
        if (reservation.status == Reservation.Status.CONFIRMED) {
            return reservation;
        }
        int updated = Reservation.update("status = ?1, closedBy = ?2 where id = ?3 and status = ?4",
                Reservation.Status.CONFIRMED, user, id, Reservation.Status.ACTIVE);
        em.refresh(reservation);
        if (updated == 0 && reservation.status != Reservation.Status.CONFIRMED) {
            throw closed(reservation);
        }
        return reservation;
    }

    /**
     * An invoice for the order arrived (in the inbox's transaction): the part of the hold it bills
     * becomes the invoice's exposure. The invoice's amount is converted into the hold's currency and
     * consumes at most what is left of the order's holds, oldest first: an invoice for less leaves
     * the rest reserved (still expiring or releasable), one for more uses the hold up (the invoice
     * itself is exposure), a second invoice only takes what the first left. Without a rate from the
     * invoice's currency into the hold's, the whole hold is consumed (the invoice is exposure anyway,
     * and the check refers that buyer's orders for the missing rate). Each hold is locked while it
     * is consumed, so an invoice, a release and the expiry meeting on it give back each part once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void invoiced(String buyerId, String orderReference, BigDecimal invoiceAmount, String invoiceCurrency) {
        List<Reservation> holding = Reservation.list("buyerId = ?1 and orderReference = ?2 and status in ?3 order by createdAt, id",
                buyerId, orderReference, List.of(Reservation.Status.ACTIVE, Reservation.Status.CONFIRMED));
        BigDecimal left = invoiceAmount;
        String leftCurrency = invoiceCurrency;
        for (Reservation reservation : holding) {
            em.refresh(reservation, LockModeType.PESSIMISTIC_WRITE);
            if (!reservation.status.holds()) {
                continue; // released or expired while we waited for the lock
            }
            BigDecimal remaining = reservation.remaining();
            BigDecimal take = remaining;
            if (left != null) {
                BigDecimal rate = FxRate.rate(leftCurrency, reservation.currency);
                if (rate == null) {
                    LOG.warnf("No FX rate %s->%s: invoice of order %s of buyer %s consumes the whole hold %s", leftCurrency,
                            reservation.currency, orderReference, buyerId, reservation.id);
                    left = null;
                } else {
                    BigDecimal billed = left.multiply(rate).setScale(4, RoundingMode.HALF_UP);
                    take = billed.min(remaining);
                    // what this hold did not absorb goes on to the order's next hold, in this hold's currency
                    left = billed.subtract(take);
                    leftCurrency = reservation.currency;
                }
            }
            reservation.invoicedAmount = reservation.invoicedAmount.add(take);
            if (reservation.remaining().signum() <= 0) {
                reservation.status = Reservation.Status.INVOICED;
                reservation.closedAt = clock.instant();
                reservation.closedBy = "invoice";
            }
            giveBack(reservation, take);
            if (left != null && left.signum() <= 0) {
                break;
            }
        }
    }

    @Scheduled(every = "${credit.reservations.expiry-interval}", identity = "reservation-expiry",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void expireOnSchedule() {
        expireDue();
    }

    /** Gives back the holds whose time ran out (at most {@link #EXPIRY_BATCH} a run); the clock decides what "now" is. */
    @Transactional
    public int expireDue() {
        List<Reservation> due = Reservation.find("status = ?1 and expiresAt <= ?2 order by expiresAt",
                Reservation.Status.ACTIVE, clock.instant()).page(0, EXPIRY_BATCH).list();
        int expired = 0;
        for (Reservation reservation : due) {
            if (close(reservation, Reservation.Status.EXPIRED, LimitService.SYSTEM)) {
                expired++;
            }
        }
        if (expired > 0) {
            LOG.infof("%d reservations expired", expired);
        }
        return expired;
    }

    /** Ends a hold that still holds; what invoices have not consumed of it is headroom again. */
    private boolean close(Reservation reservation, Reservation.Status status, String by) {
        int updated = Reservation.update("status = ?1, closedAt = ?2, closedBy = ?3 where id = ?4 and status in ?5",
                status, clock.instant(), by, reservation.id, List.of(Reservation.Status.ACTIVE, Reservation.Status.CONFIRMED));
        // read after the conditional update: the row is ours until commit, so the invoiced part cannot move any more
        em.refresh(reservation);
        if (updated == 0) {
            return false;
        }
        giveBack(reservation, reservation.remaining());
        return true;
    }

    private void giveBack(Reservation reservation, BigDecimal amount) {
        if (amount.signum() == 0) {
            return;
        }
        em.flush();
        em.createNativeQuery("UPDATE buyer_exposure SET reserved_amount = reserved_amount - ?1, updated_at = ?2"
                + " WHERE buyer_id = ?3 AND currency = ?4")
                .setParameter(1, amount).setParameter(2, clock.instant())
                .setParameter(3, reservation.buyerId).setParameter(4, reservation.currency)
                .executeUpdate();
    }

    private static ProblemException closed(Reservation reservation) {
        return ProblemException.conflict("reservation-closed", "Reservation no longer holds",
                "Reservation " + reservation.id + " is " + reservation.status + " and holds nothing any more");
    }
}
