package io.creditcontrol.simulator;

import java.time.LocalTime;
import java.util.Arrays;

/**
 * The kinds of ledger records, with where the feeder sends each one, the role its bearer token
 * needs, the event type it becomes on Kafka and the time of day it happens on its business date.
 */
public enum LedgerKind {
    BUYER("buyer", Service.SCORING, "/api/v1/buyers", "erp", "credit.buyer.registered", LocalTime.of(6, 0)),
    FINANCIAL_STATEMENT("financial-statement", Service.SCORING, "/api/v1/buyers/{buyerId}/financial-statements", "analyst",
            "credit.buyer.financial-statement-reported", LocalTime.of(7, 0)),
    RISK_SIGNAL("risk-signal", Service.SCORING, "/api/v1/buyers/{buyerId}/risk-signals", "analyst",
            "credit.buyer.risk-signal-reported", LocalTime.of(8, 0)),
    INVOICE("invoice", Service.COLLECTIONS, "/api/v1/invoices", "erp", "credit.invoice.issued", LocalTime.of(9, 0)),
    DISPUTE("dispute", Service.COLLECTIONS, "/api/v1/disputes", "erp", "credit.invoice.disputed", LocalTime.of(10, 0)),
    DISPUTE_RESOLUTION("dispute-resolution", Service.COLLECTIONS, "/api/v1/disputes/{document}/resolution", "erp",
            "credit.invoice.dispute-resolved", LocalTime.of(10, 30)),
    CREDIT_NOTE("credit-note", Service.COLLECTIONS, "/api/v1/credit-notes", "erp", "credit.invoice.credited", LocalTime.of(11, 0)),
    PAYMENT("payment", Service.COLLECTIONS, "/api/v1/payments", "erp", "credit.payment.received", LocalTime.of(12, 0));

    /** The service a kind is fed to. */
    public enum Service { SCORING, COLLECTIONS }

    private final String label;
    private final Service service;
    private final String pathTemplate;
    private final String role;
    private final String eventType;
    private final LocalTime timeOfDay;

    LedgerKind(String label, Service service, String pathTemplate, String role, String eventType, LocalTime timeOfDay) {
        this.label = label;
        this.service = service;
        this.pathTemplate = pathTemplate;
        this.role = role;
        this.eventType = eventType;
        this.timeOfDay = timeOfDay;
    }

    /** The name in the ledger file (and the {@code type} of a ledger-import row). */
    public String label() {
        return label;
    }

    public Service service() {
        return service;
    }

    public String path(String buyerId, String document) {
        return pathTemplate.replace("{buyerId}", buyerId).replace("{document}", document);
    }

    /** The role whose token the feeder uses for this kind unless told otherwise. */
    public String defaultRole() {
        return role;
    }

    public String eventType() {
        return eventType;
    }

    public LocalTime timeOfDay() {
        return timeOfDay;
    }

    /** Rows collections-service's ledger import accepts (NDJSON {@code type} values). */
    public boolean importable() {
        return this == INVOICE || this == PAYMENT || this == CREDIT_NOTE || this == DISPUTE;
    }

    public static LedgerKind ofLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown ledger kind " + label));
    }
}
