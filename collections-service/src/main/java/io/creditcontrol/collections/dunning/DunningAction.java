package io.creditcontrol.collections.dunning;

/** What a dunning step does. */
public enum DunningAction {
    /** A reminder to the buyer (before, on or after the due date). */
    REMINDER,
    /** A formal demand letter. */
    DEMAND_LETTER,
    /** A phone call: a task on the collector's worklist. */
    COLLECTOR_TASK,
    /** Collections recommends stopping deliveries (announced as credit.supply.stop-recommended). */
    STOP_SUPPLY,
    /** The claim goes to a lawyer or collection agency. */
    LEGAL_HANDOVER,
    /** The protracted default is reported to the credit insurer. */
    INSURER_HANDOVER
}
