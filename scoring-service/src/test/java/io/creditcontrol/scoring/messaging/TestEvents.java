package io.creditcontrol.scoring.messaging;

import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Events as a producer following docs/events/ would publish them (structured CloudEvents,
 * amounts as decimal strings, subject = key = data.buyerId), each with a fresh id.
 */
public final class TestEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestEvents() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String invoiceIssued(String buyer, String invoice, String issueDate, String dueDate, String amount, String currency) {
        return event("credit.invoice.issued", buyer, data(buyer)
                .put("invoiceNumber", invoice).put("issueDate", issueDate).put("dueDate", dueDate)
                .put("amount", amount).put("currency", currency));
    }

    public static String invoiceCredited(String buyer, String creditNote, String invoice, String issueDate, String amount, String currency) {
        return event("credit.invoice.credited", buyer, data(buyer)
                .put("creditNoteNumber", creditNote).put("invoiceNumber", invoice).put("issueDate", issueDate)
                .put("amount", amount).put("currency", currency).put("reason", "price correction"));
    }

    public static String invoiceDisputed(String buyer, String dispute, String invoice, String openedOn, String amount, String currency) {
        return event("credit.invoice.disputed", buyer, data(buyer)
                .put("disputeId", dispute).put("invoiceNumber", invoice).put("amount", amount)
                .put("currency", currency).put("openedOn", openedOn).put("reason", "goods damaged"));
    }

    public static String disputeResolved(String buyer, String dispute, String invoice, String resolvedOn, String outcome) {
        return event("credit.invoice.dispute-resolved", buyer, data(buyer)
                .put("disputeId", dispute).put("invoiceNumber", invoice).put("resolvedOn", resolvedOn).put("outcome", outcome));
    }

    public static String invoiceWrittenOff(String buyer, String invoice, String writtenOffOn, String amount, String currency) {
        return event("credit.invoice.written-off", buyer, data(buyer)
                .put("invoiceNumber", invoice).put("amount", amount).put("currency", currency).put("writtenOffOn", writtenOffOn));
    }

    /** A payment; {@code allocations} alternate invoice number and amount. */
    public static String paymentReceived(String buyer, String reference, String receivedOn, String amount, String currency,
            String... allocations) {
        ObjectNode data = data(buyer).put("paymentReference", reference).put("receivedOn", receivedOn)
                .put("amount", amount).put("currency", currency).put("method", "BANK_TRANSFER");
        ArrayNode list = data.putArray("allocations");
        for (int i = 0; i < allocations.length; i += 2) {
            list.addObject().put("invoiceNumber", allocations[i]).put("amount", allocations[i + 1]);
        }
        return event("credit.payment.received", buyer, data);
    }

    public static String buyerRegistered(String buyer, String name, String country, String segment) {
        return event("credit.buyer.registered", buyer, data(buyer)
                .put("name", name).put("country", country).put("industry", "C28.4").put("segment", segment));
    }

    public static String buyerUpdated(String buyer, String name, String country, String segment, String parentId) {
        return event("credit.buyer.updated", buyer, data(buyer)
                .put("name", name).put("country", country).put("industry", "C28.4").put("segment", segment)
                .put("parentId", parentId).put("registrationNumber", "HRB 4711"));
    }

    public static String riskSignal(String buyer, String signal, String observedOn, String severity) {
        return event("credit.buyer.risk-signal-reported", buyer, data(buyer)
                .put("signal", signal).put("observedOn", observedOn).put("severity", severity)
                .put("description", signal.toLowerCase().replace('_', ' ')));
    }

    /** A statement whose figures all derive from {@code revenue}, so a re-report is easy to tell apart. */
    public static String financialStatement(String buyer, String periodEnd, String revenue, String ebit) {
        return event("credit.buyer.financial-statement-reported", buyer, data(buyer)
                .put("periodEnd", periodEnd).put("currency", "EUR")
                .put("totalAssets", "48250000.00").put("currentAssets", "21400000.00")
                .put("currentLiabilities", "17950000.00").put("totalLiabilities", "36100000.00")
                .put("retainedEarnings", "-1250000.00").put("ebit", ebit).put("revenue", revenue)
                .put("bookEquity", "12150000.00"));
    }

    public static String event(String type, String buyer, ObjectNode data) {
        return envelope(UUID.randomUUID().toString(), type, buyer, data).toString();
    }

    public static ObjectNode envelope(String id, String type, String buyer, ObjectNode data) {
        ObjectNode event = JSON.createObjectNode()
                .put("specversion", "1.0").put("id", id).put("source", "/test/erp").put("type", type)
                .put("subject", buyer).put("time", "2026-11-20T08:00:00Z").put("datacontenttype", "application/json");
        event.set("data", data);
        return event;
    }

    private static ObjectNode data(String buyer) {
        return JSON.createObjectNode().put("buyerId", buyer);
    }
}
