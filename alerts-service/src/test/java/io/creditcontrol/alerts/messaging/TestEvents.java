package io.creditcontrol.alerts.messaging;

import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import io.creditcontrol.alerts.messaging.events.BuyerEvents;
import io.creditcontrol.alerts.messaging.events.ReceivablesEvents;

/** Events as an ERP or a risk-data provider would publish them: CloudEvents JSON, keyed by buyer. */
public final class TestEvents {

    private TestEvents() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String event(String id, String type, String buyerId, String data) {
        return """
                {"specversion":"1.0","id":"%s","source":"/erp/test","type":"%s","subject":"%s",
                 "time":"2026-11-20T08:00:00Z","datacontenttype":"application/json","data":%s}"""
                .formatted(id, type, buyerId, data);
    }

    public static String event(String type, String buyerId, String data) {
        return event(UUID.randomUUID().toString(), type, buyerId, data);
    }

    public static void publishInvoiceEvent(String buyerId, String event) {
        TestTopics.publish(ReceivablesEvents.INVOICES_TOPIC, buyerId, event);
    }

    public static void publishPaymentEvent(String buyerId, String event) {
        TestTopics.publish(ReceivablesEvents.PAYMENTS_TOPIC, buyerId, event);
    }

    public static void publishBuyerEvent(String buyerId, String event) {
        TestTopics.publish(BuyerEvents.BUYERS_TOPIC, buyerId, event);
    }

    public static String invoiceIssued(String buyerId, String invoiceNumber, String currency, String amount,
            String issueDate, String dueDate) {
        return event(ReceivablesEvents.INVOICE_ISSUED, buyerId, """
                {"buyerId":"%s","invoiceNumber":"%s","issueDate":"%s","dueDate":"%s","amount":"%s","currency":"%s"}"""
                .formatted(buyerId, invoiceNumber, issueDate, dueDate, amount, currency));
    }

    /** A payment; {@code allocations} are pairs of invoice number and amount. */
    public static String paymentReceived(String buyerId, String paymentReference, String currency, String amount,
            String receivedOn, String... allocations) {
        return event(ReceivablesEvents.PAYMENT_RECEIVED, buyerId, paymentData(buyerId, paymentReference, currency, amount,
                receivedOn, allocations));
    }

    public static String paymentData(String buyerId, String paymentReference, String currency, String amount,
            String receivedOn, String... allocations) {
        String allocated = Arrays.stream(pairs(allocations))
                .map(pair -> "{\"invoiceNumber\":\"%s\",\"amount\":\"%s\"}".formatted(pair[0], pair[1]))
                .collect(Collectors.joining(","));
        return """
                {"buyerId":"%s","paymentReference":"%s","receivedOn":"%s","amount":"%s","currency":"%s",
                 "method":"BANK_TRANSFER","allocations":[%s]}"""
                .formatted(buyerId, paymentReference, receivedOn, amount, currency, allocated);
    }

    public static String invoiceCredited(String buyerId, String creditNoteNumber, String invoiceNumber, String currency,
            String amount, String issueDate) {
        return event(ReceivablesEvents.INVOICE_CREDITED, buyerId, """
                {"buyerId":"%s","creditNoteNumber":"%s","invoiceNumber":"%s","issueDate":"%s","amount":"%s","currency":"%s"}"""
                .formatted(buyerId, creditNoteNumber, invoiceNumber, issueDate, amount, currency));
    }

    public static String invoiceDisputed(String buyerId, String disputeId, String invoiceNumber, String currency,
            String amount, String openedOn) {
        return event(ReceivablesEvents.INVOICE_DISPUTED, buyerId, """
                {"buyerId":"%s","disputeId":"%s","invoiceNumber":"%s","amount":"%s","currency":"%s","openedOn":"%s",
                 "reason":"Goods damaged in transit"}"""
                .formatted(buyerId, disputeId, invoiceNumber, amount, currency, openedOn));
    }

    public static String disputeResolved(String buyerId, String disputeId, String invoiceNumber, String outcome,
            String resolvedOn) {
        return event(ReceivablesEvents.DISPUTE_RESOLVED, buyerId, """
                {"buyerId":"%s","disputeId":"%s","invoiceNumber":"%s","resolvedOn":"%s","outcome":"%s"}"""
                .formatted(buyerId, disputeId, invoiceNumber, resolvedOn, outcome));
    }

