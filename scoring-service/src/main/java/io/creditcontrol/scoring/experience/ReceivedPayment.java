package io.creditcontrol.scoring.experience;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * Money received from the buyer. Method and payer account are kept because frequent changes of
 * either are a warning signal in their own right.
 */
@Entity
@Table(name = "received_payment")
public class ReceivedPayment extends PanacheEntityBase {

    @Id
    // handed out 50 at a time, so a batch's inserts are sent in JDBC batches (V20261124010100)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "received_payment_seq")
    @SequenceGenerator(name = "received_payment_seq", sequenceName = "received_payment_seq", allocationSize = 50)
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
    @Column(name = "payer_account")
    public String payerAccount;

    public static Optional<ReceivedPayment> of(String buyerId, String paymentReference) {
        return find("buyerId = ?1 and paymentReference = ?2", buyerId, paymentReference).firstResultOptional();
    }

    public static long countOfBuyer(String buyerId) {
        return count("buyerId", buyerId);
    }
}
