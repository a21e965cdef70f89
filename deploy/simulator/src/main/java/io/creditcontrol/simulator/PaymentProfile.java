package io.creditcontrol.simulator;

/** How a buyer pays. Part of the ground truth: never written into the ledger. */
public enum PaymentProfile {
    /** Pays on or around the due date. */
    PROMPT(0.40),
    /** Pays two to four weeks late, but reliably. */
    SLOW_STEADY(0.22),
    /** Pays on time except in its low season, when it pays a month or more late. */
    SEASONAL(0.12),
    /** Pays on time but disputes many invoices; some disputes end in credit notes. */
    DISPUTER(0.16),
    /** Starts healthy, then pays later and later, shows warning signals and finally defaults or files for insolvency. */
    DETERIORATING(0.10);

    private final double share;

    PaymentProfile(double share) {
        this.share = share;
    }

    /** Share of the buyers that get this profile. */
    public double share() {
        return share;
    }
}
