package io.creditcontrol.collections.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.creditcontrol.collections.intake.IntakeDocument;
import io.creditcontrol.collections.messaging.OutboxEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

@QuarkusTest
@TestSecurity(user = "collector.li", roles = { "erp", "analyst", "approver", "collector", "admin", "viewer" })
class IntakeResourceTest {

    static String invoice(String buyer, String number, String amount) {
        return """
                {"buyerId":"%s","invoiceNumber":"%s","issueDate":"2026-10-01","dueDate":"2026-10-31",
                 "amount":"%s","currency":"EUR","orderReference":"SO-1"}""".formatted(buyer, number, amount);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void acceptsAnInvoiceAndTheLedgerShowsItOpen() {
        String buyer = unique("B");
        String number = unique("INV");
        given().contentType(ContentType.JSON).body(invoice(buyer, number, "1200.00"))
                .when().post("/api/v1/invoices")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("status", equalTo("ACCEPTED"), "documentNumber", equalTo(number));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/api/v1/invoices/" + number)
                .then().statusCode(200)
                .body("buyerId", equalTo(buyer), "open", equalTo(1200.0f), "dueDate", equalTo("2026-10-31")));
    }

    @Test
    void aResentInvoiceIsADuplicateAndPublishedOnce() {
        String number = unique("INV");
        String body = invoice(unique("B"), number, "500.00");
        String eventId = given().contentType(ContentType.JSON).body(body).post("/api/v1/invoices")
                .then().statusCode(201).extract().path("eventId");

        // the same document again, with the amount written differently: same content, so a duplicate
        given().contentType(ContentType.JSON).body(body.replace("500.00", "500.0"))
                .when().post("/api/v1/invoices")
                .then().statusCode(200)
                .body("status", equalTo("DUPLICATE"), "eventId", equalTo(eventId));

        long announced = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("payload like ?1", "%\"" + number + "\"%"));
        org.junit.jupiter.api.Assertions.assertEquals(1, announced, "the invoice is announced exactly once");
    }

    @Test
    void theSameInvoiceNumberWithOtherContentIsAConflictAndChangesNothing() {
        String buyer = unique("B");
        String number = unique("INV");
        given().contentType(ContentType.JSON).body(invoice(buyer, number, "500.00")).post("/api/v1/invoices").then().statusCode(201);

        given().contentType(ContentType.JSON).body(invoice(buyer, number, "900.00"))
                .when().post("/api/v1/invoices")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://creditcontrol.io/problems/document-conflict"));
    }

    @Test
    void badFieldsAreEachNamedAndNothingIsRecorded() {
        String number = unique("INV");
        String body = """
                {"buyerId":"","invoiceNumber":"%s","issueDate":"2026-10-31","dueDate":"2026-10-01",
                 "amount":"-5","currency":"EURO"}""".formatted(number);
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/invoices")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://creditcontrol.io/problems/validation"),
                        "status", equalTo(400),
                        "violations.field", containsInAnyOrder("amount", "buyerId", "buyerId", "currency", "dueDate"));

        long recorded = QuarkusTransaction.requiringNew().call(() -> IntakeDocument.count("documentNumber", number));
        org.junit.jupiter.api.Assertions.assertEquals(0, recorded);
    }

    @Test
    void anUnreadableDateNamesTheField() {
        given().contentType(ContentType.JSON)
                .body(invoice("B-1", unique("INV"), "10.00").replace("2026-10-01", "01/10/2026"))
                .when().post("/api/v1/invoices")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("issueDate"));
    }

    @Test
    void aPartialPaymentLeavesTheRestOpenAndBalancesReconcile() {
        String buyer = unique("B");
        String number = unique("INV");
        given().contentType(ContentType.JSON).body(invoice(buyer, number, "1000.00")).post("/api/v1/invoices").then().statusCode(201);
        String payment = """
                {"buyerId":"%s","paymentReference":"%s","receivedOn":"2026-11-02","amount":"400.00","currency":"EUR",
                 "method":"BANK_TRANSFER","allocations":[{"invoiceNumber":"%s","amount":"400.00"}]}"""
                .formatted(buyer, unique("PAY"), number);
        given().contentType(ContentType.JSON).body(payment).post("/api/v1/payments").then().statusCode(201).body("status", equalTo("ACCEPTED"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/buyers/" + buyer + "/ledger")
                .then().statusCode(200)
                .body("balances[0].invoiced", equalTo(1000.0f),
                        "balances[0].paid", equalTo(400.0f),
                        "balances[0].open", equalTo(600.0f),
                        "items[0].open", equalTo(600.0f)));
    }

    @Test
    void aPaymentInAnotherCurrencyThanItsInvoiceIsRefusedAndChangesNothing() {
        String buyer = unique("B");
        String number = unique("INV");
        given().contentType(ContentType.JSON).body(invoice(buyer, number, "1000.00")).post("/api/v1/invoices").then().statusCode(201);
        String reference = unique("PAY");
        // there is no exchange rate in the intake: a USD payment cannot settle an EUR invoice
        given().contentType(ContentType.JSON).body("""
                {"buyerId":"%s","paymentReference":"%s","receivedOn":"2026-11-02","amount":"400.00","currency":"USD",
                 "allocations":[{"invoiceNumber":"%s","amount":"400.00"}]}""".formatted(buyer, reference, number))
                .post("/api/v1/payments").then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("currency"), "detail", org.hamcrest.Matchers.containsString("EUR"));
        // nothing changed: the same reference can still be used for a correct payment, and the invoice is untouched
        given().contentType(ContentType.JSON).body("""
                {"buyerId":"%s","paymentReference":"%s","receivedOn":"2026-11-02","amount":"400.00","currency":"EUR",
                 "allocations":[{"invoiceNumber":"%s","amount":"400.00"}]}""".formatted(buyer, reference, number))
                .post("/api/v1/payments").then().statusCode(201).body("status", equalTo("ACCEPTED"));
    }

    @Test
    void aPaymentForAnUnknownInvoiceIsRefused() {
        String payment = """
                {"buyerId":"B-9","paymentReference":"%s","receivedOn":"2026-11-02","amount":"10.00","currency":"EUR",
                 "allocations":[{"invoiceNumber":"NO-SUCH-INVOICE","amount":"10.00"}]}""".formatted(unique("PAY"));
        given().contentType(ContentType.JSON).body(payment)
                .when().post("/api/v1/payments")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("allocations[0].invoiceNumber"));
    }
}
