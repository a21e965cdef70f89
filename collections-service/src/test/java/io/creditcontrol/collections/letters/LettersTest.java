package io.creditcontrol.collections.letters;

import static io.creditcontrol.collections.Api.awaitInvoice;
import static io.creditcontrol.collections.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.creditcontrol.collections.Api;
import io.creditcontrol.collections.GreenMailResource;
import io.creditcontrol.collections.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Reminder and demand letters rendered in the buyer's language and e-mailed to a real SMTP server
 * (GreenMail); a refused send, or one the server never answers, leaves the step undone and is
 * retried, and is never sent twice.
 * Dates in 2020 (2019 for the silent server) and currency PLN: no other test's invoices are due for review.
 */
@QuarkusTest
@TestSecurity(user = "collector.li", roles = { "erp", "analyst", "approver", "collector", "admin", "viewer" })
class LettersTest {

    @Inject
    TestClock clock;
    @Inject
    LetterSender letters;

    @AfterEach
    void restore() {
        clock.reset();
        GreenMailResource.startSmtp();
    }

    /** The dunning run of that day, then a pass of the letter sender (its schedule is off in tests). */
    LetterSender.SendResult runOn(String day) {
        clock.setToday(LocalDate.parse(day));
        given().post("/api/v1/dunning/runs").then().statusCode(200).body("complete", equalTo(true));
        return letters.sendDue();
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

    static String text(MimeMessage message) {
        try {
            Object content = message.getContent();
            if (content instanceof String s) {
                return s;
            }
            jakarta.mail.Multipart parts = (jakarta.mail.Multipart) content;
            return String.valueOf(parts.getBodyPart(0).getContent());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void contact(String buyer, String email, String language) {
        given().contentType(ContentType.JSON).body("""
                {"name":"Li Wei","email":"%s","language":"%s"}""".formatted(email, language))
                .put("/api/v1/buyers/" + buyer + "/dunning-contact").then().statusCode(200);
    }

    @Test
    void aChineseReminderAndAnEnglishDemandAreMailedOnce() throws Exception {
        String zhBuyer = unique("B-ZH");
        String zhEmail = unique("ap") + "@buyer-zh.example";
        String zhInvoice = unique("INV");
        String enBuyer = unique("B-EN");
        String enEmail = unique("ap") + "@buyer-en.example";
        String enOld = unique("INV");
        String enNew = unique("INV");
        clock.setToday(LocalDate.parse("2020-03-01"));
        contact(zhBuyer, zhEmail, "zh");
        contact(enBuyer, enEmail, "en");
        Api.invoice(zhBuyer, zhInvoice, "2020-03-01", "2020-03-31", "1234.50", "PLN");
        // 47 days overdue on 03-28: the formal demand (+45) is the latest step due
        Api.invoice(enBuyer, enOld, "2020-01-10", "2020-02-10", "5000.00", "PLN");
        Api.invoice(enBuyer, enNew, "2020-02-01", "2020-03-02", "250.25", "PLN");
        awaitInvoice(zhInvoice, json -> true);
        awaitInvoice(enOld, json -> true);
        awaitInvoice(enNew, json -> true);

        runOn("2020-03-28");
        runOn("2020-03-28"); // nothing more the same day

        List<MimeMessage> zh = mailTo(zhEmail);
        assertEquals(1, zh.size(), "one pre-due reminder");
        assertEquals("付款提醒 - 账户 " + zhBuyer + "：1,234.50 PLN", zh.get(0).getSubject());
        String zhText = text(zh.get(0));
        assertTrue(zhText.contains("尊敬的 Li Wei"), zhText);
        assertTrue(zhText.contains("发票 " + zhInvoice + "，开票日期 2020-03-01，到期日 2020-03-31：1,234.50 PLN，3 天后到期"), zhText);
        assertTrue(zhText.contains("合计：1,234.50 PLN"), zhText);
        assertTrue(zhText.contains("IBAN：DE89370400440532013000"), zhText);
        assertTrue(zhText.contains("付款附言：" + zhBuyer + " " + zhInvoice), zhText);

        List<MimeMessage> en = mailTo(enEmail);
        // enOld: formal demand (47 days); enNew: first notice (26 days overdue, +7 and +21 are due: the second notice)
        assertEquals(2, en.size());
        MimeMessage demand = en.stream().filter(m -> subject(m).startsWith("Formal demand")).findFirst().orElseThrow();
        assertEquals("Formal demand for payment - account " + enBuyer + ": 5,250.25 PLN", demand.getSubject());
        String enText = text(demand);
        assertTrue(enText.contains("Invoice " + enOld + ", issued 2020-01-10, due 2020-02-10: 5,000.00 PLN, 47 days overdue"), enText);
        assertTrue(enText.contains("Invoice " + enNew + ", issued 2020-02-01, due 2020-03-02: 250.25 PLN, 26 days overdue"), enText);
        assertTrue(enText.contains("We demand payment of 5,250.25 PLN by 2020-04-07"), enText);
        assertTrue(enText.contains("Payee: Credit Control Suite Demo GmbH"), enText);
        assertTrue(en.stream().anyMatch(m -> subject(m).startsWith("Payment reminder")), "the second notice is a reminder");

        given().get("/api/v1/invoices/" + enOld + "/dunning").then().statusCode(200)
                .body("steps[0].step", equalTo("FORMAL_DEMAND"), "steps[0].status", equalTo("DONE"),
                        "letters[0].status", equalTo("SENT"), "letters[0].language", equalTo("en"), "letters[0].attempts", equalTo(1));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("credit_dunning_actions_total{action=\"DEMAND_LETTER\"}"), "the action counter");
    }

    @Test
    void aRefusedSendKeepsTheStepUndoneAndIsRetriedNotRepeated() throws Exception {
        String buyer = unique("B-SMTP");
        String email = unique("ap") + "@buyer-smtp.example";
        String invoice = unique("INV");
        clock.setToday(LocalDate.parse("2020-05-01"));
        contact(buyer, email, "en");
        Api.invoice(buyer, invoice, "2020-05-01", "2020-05-31", "700.00", "PLN");
        awaitInvoice(invoice, json -> true);

        GreenMailResource.stopSmtp();
        clock.setToday(LocalDate.parse("2020-05-28"));
        given().post("/api/v1/dunning/runs").then().statusCode(200).body("lettersPending", greaterThanOrEqualTo(1));
        assertEquals(0, dunning(invoice).getInt("letters[0].attempts"), "a dunning run queues its letters, it does not send them");
        LetterSender.SendResult pass = letters.sendDue();
        assertTrue(pass.failed() >= 1, pass.toString());
        given().get("/api/v1/invoices/" + invoice + "/dunning").then()
                .body("steps[0].step", equalTo("PRE_DUE_REMINDER"), "steps[0].status", equalTo("AWAITING_DELIVERY"),
                        "letters[0].status", equalTo("PENDING"), "letters[0].attempts", equalTo(1));
        assertEquals(0, DunningEvents.stepsAnnounced(buyer), "not announced before the letter is sent");

        // the server is back; the retry waits for its pause (credit.letters.retry-backoff, 1 minute)
        GreenMailResource.startSmtp();
        runOn("2020-05-28");
        assertEquals(0, mailTo(email).size());
        runOn("2020-05-29");
        List<MimeMessage> sent = mailTo(email);
        assertEquals(1, sent.size());
        assertTrue(text(sent.get(0)).contains("700.00 PLN, due in 3 days"), "the letter as of its step's day");
        given().get("/api/v1/invoices/" + invoice + "/dunning").then()
                .body("steps.size()", equalTo(1), "steps[0].status", equalTo("DONE"), "letters[0].status", equalTo("SENT"),
                        "letters[0].attempts", equalTo(2));
        assertEquals(1, DunningEvents.stepsAnnounced(buyer));

        runOn("2020-05-30");
        assertEquals(1, mailTo(email).size(), "never twice");
    }

    @Test
    void aServerThatNeverAnswersFailsTheSendWithinTheTimeoutAndTheLetterIsRetried() {
        String first = unique("B-MUTE");
        String second = unique("B-MUTE");
        String firstEmail = unique("ap") + "@buyer-mute.example";
        String secondEmail = unique("ap") + "@buyer-mute.example";
        String firstInvoice = unique("INV");
        String secondInvoice = unique("INV");
        clock.setToday(LocalDate.parse("2019-07-01"));
        contact(first, firstEmail, "en");
        contact(second, secondEmail, "en");
        Api.invoice(first, firstInvoice, "2019-07-01", "2019-07-31", "300.00", "PLN");
        Api.invoice(second, secondInvoice, "2019-07-01", "2019-07-31", "400.00", "PLN");
        awaitInvoice(firstInvoice, json -> true);
        awaitInvoice(secondInvoice, json -> true);

        // 2019: the only items due for review are these two. The server accepts the connection and
        // never says a word on it, not even its greeting.
        GreenMailResource.silenceSmtp();
        clock.setToday(LocalDate.parse("2019-07-28"));
        given().post("/api/v1/dunning/runs").then().statusCode(200).body("stepsExecuted", equalTo(2));
        long started = System.nanoTime();
        LetterSender.SendResult pass = letters.sendDue();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // quarkus.mailer.timeout is 5 s in tests: one letter waits it out, the other waits for the next pass
        assertEquals(new LetterSender.SendResult(0, 1), pass);
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "the pass ended after " + took);
        List<JsonPath> both = List.of(dunning(firstInvoice), dunning(secondInvoice));
        assertEquals(1, both.stream().filter(d -> d.getInt("letters[0].attempts") == 1).count());
        for (JsonPath d : both) {
            assertEquals("PENDING", d.getString("letters[0].status"));
            assertEquals("AWAITING_DELIVERY", d.getString("steps[0].status"));
        }
        JsonPath tried = both.stream().filter(d -> d.getInt("letters[0].attempts") == 1).findFirst().orElseThrow();
        assertEquals("The SMTP server did not complete the send within PT5S", tried.getString("letters[0].lastError"));
        assertEquals(0, DunningEvents.stepsAnnounced(first) + DunningEvents.stepsAnnounced(second));

        // the server is back: the untried letter goes at once, the timed-out one after its pause
        GreenMailResource.startSmtp();
        assertEquals(new LetterSender.SendResult(1, 0), letters.sendDue());
        clock.setToday(LocalDate.parse("2019-07-29"));
        assertEquals(new LetterSender.SendResult(1, 0), letters.sendDue());
        assertEquals(1, mailTo(firstEmail).size());
        assertEquals(1, mailTo(secondEmail).size());
        assertEquals(2, DunningEvents.stepsAnnounced(first) + DunningEvents.stepsAnnounced(second));
    }

    static void plan(String planId, String invoice, String... instalments) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < instalments.length; i += 2) {
            list.append(i == 0 ? "" : ",").append("{\"dueDate\":\"%s\",\"amount\":\"%s\"}".formatted(instalments[i], instalments[i + 1]));
        }
        given().contentType(ContentType.JSON).body("""
                {"planId":"%s","invoiceNumber":"%s","currency":"PLN","instalments":[%s]}""".formatted(planId, invoice, list))
                .post("/api/v1/payment-plans").then().statusCode(201);
    }

    @Test
    void anInstalmentReminderNamesThePlanTheInstalmentAndWhatIsStillOwed() {
        // 2025 in PLN: the plan is paid off at the end, so nothing is left due for review
        String buyer = unique("B-INST");
        String email = unique("ap") + "@buyer-plan.example";
        String invoice = unique("INV");
        String planId = unique("PLAN");
        clock.setToday(LocalDate.parse("2025-07-10"));
        contact(buyer, email, "en");
        Api.invoice(buyer, invoice, "2025-06-01", "2025-06-30", "900.00", "PLN");
        awaitInvoice(invoice, json -> true);
        plan(planId, invoice, "2025-07-20", "300.00", "2025-08-20", "300.00", "2025-09-20", "300.00");

        runOn("2025-07-16");
        assertEquals(0, mailTo(email).size(), "reminded 3 days before the instalment's date");
        runOn("2025-07-17");
        runOn("2025-07-17"); // nothing more the same day
        List<MimeMessage> first = mailTo(email);
        assertEquals(1, first.size());
        assertEquals("Payment plan " + planId + ": instalment 1 of 3, 300.00 PLN due 2025-07-20", subject(first.get(0)));
        String text = text(first.get(0));
        assertTrue(text.contains("Dear Li Wei"), text);
        assertTrue(text.contains("the payment plan " + planId + " agreed on 2025-07-10 for your account " + buyer
                + ", covering invoice " + invoice + "."), text);
        assertTrue(text.contains("Instalment 1 of 3 is due on 2025-07-20: 300.00 PLN"), text);
        assertTrue(!text.contains("remains to be paid"), text);
        assertTrue(text.contains("Still owed on the plan: 900.00 PLN"), text);
        assertTrue(text.contains("Instalment 2, due 2025-08-20: 300.00 PLN"), text);
        assertTrue(text.contains("Instalment 3, due 2025-09-20: 300.00 PLN"), text);
        assertTrue(text.contains("IBAN: DE89370400440532013000"), text);
        assertTrue(text.contains("Payment reference: " + buyer + " " + invoice), text);
        given().get("/api/v1/invoices/" + invoice + "/dunning").then()
                .body("steps.step", org.hamcrest.Matchers.contains("INSTALMENT_1_REMINDER"), "steps[0].status", equalTo("DONE"),
                        "letters[0].kind", equalTo("INSTALMENT_REMINDER"), "letters[0].status", equalTo("SENT"),
                        "letters[0].attempts", equalTo(1));
        assertEquals(1, DunningEvents.stepsAnnounced(buyer));

        // the first instalment paid, a third of the second paid early
        clock.setToday(LocalDate.parse("2025-07-19"));
        Api.payment(buyer, unique("PAY"), "2025-07-19", "300.00", "PLN", invoice);
        clock.setToday(LocalDate.parse("2025-08-10"));
        Api.payment(buyer, unique("PAY"), "2025-08-10", "100.00", "PLN", invoice);
        awaitInvoice(invoice, json -> json.getFloat("open") == 500.0f);
        runOn("2025-08-17");
        List<MimeMessage> both = mailTo(email);
        assertEquals(2, both.size());
        MimeMessage second = both.stream().filter(m -> subject(m).contains("instalment 2 of 3")).findFirst().orElseThrow();
        assertEquals("Payment plan " + planId + ": instalment 2 of 3, 200.00 PLN due 2025-08-20", subject(second));
        String secondText = text(second);
        assertTrue(secondText.contains("Instalment 2 of 3 is due on 2025-08-20: 300.00 PLN"), secondText);
        assertTrue(secondText.contains("Of this instalment, 200.00 PLN remains to be paid."), secondText);
        assertTrue(secondText.contains("Still owed on the plan: 500.00 PLN"), secondText);
        assertTrue(secondText.contains("Instalment 2, due 2025-08-20: 200.00 PLN"), secondText);
        assertTrue(!secondText.contains("Instalment 1, due"), secondText);

        clock.setToday(LocalDate.parse("2025-08-19"));
        Api.payment(buyer, unique("PAY"), "2025-08-19", "500.00", "PLN", invoice);
        awaitInvoice(invoice, json -> json.getFloat("open") == 0.0f);
        runOn("2025-08-21");
        given().get("/api/v1/invoices/" + invoice + "/dunning").then().body("paymentPlan.status", equalTo("COMPLETED"));
        assertEquals(2, mailTo(email).size());
        assertEquals(2, DunningEvents.stepsAnnounced(buyer));
    }

    @Test
    void aChineseInstalmentReminderRefusedByTheServerIsRetriedAndSentOnce() {
        String buyer = unique("B-INSTZH");
        String email = unique("ap") + "@buyer-plan-zh.example";
        String invoice = unique("INV");
        String planId = unique("PLAN");
        clock.setToday(LocalDate.parse("2025-07-10"));
        contact(buyer, email, "zh");
        Api.invoice(buyer, invoice, "2025-06-01", "2025-06-30", "1000.00", "PLN");
        awaitInvoice(invoice, json -> true);
        plan(planId, invoice, "2025-07-25", "500.00", "2025-08-25", "500.00");

        GreenMailResource.stopSmtp();
        LetterSender.SendResult refused = runOn("2025-07-22");
        assertTrue(refused.failed() >= 1, refused.toString());
        given().get("/api/v1/invoices/" + invoice + "/dunning").then()
                .body("steps[0].step", equalTo("INSTALMENT_1_REMINDER"), "steps[0].status", equalTo("AWAITING_DELIVERY"),
                        "letters[0].status", equalTo("PENDING"), "letters[0].language", equalTo("zh"), "letters[0].attempts", equalTo(1));
        assertEquals(0, DunningEvents.stepsAnnounced(buyer), "not announced before the letter is sent");

        GreenMailResource.startSmtp();
        runOn("2025-07-23");
        runOn("2025-07-24");
        List<MimeMessage> sent = mailTo(email);
        assertEquals(1, sent.size(), "sent once, after its pause");
        assertEquals("分期付款提醒 - 计划 " + planId + "：第 1/2 期 500.00 PLN，到期日 2025-07-25", subject(sent.get(0)));
        String text = text(sent.get(0));
        assertTrue(text.contains("尊敬的 Li Wei"), text);
        assertTrue(text.contains("分期付款计划 " + planId + "（涵盖发票：" + invoice + "）"), text);
        assertTrue(text.contains("第 1 期（共 2 期），到期日 2025-07-25：500.00 PLN"), text);
        assertTrue(text.contains("计划尚欠金额：1,000.00 PLN"), text);
        assertTrue(text.contains("第 2 期，到期日 2025-08-25：500.00 PLN"), text);
        assertTrue(text.contains("付款附言：" + buyer + " " + invoice), text);
        given().get("/api/v1/invoices/" + invoice + "/dunning").then()
                .body("steps.size()", equalTo(1), "steps[0].status", equalTo("DONE"), "letters[0].status", equalTo("SENT"),
                        "letters[0].attempts", equalTo(2));
        assertEquals(1, DunningEvents.stepsAnnounced(buyer));

        clock.setToday(LocalDate.parse("2025-07-25"));
        Api.payment(buyer, unique("PAY"), "2025-07-25", "1000.00", "PLN", invoice);
        awaitInvoice(invoice, json -> json.getFloat("open") == 0.0f);
        runOn("2025-07-26");
        given().get("/api/v1/invoices/" + invoice + "/dunning").then().body("paymentPlan.status", equalTo("COMPLETED"));
        assertEquals(1, mailTo(email).size(), "never twice");
    }

    static JsonPath dunning(String invoice) {
        return given().get("/api/v1/invoices/" + invoice + "/dunning").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theContactLanguageMustBeOneWithTemplates() {
        given().contentType(ContentType.JSON).body("{\"email\":\"x@y.example\",\"language\":\"fr\"}")
                .put("/api/v1/buyers/" + unique("B") + "/dunning-contact").then().statusCode(400)
                .body("violations.field", hasItem("language"));
        given().contentType(ContentType.JSON).body("{\"email\":\"not-an-address\",\"language\":\"en\"}")
                .put("/api/v1/buyers/" + unique("B") + "/dunning-contact").then().statusCode(400)
                .body("violations.field", hasItem("email"));
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
