package io.creditcontrol.collections;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** What an ERP or a collector does through the API, for the tests. */
public final class Api {

    private Api() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void invoice(String buyer, String number, String issued, String due, String amount, String currency) {
        post("/api/v1/invoices", """
                {"buyerId":"%s","invoiceNumber":"%s","issueDate":"%s","dueDate":"%s","amount":"%s","currency":"%s"}"""
                .formatted(buyer, number, issued, due, amount, currency));
    }

    /** allocatedTo null: unallocated cash. */
    public static void payment(String buyer, String reference, String receivedOn, String amount, String currency, String allocatedTo) {
        String allocations = allocatedTo == null ? "[]" : "[{\"invoiceNumber\":\"%s\",\"amount\":\"%s\"}]".formatted(allocatedTo, amount);
        post("/api/v1/payments", """
                {"buyerId":"%s","paymentReference":"%s","receivedOn":"%s","amount":"%s","currency":"%s","allocations":%s}"""
                .formatted(buyer, reference, receivedOn, amount, currency, allocations));
    }

    public static void creditNote(String buyer, String number, String invoice, String issued, String amount, String currency) {
        post("/api/v1/credit-notes", """
                {"buyerId":"%s","creditNoteNumber":"%s","invoiceNumber":"%s","issueDate":"%s","amount":"%s","currency":"%s"}"""
                .formatted(buyer, number, invoice, issued, amount, currency));
    }

    public static void dispute(String buyer, String disputeId, String invoice, String openedOn, String amount, String currency) {
        post("/api/v1/disputes", """
                {"buyerId":"%s","disputeId":"%s","invoiceNumber":"%s","amount":"%s","currency":"%s","openedOn":"%s","reason":"damaged goods"}"""
                .formatted(buyer, disputeId, invoice, amount, currency, openedOn));
    }

    public static void resolve(String disputeId, String resolvedOn, String outcome) {
        post("/api/v1/disputes/" + disputeId + "/resolution", """
                {"resolvedOn":"%s","outcome":"%s"}""".formatted(resolvedOn, outcome));
    }

    public static void writeOff(String buyer, String id, String invoice, String on, String amount, String currency) {
        post("/api/v1/write-offs", """
                {"writeOffId":"%s","buyerId":"%s","invoiceNumber":"%s","amount":"%s","currency":"%s","writtenOffOn":"%s",
                 "reason":"insolvency closed without dividend"}"""
                .formatted(id, buyer, invoice, amount, currency, on));
    }

    public static void post(String path, String body) {
        given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(201);
    }

    /** Waits until the ledger (built from the topics) shows the invoice in a state the test expects. */
    public static JsonPath awaitInvoice(String invoice, Predicate<JsonPath> state) {
        return awaitInvoice(invoice, state, RestAssured::given);
    }

    /** The same, reading as the caller the request specification stands for (e.g. with its bearer token). */
    public static JsonPath awaitInvoice(String invoice, Predicate<JsonPath> state, Supplier<RequestSpecification> caller) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            var response = caller.get().get("/api/v1/invoices/" + invoice);
            return response.statusCode() == 200 ? response.jsonPath() : null;
        }, json -> json != null && state.test(json));
    }

    public static float amount(JsonPath json, String path) {
        return json.getFloat(path);
    }
}
