package io.creditcontrol.limits.exposure;

import java.math.BigDecimal;

/**
 * What one invoice adds to its buyer's exposure in the invoice's currency, or the difference
 * an event makes to it. An invoice counts only while it is open (open amount above zero); its
 * disputed part counts at most up to its open amount.
 */
public record Contribution(int openInvoices, BigDecimal openAmount, BigDecimal disputedAmount) {

    public static final Contribution NONE = new Contribution(0, BigDecimal.ZERO, BigDecimal.ZERO);

    public Contribution plus(Contribution other) {
        return new Contribution(openInvoices + other.openInvoices, openAmount.add(other.openAmount),
                disputedAmount.add(other.disputedAmount));
    }

    public Contribution minus(Contribution other) {
        return new Contribution(openInvoices - other.openInvoices, openAmount.subtract(other.openAmount),
                disputedAmount.subtract(other.disputedAmount));
    }

    public boolean isNone() {
        return openInvoices == 0 && openAmount.signum() == 0 && disputedAmount.signum() == 0;
    }
}
