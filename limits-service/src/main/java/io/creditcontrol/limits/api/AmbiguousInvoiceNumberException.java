package io.creditcontrol.limits.api;

import java.util.List;

/** An invoice number asked for without a buyer that several buyers use (numbers are unique per buyer). */
public class AmbiguousInvoiceNumberException extends RuntimeException {

    private final List<String> buyerIds;

    public AmbiguousInvoiceNumberException(String invoiceNumber, List<String> buyerIds) {
        super("Invoice number " + invoiceNumber + " is used by buyers " + String.join(", ", buyerIds)
                + "; name one with ?buyerId=");
        this.buyerIds = List.copyOf(buyerIds);
    }

    public List<String> buyerIds() {
        return buyerIds;
    }
}
