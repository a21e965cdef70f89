package io.creditcontrol.limits.exposure;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Money received from a buyer; how it was allocated to invoices is in {@link PaymentAllocation}. */
@Entity
@Table(name = "received_payment")
@IdClass(ReceivedPayment.Key.class)
public class ReceivedPayment extends PanacheEntityBase {

    @Id
    @Column(name = "buyer_id")
    public String buyerId;
    @Id
    @Column(name = "payment_reference")
    public String paymentReference;
    public String currency;
    public BigDecimal amount;
    @Column(name = "received_on")
    public LocalDate receivedOn;

    public static ReceivedPayment find(String buyerId, String paymentReference) {
        return findById(new Key(buyerId, paymentReference));
    }

    public static class Key implements Serializable {
        public String buyerId;
        public String paymentReference;

        public Key() {
        }

        public Key(String buyerId, String paymentReference) {
            this.buyerId = buyerId;
            this.paymentReference = paymentReference;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(buyerId, k.buyerId) && Objects.equals(paymentReference, k.paymentReference);
        }

        @Override
        public int hashCode() {
            return Objects.hash(buyerId, paymentReference);
        }
    }
}
