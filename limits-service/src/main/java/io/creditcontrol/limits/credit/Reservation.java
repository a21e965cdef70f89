package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The hold an approved order keeps on the buyer's exposure (in the limit's currency) until it
 * is invoiced, cancelled (released) or expires. A confirmed reservation no longer expires; it
 * stays until its invoices use it up or it is released. Invoices of the order consume it in
 * parts ({@link #invoicedAmount}); what is left ({@link #remaining()}) still holds.
 */
@Entity
@Table(name = "credit_reservation")
public class Reservation extends PanacheEntityBase {

    public enum Status {
        ACTIVE, CONFIRMED, INVOICED, RELEASED, EXPIRED;

        public boolean holds() {
            return this == ACTIVE || this == CONFIRMED;
        }
    }

    @Id
    public String id;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "order_reference")
    public String orderReference;
    public String currency;
    public BigDecimal amount;
    /** The part invoices of the order have consumed so far (0 ... amount). */
    @Column(name = "invoiced_amount")
    public BigDecimal invoicedAmount = BigDecimal.ZERO;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "closed_by")
    public String closedBy;

    /** What the hold still holds on the exposure while it holds. */
    public BigDecimal remaining() {
        return amount.subtract(invoicedAmount);
    }
}
