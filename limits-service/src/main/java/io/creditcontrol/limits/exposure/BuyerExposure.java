package io.creditcontrol.limits.exposure;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A buyer's exposure in one currency: how many of its invoices are open, their open amount and
 * the disputed part of it. The credit check reads this row on every order, so it is never
 * summed at read time: every event that changes an invoice moves the row by the difference it
 * made, in the same transaction ({@link ExposureLedger}). It always equals the sum of
 * {@link Invoice#contribution()} over the buyer's invoices in that currency.
 */
@Entity
@Table(name = "buyer_exposure")
@IdClass(BuyerExposure.Key.class)
public class BuyerExposure extends PanacheEntityBase {

    @Id
    @Column(name = "buyer_id")
    public String buyerId;
    @Id
    public String currency;
    @Column(name = "open_invoices")
    public int openInvoices;
    @Column(name = "open_amount")
    public BigDecimal openAmount;
    @Column(name = "disputed_amount")
    public BigDecimal disputedAmount;
    /** Approved orders not invoiced yet, held on the row in the limit's currency (credit check). */
    @Column(name = "reserved_amount")
    public BigDecimal reservedAmount = BigDecimal.ZERO;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static List<BuyerExposure> ofBuyer(String buyerId) {
        return list("buyerId = ?1 order by currency", buyerId);
    }

    /**
     * Moves the buyer's row in {@code currency} by {@code delta}: one statement, so it never
     * reads a stale total. The caller holds the buyer's lock, so no one else creates the row
     * meanwhile.
     */
    static void move(String buyerId, String currency, Contribution delta, Instant now) {
        int updated = update("openInvoices = openInvoices + ?1, openAmount = openAmount + ?2,"
                + " disputedAmount = disputedAmount + ?3, updatedAt = ?4 where buyerId = ?5 and currency = ?6",
                delta.openInvoices(), delta.openAmount(), delta.disputedAmount(), now, buyerId, currency);
        if (updated == 0) {
            BuyerExposure row = new BuyerExposure();
            row.buyerId = buyerId;
            row.currency = currency;
            row.openInvoices = delta.openInvoices();
            row.openAmount = delta.openAmount();
            row.disputedAmount = delta.disputedAmount();
            row.updatedAt = now;
            row.persist();
        }
    }

    /** Makes sure the buyer has a row in {@code currency}, for reservations in a limit's currency. The caller holds the buyer's lock. */
    public static void ensure(String buyerId, String currency, Instant now) {
        if (findById(new Key(buyerId, currency)) == null) {
            BuyerExposure row = new BuyerExposure();
            row.buyerId = buyerId;
            row.currency = currency;
            row.openAmount = BigDecimal.ZERO;
            row.disputedAmount = BigDecimal.ZERO;
            row.updatedAt = now;
            row.persist();
        }
    }

    public static class Key implements Serializable {
        public String buyerId;
        public String currency;

        public Key() {
        }

        public Key(String buyerId, String currency) {
            this.buyerId = buyerId;
            this.currency = currency;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(buyerId, k.buyerId) && Objects.equals(currency, k.currency);
        }

        @Override
        public int hashCode() {
            return Objects.hash(buyerId, currency);
        }
    }
}
