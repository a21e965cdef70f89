package io.creditcontrol.collections.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

@QuarkusTest
@TestSecurity(user = "collector.li", roles = { "erp", "analyst", "approver", "collector", "admin", "viewer" })
class LedgerImportResourceTest {

    @Test
    void importsGoodNdjsonRowsAndReportsDuplicateAndBadRowsByLine() {
        String buyer = "B-IMP-" + UUID.randomUUID().toString().substring(0, 6);
        String inv = "INV-" + UUID.randomUUID().toString().substring(0, 8);
        String ndjson = String.join("\n",
                """
                {"type":"invoice","buyerId":"%s","invoiceNumber":"%s-1","issueDate":"2026-05-01","dueDate":"2026-05-31","amount":"1200.00","currency":"EUR"}"""
                        .formatted(buyer, inv),
                """
                {"type":"payment","buyerId":"%s","paymentReference":"P-%s","receivedOn":"2026-06-02","amount":"200.00","currency":"EUR","allocations":[{"invoiceNumber":"%s-1","amount":"200.00"}]}"""
                        .formatted(buyer, inv, inv),
                """
                {"type":"invoice","buyerId":"%s","invoiceNumber":"%s-1","issueDate":"2026-05-01","dueDate":"2026-05-31","amount":"1200.00","currency":"EUR"}"""
                        .formatted(buyer, inv),
                """
                {"type":"invoice","buyerId":"%s","invoiceNumber":"%s-2","issueDate":"2026-05-01","dueDate":"2026-04-30","amount":"abc","currency":"EUR"}"""
                        .formatted(buyer, inv),
                "{not json",
                """
                {"type":"invoice","buyerId":"%s","invoiceNumber":"%s-3","issueDate":"2026-05-01","dueDate":"2026-06-30","amount":"0","currency":"XYZ"}"""
                        .formatted(buyer, inv));

        given().contentType("application/x-ndjson").body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/ledger-imports")
                .then().statusCode(200)
                .body("rows", equalTo(6), "accepted", equalTo(2), "duplicates", equalTo(1), "rejected", equalTo(3),
                        "problems.row", contains(3, 4, 5, 6),
                        "problems[0].status", equalTo("DUPLICATE"),
                        "problems[1].violations.field", contains("amount"),
                        "problems[2].violations[0].field", equalTo("row"),
                        "problems[3].violations.field", contains("amount", "currency"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/buyers/" + buyer + "/ledger")
                .then().statusCode(200)
                .body("items", hasSize(1), "balances[0].open", equalTo(1000.0f)));
    }

    @Test
    void importsCsvAndNamesBadColumns() {
        String buyer = "B-CSV-" + UUID.randomUUID().toString().substring(0, 6);
        String inv = "INV-" + UUID.randomUUID().toString().substring(0, 8);
        String csv = """
                type,buyerId,documentNumber,invoiceNumber,date,dueDate,amount,currency,orderReference
                invoice,%1$s,%2$s,,2026-05-01,2026-05-31,500.00,EUR,SO-1
                payment,%1$s,P-%2$s,%2$s,2026-06-02,,500.00,EUR,
                invoice,%1$s,%2$s-B,,01.05.2026,2026-05-31,500.00,EUR,
                credit-note,%1$s,CN-%2$s,NO-SUCH-INVOICE,2026-06-05,,10.00,EUR,
                """.formatted(buyer, inv);

        given().contentType("text/csv").body(csv)
                .when().post("/api/v1/ledger-imports")
                .then().statusCode(200)
                .body("accepted", equalTo(2), "rejected", equalTo(2),
                        "problems.row", contains(3, 4),
                        "problems[0].violations[0].field", equalTo("date"),
                        "problems[1].violations[0].field", equalTo("invoiceNumber"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/invoices/" + inv)
                .then().statusCode(200).body("paid", equalTo(500.0f), "open", equalTo(0.0f)));
    }

    @Test
    void aCsvWithoutTheRequiredColumnsIsRefusedWhole() {
        given().contentType("text/csv").body("buyer,amount\nB-1,10.00\n")
                .when().post("/api/v1/ledger-imports")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://creditcontrol.io/problems/unreadable-import"));
    }
}
