package io.creditcontrol.collections.ledger;

import static io.creditcontrol.collections.Api.awaitInvoice;
import static io.creditcontrol.collections.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.creditcontrol.collections.Api;
import io.creditcontrol.collections.messaging.OutboxEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The ledger over a mix of every kind of event: invoiced - paid - credited - written off = open, to the cent. */
@QuarkusTest
@TestSecurity(user = "collector.li", roles = { "erp", "analyst", "approver", "collector", "admin", "viewer" })
class LedgerReconciliationTest {

    @Test
    void balancesReconcileOverInvoicesPaymentsCreditNotesDisputesWriteOffsAndUnallocatedCash() {
        String buyer = unique("B-REC");
        String inv1 = unique("INV");
        String inv2 = unique("INV");
        String inv3 = unique("INV");
        String inv4 = unique("INV");
        Api.invoice(buyer, inv1, "2026-01-01", "2026-01-31", "1000.00", "EUR");
        Api.invoice(buyer, inv2, "2026-02-01", "2026-02-28", "500.00", "EUR");
        Api.invoice(buyer, inv3, "2026-03-01", "2026-03-31", "800.00", "EUR");
        Api.invoice(buyer, inv4, "2026-01-15", "2026-02-14", "300.00", "USD");
        awaitInvoice(inv4, json -> true);

        Api.payment(buyer, unique("PAY"), "2026-02-10", "200.00", "EUR", inv2);
        Api.creditNote(buyer, unique("CN"), inv1, "2026-02-12", "100.00", "EUR");
        Api.dispute(buyer, unique("DSP"), inv1, "2026-02-15", "50.00", "EUR");
        awaitInvoice(inv1, json -> json.getFloat("disputed") == 50.0f && json.getFloat("credited") == 100.0f);
        awaitInvoice(inv2, json -> json.getFloat("paid") == 200.0f);

        // unallocated: oldest first, undisputed part only: 850 to inv1, the remaining 150 to inv2
        Api.payment(buyer, unique("PAY"), "2026-03-05", "1000.00", "EUR", null);
        // over-payment of an allocated invoice: 100 stays unapplied
        Api.payment(buyer, unique("PAY"), "2026-03-20", "900.00", "EUR", inv3);
        Api.payment(buyer, unique("PAY"), "2026-03-21", "50.00", "USD", null);
        awaitInvoice(inv1, json -> json.getFloat("paid") == 850.0f);
        awaitInvoice(inv2, json -> json.getFloat("paid") == 350.0f);
        awaitInvoice(inv3, json -> json.getFloat("paid") == 800.0f);
        awaitInvoice(inv4, json -> json.getFloat("paid") == 50.0f);

        Api.writeOff(buyer, unique("WO"), inv2, "2026-04-30", "150.00", "EUR");
        awaitInvoice(inv2, json -> json.getFloat("writtenOff") == 150.0f);

        JsonPath ledger = given().get("/api/v1/buyers/" + buyer + "/ledger").then().statusCode(200).extract().jsonPath();
        Map<String, Object> eur = ledger.getMap("balances.find { it.currency == 'EUR' }");
        Map<String, Object> usd = ledger.getMap("balances.find { it.currency == 'USD' }");
        assertEquals(Map.of("invoiced", "2300.00", "paid", "2000.00", "credited", "100.00", "writtenOff", "150.00",
                "open", "50.00", "disputed", "50.00", "unappliedCash", "100.00"), amounts(eur));
        assertEquals(Map.of("invoiced", "300.00", "paid", "50.00", "credited", "0.00", "writtenOff", "0.00",
                "open", "250.00", "disputed", "0.00", "unappliedCash", "0.00"), amounts(usd));
        for (Map<String, Object> balance : List.of(eur, usd)) {
            BigDecimal reconciled = decimal(balance, "invoiced").subtract(decimal(balance, "paid")).subtract(decimal(balance, "credited"))
                    .subtract(decimal(balance, "writtenOff"));
            assertEquals(0, reconciled.compareTo(decimal(balance, "open")), "invoiced - paid - credited - written off = open: " + balance);
        }
        given().get("/api/v1/invoices/" + inv1).then().body("open", equalTo(50.0f), "disputed", equalTo(50.0f));
    }

