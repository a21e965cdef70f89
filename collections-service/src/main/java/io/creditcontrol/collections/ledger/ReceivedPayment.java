package io.creditcontrol.collections.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Cash received from a buyer; what could not be applied to an invoice stays unapplied. */
@Entity
@Table(name = "received_payment")
public class ReceivedPayment extends PanacheEntityBase {

    @Id
    @Column(name = "payment_reference")
    public String paymentReference;
    @Column(name = "buyer_id")
    public String buyerId;
    public String currency;
    public BigDecimal amount;
    @Column(name = "unapplied_amount")
    public BigDecimal unappliedAmount;
    @Column(name = "received_on")
    public LocalDate receivedOn;
    public String method;

    public static List<ReceivedPayment> ofBuyer(String buyerId) {
        return list("buyerId = ?1 order by receivedOn, paymentReference", buyerId);
    }
}
