package io.creditcontrol.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One line of the ledger: when it happens, what it is, whose it is, the document number (the
 * dispute id for a resolution, the fiscal year for a statement, the signal for a risk signal) and
 * the exact request body the intake API takes.
 */
public record LedgerRecord(Instant at, LedgerKind kind, String buyerId, String document, ObjectNode body) {

    /** The business date (the simulation runs in UTC). */
    public LocalDate date() {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