    @Test
    void aWriteOffOfMoreThanIsOpenIsRefusedAndNothingIsPublished() {
        String buyer = unique("B-WO");
        String invoice = unique("INV");
        Api.invoice(buyer, invoice, "2026-01-01", "2026-01-31", "100.00", "EUR");
        awaitInvoice(invoice, json -> true);

        given().contentType(ContentType.JSON).body("""
                {"writeOffId":"%s","buyerId":"%s","invoiceNumber":"%s","amount":"100.01","currency":"EUR","writtenOffOn":"2026-06-30",
                 "reason":"uncollectable"}""".formatted(unique("WO"), buyer, invoice))
                .post("/api/v1/write-offs")
                .then().statusCode(422).contentType("application/problem+json").body("violations[0].field", equalTo("amount"));
        given().contentType(ContentType.JSON).body("""
                {"writeOffId":"%s","buyerId":"%s","invoiceNumber":"%s","amount":"0","currency":"EUR","reason":""}"""
                .formatted(unique("WO"), buyer, invoice))
                .post("/api/v1/write-offs")
                .then().statusCode(400)
                .body("violations.field", containsInAnyOrder("amount", "reason", "writtenOffOn"));
        given().contentType(ContentType.JSON).body("""
                {"writeOffId":"%s","buyerId":"%s","invoiceNumber":"NO-SUCH","amount":"1.00","currency":"EUR","writtenOffOn":"2026-06-30",
                 "reason":"uncollectable"}""".formatted(unique("WO"), buyer))
                .post("/api/v1/write-offs")
                .then().statusCode(422).body("violations[0].field", equalTo("invoiceNumber"));

        long published = QuarkusTransaction.requiringNew().call(
                () -> OutboxEvent.count("recordKey = ?1 and eventType = ?2", buyer, "credit.invoice.written-off"));
        assertEquals(0, published);
        given().get("/api/v1/invoices/" + invoice).then().body("writtenOff", equalTo(0.0f), "open", equalTo(100.0f));
    }

    @Test
    void aResentWriteOffIsADuplicateAndWritesOffOnce() {
        String buyer = unique("B-WO2");
        String invoice = unique("INV");
        Api.invoice(buyer, invoice, "2026-01-01", "2026-01-31", "100.00", "EUR");
        awaitInvoice(invoice, json -> true);
        String id = unique("WO");
        Api.writeOff(buyer, id, invoice, "2026-06-30", "40.00", "EUR");
        given().contentType(ContentType.JSON).body("""
                {"writeOffId":"%s","buyerId":"%s","invoiceNumber":"%s","amount":"40.0","currency":"EUR","writtenOffOn":"2026-06-30",
                 "reason":"insolvency closed without dividend"}""".formatted(id, buyer, invoice))
                .post("/api/v1/write-offs").then().statusCode(200).body("status", equalTo("DUPLICATE"));

        awaitInvoice(invoice, json -> json.getFloat("writtenOff") == 40.0f);
        given().get("/api/v1/invoices/" + invoice).then().body("open", equalTo(60.0f));
    }

    private static Map<String, String> amounts(Map<String, Object> balance) {
        Map<String, String> result = new java.util.HashMap<>();
        for (String key : List.of("invoiced", "paid", "credited", "writtenOff", "open", "disputed", "unappliedCash")) {
            result.put(key, decimal(balance, key).setScale(2).toPlainString());
        }
        return result;
    }

    private static BigDecimal decimal(Map<String, Object> balance, String key) {
        return new BigDecimal(balance.get(key).toString());
    }
}
