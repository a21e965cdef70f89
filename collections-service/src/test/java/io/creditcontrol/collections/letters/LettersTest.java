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
