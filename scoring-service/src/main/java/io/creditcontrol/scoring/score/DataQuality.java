package io.creditcontrol.scoring.score;

/**
 * How much the model had to go on. FULL: a usable payment record and a recent financial
 * statement. PARTIAL: one of the two. INSUFFICIENT: neither; the grade is then a cautious
 * placeholder, capped and rounded, not a measurement.
 */
public enum DataQuality {
    FULL, PARTIAL, INSUFFICIENT
}