    public static String invoiceWrittenOff(String buyerId, String invoiceNumber, String currency, String amount,
            String writtenOffOn) {
        return event(ReceivablesEvents.INVOICE_WRITTEN_OFF, buyerId, """
                {"buyerId":"%s","invoiceNumber":"%s","amount":"%s","currency":"%s","writtenOffOn":"%s"}"""
                .formatted(buyerId, invoiceNumber, amount, currency, writtenOffOn));
    }

    public static String buyerMasterData(String type, String buyerId, String name, String country, String industry,
            String parentId) {
        return event(type, buyerId, """
                {"buyerId":"%s","name":"%s","country":"%s","industry":"%s","parentId":"%s"}"""
                .formatted(buyerId, name, country, industry, parentId));
    }

    public static String riskSignalData(String buyerId, String signal, String observedOn, String severity) {
        return """
                {"buyerId":"%s","signal":"%s","observedOn":"%s","severity":"%s","description":"%s reported","source":"test monitor"}"""
                .formatted(buyerId, signal, observedOn, severity, signal);
    }

    public static void publishScoreEvent(String buyerId, String event) {
        TestTopics.publish("credit.scores.v1", buyerId, event);
    }

    public static void publishLimitEvent(String buyerId, String event) {
        TestTopics.publish("credit.limits.v1", buyerId, event);
    }

    public static void publishCollectionsEvent(String buyerId, String event) {
        TestTopics.publish("credit.collections.v1", buyerId, event);
    }

    /** credit.score.changed; {@code previousGrade} null for a first assessment. */
    public static String scoreChanged(String buyerId, int grade, Integer previousGrade) {
        return event("credit.score.changed", buyerId, """
                {"buyerId":"%s","grade":%d,%s"probabilityOfDefault":"0.0185","modelVersion":"pd-test",
                 "reasons":[{"code":"DBT_INCREASING","description":"Days beyond terms rising","impact":"-0.25"}],
                 "assessedAt":"2026-11-20T08:00:00Z","dataQuality":"FULL"}"""
                .formatted(buyerId, grade, previousGrade == null ? "" : "\"previousGrade\":" + previousGrade + ","));
    }

    /** credit.limit.changed; {@code previousLimit} null when the buyer had none. */
    public static String limitChanged(String buyerId, String limit, String previousLimit, String currency) {
        return event("credit.limit.changed", buyerId, """
                {"buyerId":"%s","limit":"%s","currency":"%s",%s"reason":"test","effectiveFrom":"2026-11-20","changedBy":"system"}"""
                .formatted(buyerId, limit, currency, previousLimit == null ? "" : "\"previousLimit\":\"" + previousLimit + "\","));
    }

    public static String orderDecided(String buyerId, String orderReference, String decision) {
        return event("credit.order.decided", buyerId, """
                {"buyerId":"%s","orderReference":"%s","amount":"42000.00","currency":"EUR","decision":"%s",
                 "reasonCodes":["LIMIT_EXCEEDED"],"exposure":"131500.00","limit":"150000.00","headroom":"18500.00"}"""
                .formatted(buyerId, orderReference, decision));
    }

    /** credit.dunning.step-executed; {@code cause} and {@code dueBy} may be null. */
    public static String dunningStep(String buyerId, String invoiceNumber, String step, String action, String cause, String dueBy) {
        return event("credit.dunning.step-executed", buyerId, """
                {"buyerId":"%s","invoiceNumber":"%s","step":"%s","action":"%s","executedOn":"2026-11-20","daysPastDue":40%s%s}"""
                .formatted(buyerId, invoiceNumber, step, action, cause == null ? "" : ",\"cause\":\"" + cause + "\"",
                        dueBy == null ? "" : ",\"dueBy\":\"" + dueBy + "\""));
    }

    /** credit.promise.broken; {@code invoiceNumber} may be null. */
    public static String promiseBroken(String buyerId, String promiseId, String invoiceNumber) {
        return event("credit.promise.broken", buyerId, """
                {"buyerId":"%s","promiseId":"%s","promisedOn":"2026-11-09","amount":"9800.00","currency":"EUR",
                 "promisedDate":"2026-11-20"%s}"""
                .formatted(buyerId, promiseId, invoiceNumber == null ? "" : ",\"invoiceNumber\":\"" + invoiceNumber + "\""));
    }

    private static String[][] pairs(String... values) {
        if (values.length % 2 != 0) {
            throw new IllegalArgumentException("allocations come in pairs of invoice number and amount");
        }
        String[][] pairs = new String[values.length / 2][];
        for (int i = 0; i < values.length; i += 2) {
            pairs[i / 2] = new String[] {values[i], values[i + 1]};
        }
        return pairs;
    }
}
