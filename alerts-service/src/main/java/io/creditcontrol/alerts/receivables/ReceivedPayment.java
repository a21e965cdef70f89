package io.creditcontrol.alerts.receivables;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Money received from a buyer; its allocations say which invoices it pays. */
@Entity
@Table(name = "received_payment")
public class ReceivedPayment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "payment_reference")
    public String paymentReference;
    public String currency;
    public BigDecimal amount;
    @Column(name = "received_on")
    public LocalDate receivedOn;
    public String method;

    static ReceivedPayment of(String buyerId, String paymentReference) {
        return find("buyerId = ?1 and paymentReference = ?2", buyerId, paymentReference).firstResult();
    }
}
