package io.creditcontrol.collections.dunning;

import static io.creditcontrol.collections.Api.awaitInvoice;
import static io.creditcontrol.collections.Api.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.creditcontrol.collections.Api;
import io.creditcontrol.collections.GreenMailResource;
import io.creditcontrol.collections.TestClock;
import io.creditcontrol.collections.letters.LetterSender;
import io.creditcontrol.collections.messaging.OutboxEvent;
import io.creditcontrol.collections.messaging.TestTopics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The dunning workflow driven day by day with the test clock (dates in 2025 and earlier, so the
 * worker never touches the other tests' 2026 invoices). Strategy "standard": pre-due reminder
 * at -3, due-date reminder at 0, first notice +7, second notice +21, collector call +30,
 * formal demand +45, stop supply +60, legal hand-over +90.
 */
@QuarkusTest
@TestSecurity(user = "collector.li", roles = { "erp", "analyst", "approver", "collector", "admin", "viewer" })
class DunningWorkflowTest {

    @Inject
    TestClock clock;
    @Inject
    DunningWorker worker;
    @Inject
    ObjectMapper mapper;
    @Inject
    LetterSender letters;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** The dunning run of that day, then a pass of the letter sender, as its schedule would do (it is off in tests). */
    void runOn(String day) {
        clock.setToday(LocalDate.parse(day));
        given().post("/api/v1/dunning/runs").then().statusCode(200).body("runDate", equalTo(day), "complete", equalTo(true));
        letters.sendDue();
    }

    static JsonPath dunning(String invoice) {
        return given().get("/api/v1/invoices/" + invoice + "/dunning").then().statusCode(200).extract().jsonPath();
    }

    static List<String> stepsOf(String invoice) {
        return dunning(invoice).getList("steps.step");
    }

    List<JsonNode> announced(String buyer, String type) {
        @SuppressWarnings("unchecked")
        List<OutboxEvent> rows = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.getEntityManager()
                .createNativeQuery("SELECT * FROM outbox_event WHERE record_key = ?1 AND event_type = ?2 ORDER BY position", OutboxEvent.class)
                .setParameter(1, buyer).setParameter(2, type).getResultList());
        List<JsonNode> events = new ArrayList<>();
        for (OutboxEvent row : rows) {
            try {
                events.add(mapper.readTree(row.payload));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return events;
    }

    /** The letters the scenario's buyer received, in the order the SMTP server (GreenMail) received them. */
    static List<String> subjectsTo(String address) {
        List<String> subjects = new ArrayList<>();
        for (jakarta.mail.internet.MimeMessage message : GreenMailResource.smtp().getReceivedMessages()) {
            try {
                if (java.util.Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equals(address))) {
                    subjects.add(message.getSubject() + " | " + message.getContent());
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return subjects;
    }

    @Test
    void theDatedScenarioFromIssueToBrokenPromise() {
        String buyer = unique("B-DUN");
        String invoice = unique("INV");
        String email = unique("ap") + "@scenario.example";
        clock.setToday(LocalDate.parse("2025-03-01"));
        given().contentType(ContentType.JSON).body("{\"name\":\"Ms Jones\",\"email\":\"" + email + "\",\"language\":\"en\"}")
                .put("/api/v1/buyers/" + buyer + "/dunning-contact").then().statusCode(200);
        Api.invoice(buyer, invoice, "2025-03-01", "2025-03-31", "1000.00", "EUR");
        awaitInvoice(invoice, json -> true);
        // insured: the insurer's deadline for a protracted default (90 days past due + 15) is tracked
        given().contentType(ContentType.JSON).body("{\"insurer\":\"Allianz Trade\",\"policyNumber\":\"POL-1\"}")
                .put("/api/v1/buyers/" + buyer + "/credit-insurance").then().statusCode(200);

        runOn("2025-03-27");
        assertEquals(List.of(), stepsOf(invoice), "nothing before the pre-due reminder's day");

        runOn("2025-03-28");
        runOn("2025-03-28"); // a second run the same day sends nothing more
        List<String> mail = subjectsTo(email);
        assertEquals(1, mail.size(), "one pre-due reminder received by the SMTP server");
        assertTrue(mail.get(0).startsWith("Payment reminder - account " + buyer + ": 1,000.00 EUR"), mail.get(0));
        assertTrue(mail.get(0).contains("Invoice " + invoice + ", issued 2025-03-01, due 2025-03-31: 1,000.00 EUR, due in 3 days"), mail.get(0));
        given().get("/api/v1/invoices/" + invoice + "/dunning").then()
                .body("steps.step", contains("PRE_DUE_REMINDER"), "steps[0].daysPastDue", equalTo(-3),
                        "steps[0].chasedAmount", equalTo(1000.0f), "steps[0].strategyVersion", equalTo("2026-11-24.1"));

        runOn("2025-03-31");
        assertEquals(List.of("PRE_DUE_REMINDER", "DUE_DATE_REMINDER"), stepsOf(invoice));

        // a partial payment: the first notice (due 04-07) waits 7 days from the payment
        clock.setToday(LocalDate.parse("2025-04-03"));
        Api.payment(buyer, unique("PAY"), "2025-04-03", "400.00", "EUR", invoice);
        awaitInvoice(invoice, json -> json.getFloat("open") == 600.0f);
        runOn("2025-04-07");
        assertEquals(2, stepsOf(invoice).size(), "re-anchored by the partial payment");
        runOn("2025-04-10");
        given().get("/api/v1/invoices/" + invoice + "/dunning").then()
                .body("steps[2].step", equalTo("FIRST_NOTICE"), "steps[2].daysPastDue", equalTo(10), "steps[2].chasedAmount", equalTo(600.0f));

        // a dispute of 200: only the undisputed 400 is chased
        clock.setToday(LocalDate.parse("2025-04-12"));
        Api.dispute(buyer, unique("DSP"), invoice, "2025-04-12", "200.00", "EUR");
        awaitInvoice(invoice, json -> json.getFloat("disputed") == 200.0f);
        runOn("2025-04-21");
        given().get("/api/v1/invoices/" + invoice + "/dunning").then()
                .body("steps[3].step", equalTo("SECOND_NOTICE"), "steps[3].chasedAmount", equalTo(400.0f), "disputedAmount", equalTo(200.0f));

        // a promise to pay the 400 by 05-05 pauses the sequence: no collector call on 04-30
        clock.setToday(LocalDate.parse("2025-04-22"));
        String promise = unique("PTP");
        given().contentType(ContentType.JSON).body("""
                {"promiseId":"%s","invoiceNumber":"%s","amount":"400.00","currency":"EUR","promisedDate":"2025-05-05"}"""
                .formatted(promise, invoice))
                .post("/api/v1/promises").then().statusCode(201)
                .body("status", equalTo("OPEN"), "promisedOn", equalTo("2025-04-22"), "buyerId", equalTo(buyer));
        runOn("2025-04-30");
        runOn("2025-05-05");
        assertEquals(4, stepsOf(invoice).size(), "paused by the promise");

        // nothing paid by the promised date: broken, announced, and escalated at once
        runOn("2025-05-06");
        JsonPath state = dunning(invoice);
        assertEquals("BROKEN", state.getString("promises[0].status"));
        assertEquals("2025-05-06", state.getString("promises[0].settledOn"));
        assertEquals("COLLECTOR_CALL", state.getString("steps[4].step"));
        assertEquals("BROKEN_PROMISE", state.getString("steps[4].cause"));
        assertEquals("2025-05-15", state.getString("nextReviewOn"), "the formal demand stays on its own date");

        List<JsonNode> broken = announced(buyer, "credit.promise.broken");
        assertEquals(1, broken.size());
        assertEquals(promise, broken.get(0).path("data").path("promiseId").asText());
        assertEquals("400.00", broken.get(0).path("data").path("amount").asText());
        assertEquals("2025-05-05", broken.get(0).path("data").path("promisedDate").asText());
        assertEquals(List.of("PRE_DUE_REMINDER", "DUE_DATE_REMINDER", "FIRST_NOTICE", "SECOND_NOTICE", "COLLECTOR_CALL"),
                announced(buyer, "credit.dunning.step-executed").stream().map(e -> e.path("data").path("step").asText()).toList());
        assertEquals(4, subjectsTo(email).size(), "four reminders e-mailed so far");

        // the sequence goes on from the escalated call: formal demand (+45) e-mailed, stop-supply (+60),
        // legal hand-over (+90), and the insurer's deadline (03-31 + 90 + 15 = 07-14) raised 5 days before
        runOn("2025-05-15");
        runOn("2025-05-30");
        runOn("2025-06-29");
        runOn("2025-07-08");
        assertEquals(List.of("PRE_DUE_REMINDER", "DUE_DATE_REMINDER", "FIRST_NOTICE", "SECOND_NOTICE", "COLLECTOR_CALL", "FORMAL_DEMAND",
                "STOP_SUPPLY", "LEGAL_HANDOVER"), stepsOf(invoice));
        runOn("2025-07-09");
        runOn("2025-07-09");
        JsonPath end = dunning(invoice);
        assertEquals("INSURER_DEADLINE", end.getString("steps[8].step"));
        assertEquals("2025-07-14", end.getString("steps[8].dueBy"));
        assertEquals(400.0f, end.getFloat("steps[8].chasedAmount"));
        assertEquals(9, end.getList("steps").size(), "no step twice");
        assertEquals(List.of("DONE"), end.getList("steps.status").stream().distinct().toList());
        assertEquals(List.of("SENT"), end.getList("letters.status").stream().distinct().toList());

        // every letter step was received once by the SMTP server, in order, with what was chased that day
        mail = subjectsTo(email);
        assertEquals(5, mail.size(), String.join("\n", mail));
        assertTrue(mail.get(1).startsWith("Payment reminder - account " + buyer + ": 1,000.00 EUR"), mail.get(1));
        assertTrue(mail.get(2).startsWith("Payment reminder - account " + buyer + ": 600.00 EUR"), mail.get(2));
        assertTrue(mail.get(2).contains("600.00 EUR, 10 days overdue"), mail.get(2));
        assertTrue(mail.get(3).startsWith("Payment reminder - account " + buyer + ": 400.00 EUR"), "the disputed 200 is not chased");
        assertTrue(mail.get(4).startsWith("Formal demand for payment - account " + buyer + ": 400.00 EUR"), mail.get(4));
        assertTrue(mail.get(4).contains("We demand payment of 400.00 EUR by 2025-05-25"), mail.get(4));
        assertEquals(List.of("PRE_DUE_REMINDER", "DUE_DATE_REMINDER", "FIRST_NOTICE", "SECOND_NOTICE", "COLLECTOR_CALL", "FORMAL_DEMAND",
                "STOP_SUPPLY", "LEGAL_HANDOVER", "INSURER_DEADLINE"),
                announced(buyer, "credit.dunning.step-executed").stream().map(e -> e.path("data").path("step").asText()).toList());

        // the ledger reconciles to the cent
        given().get("/api/v1/buyers/" + buyer + "/ledger").then()
                .body("balances[0].invoiced", equalTo(1000.0f), "balances[0].paid", equalTo(400.0f),
                        "balances[0].open", equalTo(600.0f), "balances[0].disputed", equalTo(200.0f));
    }

    @Test
    void executedStepsArePublishedOnTheCollectionsTopic() {
        String buyer = unique("B-TOPIC");
        String invoice = unique("INV");
        clock.setToday(LocalDate.parse("2025-01-10"));
        Api.invoice(buyer, invoice, "2025-01-10", "2025-01-20", "250.00", "EUR");
        awaitInvoice(invoice, json -> true);
        try (KafkaConsumer<String, String> reader = TestTopics.reader("credit.collections.v1")) {
            runOn("2025-01-27");
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                TestTopics.poll(reader).stream().filter(r -> buyer.equals(r.key())).forEach(records::add);
                return !records.isEmpty();
            });
            JsonNode event = mapper.readTree(records.get(0).value());
            assertEquals("credit.dunning.step-executed", event.path("type").asText());
            assertEquals(invoice, event.path("data").path("invoiceNumber").asText());
            assertEquals("FIRST_NOTICE", event.path("data").path("step").asText(), "only the latest step due is sent");
            assertEquals(7, event.path("data").path("daysPastDue").asInt());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPaymentBeforeAStepCancelsIt() {
        String buyer = unique("B-PAID");
        String invoice = unique("INV");
        clock.setToday(LocalDate.parse("2025-02-01"));
        Api.invoice(buyer, invoice, "2025-02-01", "2025-02-28", "300.00", "EUR");
        awaitInvoice(invoice, json -> true);
        runOn("2025-02-25");
        assertEquals(List.of("PRE_DUE_REMINDER"), stepsOf(invoice));

        Api.payment(buyer, unique("PAY"), "2025-02-27", "300.00", "EUR", invoice);
        awaitInvoice(invoice, json -> json.getFloat("open") == 0.0f);
        runOn("2025-02-28");
        runOn("2025-03-07");

        assertEquals(List.of("PRE_DUE_REMINDER"), stepsOf(invoice));
        given().get("/api/v1/invoices/" + invoice + "/dunning").then().body("nextReviewOn", nullValue());
    }

    @Test
    void aFullyDisputedInvoiceIsNotChasedUntilTheDisputeIsRejected() {
        String buyer = unique("B-DISP");
        String invoice = unique("INV");
        String dispute = unique("DSP");
        clock.setToday(LocalDate.parse("2025-05-01"));
        Api.invoice(buyer, invoice, "2025-05-01", "2025-05-10", "500.00", "EUR");
        Api.dispute(buyer, dispute, invoice, "2025-05-02", "500.00", "EUR");
        awaitInvoice(invoice, json -> json.getFloat("disputed") == 500.0f);

        runOn("2025-05-20");
        assertEquals(List.of(), stepsOf(invoice));

        Api.resolve(dispute, "2025-05-21", "REJECTED");
        awaitInvoice(invoice, json -> json.getFloat("disputed") == 0.0f);
        runOn("2025-05-21");
        assertEquals(List.of("FIRST_NOTICE"), stepsOf(invoice), "resumed at the step now due");
    }

    @Test
    void aRunCutShortByACrashIsCompletedByTheNextWithoutDuplicates() {
        // 2024: no other test's invoice is due for review then, so the cut run takes ours
        String buyer = unique("B-CRASH");
        List<String> invoices = new ArrayList<>();
        clock.setToday(LocalDate.parse("2024-01-01"));
        for (int i = 0; i < 5; i++) {
            String invoice = buyer + "-INV-" + i;
            invoices.add(invoice);
            Api.invoice(buyer, invoice, "2024-01-01", "2024-01-31", "100.00", "EUR");
        }
        invoices.forEach(invoice -> awaitInvoice(invoice, json -> true));
        // whatever older items other tests left due for review are dealt with first
        worker.run(Integer.MAX_VALUE);

        clock.setToday(LocalDate.parse("2024-02-07"));
        DunningWorker.RunResult cut = worker.run(2);
        assertEquals(2, cut.stepsExecuted());
        assertEquals(false, cut.complete());
        long done = invoices.stream().filter(invoice -> !stepsOf(invoice).isEmpty()).count();
        assertEquals(2, done, "what the cut run did is committed, the rest is not");

        DunningWorker.RunResult rest = worker.run(Integer.MAX_VALUE);
        worker.run(Integer.MAX_VALUE);
        assertTrue(rest.complete());
        for (String invoice : invoices) {
            assertEquals(List.of("FIRST_NOTICE"), stepsOf(invoice), invoice);
        }
        assertEquals(5, announced(buyer, "credit.dunning.step-executed").size(), "each step announced exactly once");
    }

    @Test
    void theDatabaseRefusesASecondRecordOfTheSameStep() {
        String buyer = unique("B-UNIQ");
        String invoice = unique("INV");
        clock.setToday(LocalDate.parse("2025-06-01"));
        Api.invoice(buyer, invoice, "2025-06-01", "2025-06-10", "100.00", "EUR");
        awaitInvoice(invoice, json -> true);
        runOn("2025-06-10");
        assertEquals(List.of("DUE_DATE_REMINDER"), stepsOf(invoice));

        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            DunningStep again = new DunningStep();
            again.invoiceNumber = invoice;
            again.buyerId = buyer;
            again.step = "DUE_DATE_REMINDER";
            again.action = "REMINDER";
            again.strategy = "standard";
            again.strategyVersion = "x";
            again.executedOn = LocalDate.parse("2025-06-10");
            again.chasedAmount = java.math.BigDecimal.ONE;
            again.currency = "EUR";
            again.cause = "SCHEDULE";
            again.executedAt = Instant.now();
            again.persist();
        }));
        assertEquals(List.of("DUE_DATE_REMINDER"), stepsOf(invoice));
    }

    @Test
    void reachingTheStopSupplyStepRecommendsStoppingDeliveries() {
        String buyer = unique("B-STOP");
        String first = unique("INV");
        String second = unique("INV");
        clock.setToday(LocalDate.parse("2023-01-01"));
        Api.invoice(buyer, first, "2023-01-01", "2023-01-31", "700.00", "EUR");
        Api.invoice(buyer, second, "2023-03-01", "2023-03-31", "300.00", "EUR");
        awaitInvoice(first, json -> true);
        awaitInvoice(second, json -> true);

        runOn("2023-04-01"); // first invoice 60 days past due

        assertEquals(List.of("STOP_SUPPLY"), stepsOf(first));
        List<JsonNode> stops = announced(buyer, "credit.supply.stop-recommended");
        assertEquals(1, stops.size());
        assertEquals("1000.00", stops.get(0).path("data").path("overdueAmount").asText(), "everything overdue of the buyer");
        assertEquals("2023-04-01", stops.get(0).path("data").path("recommendedOn").asText());
    }

    @Test
    void promisesAreValidatedAndChangeNothingWhenRefused() {
        String buyer = unique("B-PTPV");
        String invoice = unique("INV");
        clock.setToday(LocalDate.parse("2025-07-01"));
        Api.invoice(buyer, invoice, "2025-07-01", "2025-07-31", "100.00", "EUR");
        awaitInvoice(invoice, json -> true);

        given().contentType(ContentType.JSON).body("""
                {"promiseId":"%s","invoiceNumber":"NO-SUCH-INVOICE","amount":"10.00","currency":"EUR","promisedDate":"2025-07-20"}"""
                .formatted(unique("PTP"))).post("/api/v1/promises")
                .then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("""
                {"promiseId":"%s","invoiceNumber":"%s","amount":"-1","currency":"EURO"}"""
                .formatted(unique("PTP"), invoice)).post("/api/v1/promises")
                .then().statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.hasItems("amount", "currency", "promisedDate"));
        given().contentType(ContentType.JSON).body("""
                {"promiseId":"%s","invoiceNumber":"%s","amount":"500.00","currency":"EUR","promisedDate":"2025-07-20"}"""
                .formatted(unique("PTP"), invoice)).post("/api/v1/promises")
                .then().statusCode(422).body("violations[0].field", equalTo("amount"));
        given().contentType(ContentType.JSON).body("""
                {"promiseId":"%s","invoiceNumber":"%s","amount":"50.00","currency":"EUR","promisedDate":"2025-06-20"}"""
                .formatted(unique("PTP"), invoice)).post("/api/v1/promises")
                .then().statusCode(400).body("violations[0].field", equalTo("promisedDate"));

        assertEquals(List.of(), dunning(invoice).getList("promises"));
    }
}
