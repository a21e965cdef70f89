package io.creditcontrol.collections.dunning;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A buyer's promise to pay an amount of an invoice by a date, taken by a collector. It pauses
 * the dunning sequence until that date. It is kept when the invoice's open amount has come
 * down by the promised amount (or to nothing); otherwise, the day after the promised date, it
 * is broken: recorded, announced, and the sequence escalates.
 */
@Entity
@Table(name = "promise_to_pay")
public class PromiseToPay extends PanacheEntityBase {

    public enum Status { OPEN, KEPT, BROKEN }

    @Id
    @Column(name = "promise_id")
    public String promiseId;
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    public BigDecimal amount;
    public String currency;
    @Column(name = "promised_on")
    public LocalDate promisedOn;
    @Column(name = "promised_date")
    public LocalDate promisedDate;
    @Column(name = "taken_by")
    public String takenBy;
    @Column(name = "open_at_promise")
    public BigDecimal openAtPromise;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "settled_on")
    public LocalDate settledOn;

    public boolean isKeptBy(BigDecimal openNow) {
        return openNow.signum() <= 0 || openNow.compareTo(openAtPromise.subtract(amount)) <= 0;
    }

    public static PromiseToPay openFor(String invoiceNumber) {
        return find("invoiceNumber = ?1 and status = ?2 order by promisedDate desc", invoiceNumber, Status.OPEN).firstResult();
    }

    public static List<PromiseToPay> ofInvoice(String invoiceNumber) {
        return list("invoiceNumber = ?1 order by promisedOn, promiseId", invoiceNumber);
    }
}
