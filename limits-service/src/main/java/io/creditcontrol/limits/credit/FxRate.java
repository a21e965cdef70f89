package io.creditcontrol.limits.credit;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** 1 unit of fromCurrency = rate units of toCurrency, as supplied through the API. */
@Entity
@Table(name = "fx_rate")
@IdClass(FxRate.Key.class)
public class FxRate extends PanacheEntityBase {

    @Id
    @Column(name = "from_currency")
    public String fromCurrency;
    @Id
    @Column(name = "to_currency")
    public String toCurrency;
    public BigDecimal rate;
    @Column(name = "set_by")
    public String setBy;
    @Column(name = "set_at")
    public Instant setAt;

    /** The rate from one currency to another; 1 for the same currency; null when none was supplied. */
    public static BigDecimal rate(String from, String to) {
        if (from.equals(to)) {
            return BigDecimal.ONE;
        }
        FxRate direct = find("fromCurrency = ?1 and toCurrency = ?2", from, to).firstResult();
        return direct == null ? null : direct.rate;
    }

    public static class Key implements Serializable {
        public String fromCurrency;
        public String toCurrency;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.fromCurrency, fromCurrency) && Objects.equals(k.toCurrency, toCurrency);
        }

        @Override
        public int hashCode() {
            return Objects.hash(fromCurrency, toCurrency);
        }
    }
}
