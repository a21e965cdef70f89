package io.creditcontrol.limits.messaging;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Events as an ERP or the master-data system would publish them: CloudEvents in structured
 * JSON, keyed by buyerId, each with a fresh id.
 */
public final class TestEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestEvents() {
    }

    /** One event ready to publish; {@link #publish()} sends it again with the same id (a redelivery). */
    public record TestEvent(String topic, String buyerId, String id, String json) {

        public TestEvent publish() {
            TestTopics.publish(topic, buyerId, json);
            return this;
        }

        /** Waits until the service has applied this event (recorded its id in the inbox). */
        public TestEvent awaitApplied() {
            await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                    .call(() -> ProcessedEvent.count("eventId", id) > 0));
            return this;
        }
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static TestEvent invoiceIssued(String buyer, String invoice, String amount, String currency, LocalDate issueDate, LocalDate dueDate) {
        ObjectNode data = data(buyer).put("invoiceNumber", invoice).put("issueDate", issueDate.toString())
                .put("dueDate", dueDate.toString()).put("amount", amount).put("currency", currency)
                .put("orderReference", "SO-" + invoice);
        return event("credit.invoices.v1", "credit.invoice.issued", buyer, data);
    }

    public static TestEvent invoiceCredited(String buyer, String creditNote, String invoice, String amount, String currency) {
        ObjectNode data = data(buyer).put("creditNoteNumber", creditNote).put("invoiceNumber", invoice)
                .put("issueDate", "2026-11-10").put("amount", amount).put("currency", currency).put("reason", "Goods returned");
        return event("credit.invoices.v1", "credit.invoice.credited", buyer, data);
    }

    public static TestEvent invoiceDisputed(String buyer, String disputeId, String invoice, String amount, String currency) {
        ObjectNode data = data(buyer).put("disputeId", disputeId).put("invoiceNumber", invoice).put("amount", amount)
                .put("currency", currency).put("openedOn", "2026-11-05").put("reason", "Damaged in transit");
        return event("credit.invoices.v1", "credit.invoice.disputed", buyer, data);
    }

    public static TestEvent disputeResolved(String buyer, String disputeId, String invoice, String outcome) {
        ObjectNode data = data(buyer).put("disputeId", disputeId).put("invoiceNumber", invoice)
                .put("resolvedOn", "2026-11-12").put("outcome", outcome);
        return event("credit.invoices.v1", "credit.invoice.dispute-resolved", buyer, data);
    }

    public static TestEvent invoiceWrittenOff(String buyer, String invoice, String amount, String currency) {
        ObjectNode data = data(buyer).put("invoiceNumber", invoice).put("amount", amount).put("currency", currency)
                .put("writtenOffOn", "2026-11-12").put("reason", "Insolvency");
        return event("credit.invoices.v1", "credit.invoice.written-off", buyer, data);
    }

    /** {@code allocations} alternate invoice number and amount: "INV-1", "100.00", "INV-2", "50.00". */
    public static TestEvent paymentReceived(String buyer, String reference, String amount, String currency, String... allocations) {
        ObjectNode data = data(buyer).put("paymentReference", reference).put("receivedOn", "2026-11-08")
                .put("amount", amount).put("currency", currency).put("method", "BANK_TRANSFER");
        ArrayNode list = data.putArray("allocations");
        for (int i = 0; i < allocations.length; i += 2) {
            list.addObject().put("invoiceNumber", allocations[i]).put("amount", allocations[i + 1]);
        }
        return event("credit.payments.v1", "credit.payment.received", buyer, data);
    }

    /** An invoice billing the sales order {@code orderReference}: it consumes the order's reservation. */
    public static TestEvent invoiceForOrder(String buyer, String invoice, String orderReference, String amount, String currency,
            LocalDate issueDate, LocalDate dueDate) {
        ObjectNode data = data(buyer).put("invoiceNumber", invoice).put("issueDate", issueDate.toString())
                .put("dueDate", dueDate.toString()).put("amount", amount).put("currency", currency)
                .put("orderReference", orderReference);
        return event("credit.invoices.v1", "credit.invoice.issued", buyer, data);
    }

    public static TestEvent dunningStep(String buyer, String invoice, String step, LocalDate executedOn, int daysPastDue) {
        ObjectNode data = data(buyer).put("invoiceNumber", invoice).put("step", step).put("action", "EMAIL_SENT")
                .put("executedOn", executedOn.toString()).put("daysPastDue", daysPastDue);
        return withSource(event("credit.collections.v1", "credit.dunning.step-executed", buyer, data), "/collections-service");
    }

    /** A dunning step with the reason it ran (SCHEDULE, BROKEN_PROMISE, INSURER_DEADLINE, PAYMENT_PLAN). */
    public static TestEvent dunningStep(String buyer, String invoice, String step, LocalDate executedOn, int daysPastDue, String cause) {
        ObjectNode data = data(buyer).put("invoiceNumber", invoice).put("step", step).put("action", "EMAIL_SENT")
                .put("executedOn", executedOn.toString()).put("daysPastDue", daysPastDue).put("cause", cause);
        return withSource(event("credit.collections.v1", "credit.dunning.step-executed", buyer, data), "/collections-service");
    }

    public static TestEvent supplyStopRecommended(String buyer, LocalDate recommendedOn) {
        ObjectNode data = data(buyer).put("reason", "Invoices over 60 days past due").put("recommendedOn", recommendedOn.toString())
                .put("overdueAmount", "1000.00").put("currency", "EUR");
        return withSource(event("credit.collections.v1", "credit.supply.stop-recommended", buyer, data), "/collections-service");
    }

    /** A new grade from scoring-service, assessed at {@code assessedAt}. */
    public static TestEvent scoreChanged(String buyer, int grade, Integer previousGrade, Instant assessedAt) {
        ObjectNode data = data(buyer).put("grade", grade).put("probabilityOfDefault", "0.0185").put("modelVersion", "pd-test")
                .put("assessedAt", assessedAt.toString()).put("dataQuality", "FULL");
        if (previousGrade == null) {
            data.putNull("previousGrade");
        } else {
            data.put("previousGrade", previousGrade);
        }
        data.putArray("reasons").addObject().put("code", "DBT_INCREASING").put("description", "Days beyond terms rose").put("impact", "-0.25");
        return withSource(event("credit.scores.v1", "credit.score.changed", buyer, data), "/scoring-service");
    }

    private static TestEvent withSource(TestEvent event, String source) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(event.json());
            node.put("source", source);
            return new TestEvent(event.topic(), event.buyerId(), event.id(), JSON.writeValueAsString(node));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A financial statement from a risk-data provider (as scoring republishes it): revenue and book equity in {@code currency}. */
    public static TestEvent financialStatement(String buyer, LocalDate periodEnd, String currency, String revenue, String bookEquity) {
        ObjectNode data = data(buyer).put("periodEnd", periodEnd.toString()).put("currency", currency)
                .put("totalAssets", "1000000.00").put("currentAssets", "400000.00").put("currentLiabilities", "300000.00")
                .put("totalLiabilities", "700000.00").put("retainedEarnings", "50000.00").put("ebit", "20000.00")
                .put("revenue", revenue).put("bookEquity", bookEquity);
        return withSource(event("credit.buyers.v1", "credit.buyer.financial-statement-reported", buyer, data), "/risk-data/test");
    }

    public static TestEvent buyerRegistered(String buyer, String name, String parentId) {
        return event("credit.buyers.v1", "credit.buyer.registered", buyer, masterData(buyer, name, parentId));
    }

    public static TestEvent buyerUpdated(String buyer, String name, String parentId) {
        return event("credit.buyers.v1", "credit.buyer.updated", buyer, masterData(buyer, name, parentId));
    }

    /** The same event published again by a producer that does not reuse ids: a business-level repeat. */
    public static TestEvent withNewId(TestEvent event) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(event.json());
            String id = UUID.randomUUID().toString();
            node.put("id", id);
            return new TestEvent(event.topic(), event.buyerId(), id, JSON.writeValueAsString(node));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode masterData(String buyer, String name, String parentId) {
        ObjectNode data = data(buyer).put("name", name).put("country", "DE").put("industry", "C28.4");
        if (parentId != null) {
            data.put("parentId", parentId);
        }
        return data;
    }

    private static ObjectNode data(String buyer) {
        return JSON.createObjectNode().put("buyerId", buyer);
    }

    private static TestEvent event(String topic, String type, String buyer, ObjectNode data) {
        String id = UUID.randomUUID().toString();
        ObjectNode event = JSON.createObjectNode()
                .put("specversion", "1.0").put("id", id).put("source", "/erp/test").put("type", type)
                .put("subject", buyer).put("time", Instant.now().toString()).put("datacontenttype", "application/json");
        event.set("data", data);
        try {
            return new TestEvent(topic, buyer, id, JSON.writeValueAsString(event));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
