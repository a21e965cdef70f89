package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The buyer's latest financial statement (by period end), as far as it sizes limits: revenue and
 * book equity in the statement's currency. Kept from credit.buyer.financial-statement-reported.
 */
@Entity
@Table(name = "buyer_financial_statement")
public class FinancialStatement extends PanacheEntityBase {

    @Id
    @Column(name = "buyer_id")
    public String buyerId;
    @Column(name = "period_end")
    public LocalDate periodEnd;
    public String currency;
    public BigDecimal revenue;
    @Column(name = "book_equity")
    public BigDecimal bookEquity;
    @Column(name = "event_source")
    public String eventSource;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "received_at")
    public Instant receivedAt;
}
