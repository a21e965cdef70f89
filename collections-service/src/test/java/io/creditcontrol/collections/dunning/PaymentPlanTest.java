package io.creditcontrol.collections.dunning;

import static io.creditcontrol.collections.Api.awaitInvoice;
import static io.creditcontrol.collections.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.creditcontrol.collections.Api;
import io.creditcontrol.collections.GreenMailResource;
import io.creditcontrol.collections.letters.LetterSender;
import io.creditcontrol.collections.TestClock;
import io.creditcontrol.collections.contract.EventContractTest;
import io.creditcontrol.collections.messaging.OutboxEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/** Payment plans: instalment reminders while on track, a missed instalment breaks the plan and escalates. */
@QuarkusTest
@TestSecurity(user = "collector.li", roles = { "erp", "analyst", "approver", "collector", "admin", "viewer" })
class PaymentPlanTest {

    @Inject
    TestClock clock;
    @Inject
    ObjectMapper mapper;
    @Inject
    LetterSender letters;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    void runOn(String day) {
        clock.setToday(LocalDate.parse(day));
        given().post("/api/v1/dunning/runs").then().statusCode(200);
    }

    static String plan(String planId, String invoice, String... instalments) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < instalments.length; i += 2) {
            list.append(i == 0 ? "" : ",").append("{\"dueDate\":\"%s\",\"amount\":\"%s\"}".formatted(instalments[i], instalments[i + 1]));
        }
        return """
                {"planId":"%s","invoiceNumber":"%s","currency":"EUR","instalments":[%s]}"""
                .formatted(planId, invoice, list);
    }

    @Test
    void instalmentsAreRemindedAndAMissedOneBreaksThePlanAndEscalates() throws Exception {
        String buyer = unique("B-PLAN");
        String invoice = unique("INV");
        String planId = unique("PLAN");
        clock.setToday(LocalDate.parse("2025-07-10"));
        Api.invoice(buyer, invoice, "2025-06-01", "2025-06-30", "900.00", "EUR");
        awaitInvoice(invoice, json -> true);
        given().contentType(ContentType.JSON).body(plan(planId, invoice, "2025-07-20", "300.00", "2025-08-20", "300.00", "2025-09-20", "300.00"))
                .post("/api/v1/payment-plans").then().statusCode(201)
                .body("status", equalTo("OPEN"), "instalments.amount", contains(300.0f, 300.0f, 300.0f));

        runOn("2025-07-16");
        runOn("2025-07-17");
        clock.setToday(LocalDate.parse("2025-07-19"));
        Api.payment(buyer, unique("PAY"), "2025-07-19", "300.00", "EUR", invoice);
        awaitInvoice(invoice, json -> json.getFloat("open") == 600.0f);
        runOn("2025-07-21");
        given().get("/api/v1/invoices/" + invoice + "/dunning").then()
                .body("steps.step", contains("INSTALMENT_1_REMINDER"), "steps[0].dueBy", equalTo("2025-07-20"),
                        "paymentPlan.status", equalTo("OPEN"));

        runOn("2025-08-17");
        runOn("2025-08-21"); // the second instalment was not paid

        given().get("/api/v1/invoices/" + invoice + "/dunning").then()
                .body("steps.step", contains("INSTALMENT_1_REMINDER", "INSTALMENT_2_REMINDER", "FORMAL_DEMAND"),
                        "steps[2].cause", equalTo("BROKEN_PROMISE"),
                        "paymentPlan.status", equalTo("BROKEN"), "paymentPlan.settledOn", equalTo("2025-08-21"));
        List<OutboxEvent> broken = QuarkusTransaction.requiringNew().call(
                () -> OutboxEvent.<OutboxEvent>list("recordKey = ?1 and eventType = ?2", buyer, "credit.promise.broken"));
        assertEquals(1, broken.size());
        var event = mapper.readTree(broken.get(0).payload);
        assertEquals(planId, event.path("data").path("promiseId").asText());
        assertEquals("300.00", event.path("data").path("amount").asText());
        assertEquals("2025-08-20", event.path("data").path("promisedDate").asText());
        assertEquals(0, EventContractTest.schemaFor("credit.promise.broken").validate(event).size());
    }

    static String planOver(String planId, List<String> invoices, String... instalments) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < instalments.length; i += 2) {
            list.append(i == 0 ? "" : ",").append("{\"dueDate\":\"%s\",\"amount\":\"%s\"}".formatted(instalments[i], instalments[i + 1]));
        }
        String numbers = invoices.stream().map(n -> "\"" + n + "\"").collect(java.util.stream.Collectors.joining(","));
        return """
                {"planId":"%s","invoiceNumbers":[%s],"currency":"EUR","instalments":[%s]}"""
                .formatted(planId, numbers, list);
    }

    static List<String> stepsOf(String invoice) {
        return given().get("/api/v1/invoices/" + invoice + "/dunning").then().statusCode(200).extract().jsonPath().getList("steps.step");
    }

    static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(GreenMailResource.smtp().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void aPlanOverSeveralInvoicesPausesThemAllRemindsOnceAndAMissedInstalmentEscalatesEach() throws Exception {
        String buyer = unique("B-PLANS");
        String email = unique("ap") + "@buyer-plans.example";
        String oldest = unique("INV-A");
        String middle = unique("INV-B");
        String newest = unique("INV-C");
        String planId = unique("PLAN");
        clock.setToday(LocalDate.parse("2025-07-10"));
        given().contentType(ContentType.JSON).body("""
                {"name":"Ana Ruiz","email":"%s","language":"en"}""".formatted(email))
                .put("/api/v1/buyers/" + buyer + "/dunning-contact").then().statusCode(200);
        Api.invoice(buyer, newest, "2025-06-01", "2025-06-30", "300.00", "EUR");
        Api.invoice(buyer, oldest, "2025-05-01", "2025-05-31", "400.00", "EUR");
        Api.invoice(buyer, middle, "2025-05-16", "2025-06-15", "500.00", "EUR");
        List.of(oldest, middle, newest).forEach(invoice -> awaitInvoice(invoice, json -> true));

        // named in any order; the instalments are applied oldest first
        given().contentType(ContentType.JSON).body(planOver(planId, List.of(newest, oldest, middle), "2025-07-20", "600.00", "2025-08-20", "600.00"))
                .post("/api/v1/payment-plans").then().statusCode(201)
                .body("invoiceNumber", equalTo(oldest), "invoiceNumbers", contains(oldest, middle, newest), "status", equalTo("OPEN"));
        given().get("/api/v1/invoices/" + newest + "/dunning").then().body("paymentPlan.planId", equalTo(planId));

        runOn("2025-07-17");
        letters.sendDue();
        // the first instalment is applied to the oldest invoice: its reminder is recorded there, once;
        // the other two, overdue since June, are paused too
        assertEquals(List.of("INSTALMENT_1_REMINDER"), stepsOf(oldest));
        assertEquals(List.of(), stepsOf(middle));
        assertEquals(List.of(), stepsOf(newest));
        List<MimeMessage> mail = mailTo(email);
        assertEquals(1, mail.size());
        assertEquals("Payment plan " + planId + ": instalment 1 of 2, 600.00 EUR due 2025-07-20", mail.get(0).getSubject());
        String text = String.valueOf(mail.get(0).getContent());
        assertTrue(text.contains("covering invoices " + oldest + ", " + middle + ", " + newest + "."), text);
        assertTrue(text.contains("Still owed on the plan: 1,200.00 EUR"), text);
        assertTrue(text.contains("Payment reference: " + buyer + " " + planId), text);

        // unallocated cash, applied oldest first: 400.00 to the oldest, 200.00 to the next
        clock.setToday(LocalDate.parse("2025-07-19"));
        Api.payment(buyer, unique("PAY"), "2025-07-19", "600.00", "EUR", null);
        awaitInvoice(middle, json -> json.getFloat("open") == 300.0f);
        runOn("2025-07-21");
        runOn("2025-08-17");
        // the second instalment (600.00 after the first 600.00) is applied first to the middle invoice
        assertEquals(List.of("INSTALMENT_1_REMINDER"), stepsOf(oldest));
        assertEquals(List.of("INSTALMENT_2_REMINDER"), stepsOf(middle));
        assertEquals(List.of(), stepsOf(newest));

        runOn("2025-08-21"); // the second instalment was not paid
        for (String invoice : List.of(middle, newest)) {
            given().get("/api/v1/invoices/" + invoice + "/dunning").then()
                    .body("paymentPlan.status", equalTo("BROKEN"), "paymentPlan.settledOn", equalTo("2025-08-21"),
                            "steps.cause", hasItem("BROKEN_PROMISE"));
        }
        assertEquals(List.of("INSTALMENT_1_REMINDER"), stepsOf(oldest), "paid: nothing to escalate");
        runOn("2025-08-22");
        for (String invoice : List.of(middle, newest)) {
            List<String> causes = given().get("/api/v1/invoices/" + invoice + "/dunning").then().extract().jsonPath().getList("steps.cause");
            assertEquals(1, causes.stream().filter("BROKEN_PROMISE"::equals).count(), invoice + ": escalated once");
        }
        List<OutboxEvent> broken = QuarkusTransaction.requiringNew().call(
                () -> OutboxEvent.<OutboxEvent>list("recordKey = ?1 and eventType = ?2", buyer, "credit.promise.broken"));
        assertEquals(1, broken.size(), "one broken promise per plan");
        var event = mapper.readTree(broken.get(0).payload);
        assertEquals(planId, event.path("data").path("promiseId").asText());
        assertEquals("600.00", event.path("data").path("amount").asText());
        assertEquals("2025-08-20", event.path("data").path("promisedDate").asText());
        assertEquals(middle, event.path("data").path("invoiceNumber").asText());
        assertEquals(0, EventContractTest.schemaFor("credit.promise.broken").validate(event).size());
    }

    @Test
    void aPlanOverSeveralInvoicesRefusesUnknownForeignAndRepeatedInvoicesAndStoresNothing() {
        String buyer = unique("B-PLANSV");
        String other = unique("B-PLANSV");
        String first = unique("INV");
        String second = unique("INV");
        String othersInvoice = unique("INV");
        String dollars = unique("INV");
        String planId = unique("PLAN");
        clock.setToday(LocalDate.parse("2025-07-10"));
        Api.invoice(buyer, first, "2025-05-01", "2025-05-31", "100.00", "EUR");
        Api.invoice(buyer, second, "2025-05-10", "2025-06-09", "200.00", "EUR");
        Api.invoice(other, othersInvoice, "2025-05-01", "2025-05-31", "50.00", "EUR");
        Api.invoice(buyer, dollars, "2025-05-01", "2025-05-31", "70.00", "USD");
        Api.dispute(buyer, unique("DSP"), second, "2025-06-20", "50.00", "EUR");
        List.of(first, othersInvoice, dollars).forEach(invoice -> awaitInvoice(invoice, json -> true));
        awaitInvoice(second, json -> json.getFloat("disputed") == 50.0f);

        given().contentType(ContentType.JSON).body(planOver(planId, List.of(first, "NO-SUCH-INVOICE"), "2025-07-20", "100.00"))
                .post("/api/v1/payment-plans").then().statusCode(404).body("violations[0].field", equalTo("invoiceNumbers[1]"));
        given().contentType(ContentType.JSON).body(planOver(planId, List.of(first, othersInvoice), "2025-07-20", "150.00"))
                .post("/api/v1/payment-plans").then().statusCode(422).body("violations[0].field", equalTo("invoiceNumbers[1]"));
        given().contentType(ContentType.JSON).body(planOver(planId, List.of(first, dollars), "2025-07-20", "170.00"))
                .post("/api/v1/payment-plans").then().statusCode(422).body("violations[0].field", equalTo("invoiceNumbers[1]"));
        given().contentType(ContentType.JSON).body(planOver(planId, List.of(first, second, first), "2025-07-20", "250.00"))
                .post("/api/v1/payment-plans").then().statusCode(400).body("violations[0].field", equalTo("invoiceNumbers[2]"));
        // the disputed 50.00 is not planned: the instalments add up to 250.00, not 300.00
        given().contentType(ContentType.JSON).body(planOver(planId, List.of(first, second), "2025-07-20", "300.00"))
                .post("/api/v1/payment-plans").then().statusCode(422).body("violations[0].field", equalTo("instalments"));
        given().contentType(ContentType.JSON).body("""
                {"planId":"%s","invoiceNumber":"%s","invoiceNumbers":["%s"],"currency":"EUR","instalments":[{"dueDate":"2025-07-20","amount":"100.00"}]}"""
                .formatted(planId, first, first))
                .post("/api/v1/payment-plans").then().statusCode(400).body("violations[0].field", equalTo("invoiceNumbers"));
        given().contentType(ContentType.JSON).body("""
                {"planId":"%s","currency":"EUR","instalments":[{"dueDate":"2025-07-20","amount":"100.00"}]}""".formatted(planId))
                .post("/api/v1/payment-plans").then().statusCode(400).body("violations[0].field", equalTo("invoiceNumber"));
        for (String invoice : List.of(first, second, othersInvoice, dollars)) {
            given().get("/api/v1/invoices/" + invoice + "/dunning").then().body("paymentPlan", equalTo(null));
        }

        // nothing was stored under the plan id: the plan can still be agreed
        given().contentType(ContentType.JSON).body(planOver(planId, List.of(second, first), "2025-07-20", "125.00", "2025-08-20", "125.00"))
                .post("/api/v1/payment-plans").then().statusCode(201)
                .body("invoiceNumbers", contains(first, second), "instalments.amount", contains(125.0f, 125.0f));
        given().contentType(ContentType.JSON).body(planOver(planId, List.of(second, first), "2025-07-20", "125.00", "2025-08-20", "125.00"))
                .post("/api/v1/payment-plans").then().statusCode(200);
        // settle both so that no later run of another test finds them due
        Api.payment(buyer, unique("PAY"), "2025-07-10", "100.00", "EUR", first);
        Api.payment(buyer, unique("PAY"), "2025-07-10", "200.00", "EUR", second);
        awaitInvoice(second, json -> json.getFloat("open") == 0.0f);
    }

    @Test
    void aPlanMustCoverTheOpenAmountWithFutureAscendingDates() {
        String buyer = unique("B-PLANV");
        String invoice = unique("INV");
        clock.setToday(LocalDate.parse("2025-07-10"));
        Api.invoice(buyer, invoice, "2025-06-01", "2025-06-30", "900.00", "EUR");
        awaitInvoice(invoice, json -> true);

        given().contentType(ContentType.JSON).body(plan(unique("PLAN"), invoice, "2025-07-20", "300.00", "2025-08-20", "300.00"))
                .post("/api/v1/payment-plans").then().statusCode(422).body("violations[0].field", equalTo("instalments"));
        given().contentType(ContentType.JSON).body(plan(unique("PLAN"), invoice, "2025-07-01", "450.00", "2025-08-20", "450.00"))
                .post("/api/v1/payment-plans").then().statusCode(400).body("violations[0].field", equalTo("instalments[0].dueDate"));
        given().contentType(ContentType.JSON).body(plan(unique("PLAN"), "NO-SUCH-INVOICE", "2025-07-20", "900.00"))
                .post("/api/v1/payment-plans").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"planId\":\"P-1\",\"invoiceNumber\":\"x\",\"currency\":\"EUR\",\"instalments\":[]}")
                .post("/api/v1/payment-plans").then().statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.hasItems("instalments"));

        given().get("/api/v1/invoices/" + invoice + "/dunning").then().body("paymentPlan", equalTo(null));
    }
}
