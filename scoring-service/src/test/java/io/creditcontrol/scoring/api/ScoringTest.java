package io.creditcontrol.scoring.api;

import static io.creditcontrol.scoring.api.Api.amount;
import static io.creditcontrol.scoring.api.Api.api;
import static io.creditcontrol.scoring.messaging.TestEvents.buyerRegistered;
import static io.creditcontrol.scoring.messaging.TestEvents.buyerUpdated;
import static io.creditcontrol.scoring.messaging.TestEvents.invoiceIssued;
import static io.creditcontrol.scoring.messaging.TestEvents.paymentReceived;
import static io.creditcontrol.scoring.messaging.TestEvents.riskSignal;
import static io.creditcontrol.scoring.messaging.TestEvents.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.creditcontrol.scoring.config.FixedClock;
import io.creditcontrol.scoring.config.ScoringConfig;
import io.creditcontrol.scoring.contract.EventContractTest;
import io.creditcontrol.scoring.messaging.TestEvents;
import io.creditcontrol.scoring.messaging.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The credit score as an analyst sees it, built from real topic events (and the service's own API)
 * on the real broker and database, with "today" fixed at 2026-11-23.
 */
@QuarkusTest
// not about security (SecurityTest is): an analyst, who may read everything and submit buyer facts
@TestSecurity(user = "test-analyst", roles = "analyst")
class ScoringTest {

    @Inject
    ScoringConfig config;

    static final String INVOICES = "credit.invoices.v1";
    static final String PAYMENTS = "credit.payments.v1";
    static final String BUYERS = "credit.buyers.v1";
    static final String SCORES = "credit.scores.v1";
    static final Duration PATIENCE = Duration.ofSeconds(40);
    static final ObjectMapper JSON = new ObjectMapper();

    /** A statement in the safe zone: Altman Z'' 4.84. */
    static String healthyStatement(String buyer) {
        ObjectNode data = JSON.createObjectNode().put("buyerId", buyer).put("periodEnd", "2025-12-31").put("currency", "EUR")
                .put("totalAssets", "1000000.00").put("currentAssets", "500000.00").put("currentLiabilities", "250000.00")
                .put("totalLiabilities", "400000.00").put("retainedEarnings", "250000.00").put("ebit", "120000.00")
                .put("revenue", "2000000.00").put("bookEquity", "600000.00");
        return TestEvents.event("credit.buyer.financial-statement-reported", buyer, data);
    }

    /** The healthy statement restated with another EBIT (Altman Z'' moves by 6.72 x EBIT / total assets). */
    static String statementWithEbit(String buyer, long ebit) {
        ObjectNode data = JSON.createObjectNode().put("buyerId", buyer).put("periodEnd", "2025-12-31").put("currency", "EUR")
                .put("totalAssets", "1000000.00").put("currentAssets", "500000.00").put("currentLiabilities", "250000.00")
                .put("totalLiabilities", "400000.00").put("retainedEarnings", "250000.00").put("ebit", ebit + ".00")
                .put("revenue", "2000000.00").put("bookEquity", "600000.00");
        return TestEvents.event("credit.buyer.financial-statement-reported", buyer, data);
    }

    /** Publishes invoices of 1000 EUR due {@code dueDaysAgo} days before today, each paid {@code late} days after its due date. */
    static void invoicesPaidLate(String buyer, String prefix, int late, int... dueDaysAgo) {
        List<String> invoices = new ArrayList<>();
        List<String> payments = new ArrayList<>();
        for (int i = 0; i < dueDaysAgo.length; i++) {
            String number = prefix + "-" + i;
            var due = FixedClock.TODAY.minusDays(dueDaysAgo[i]);
            invoices.add(invoiceIssued(buyer, number, due.minusDays(30).toString(), due.toString(), "1000.00", "EUR"));
            payments.add(paymentReceived(buyer, "PAY-" + number, due.plusDays(late).toString(), "1000.00", "EUR", number, "1000.00"));
        }
        TestTopics.publish(INVOICES, buyer, invoices.toArray(String[]::new));
        TestTopics.publish(PAYMENTS, buyer, payments.toArray(String[]::new));
    }

    static JsonPath scoreOnceSettled(String buyer, int settledInvoices) {
        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/score").then().statusCode(200)
                .body("paymentBehaviour.settledInvoices", equalTo(settledInvoices)));
        return api().get("/api/v1/buyers/" + buyer + "/score").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aPayerDriftingFromTwoToEighteenDaysLateIsDowngradedWithTheRightReasonsAndTheChangeIsPublished() throws Exception {
        String buyer = unique("B");
        TestTopics.publish(BUYERS, buyer, buyerRegistered(buyer, "Drift Handels GmbH", "DE", "SME"), healthyStatement(buyer));
        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/score").then().statusCode(200)
                .body("altmanZ", notNullValue()));

        invoicesPaidLate(buyer, "OLD", 2, 300, 270, 240, 210, 180, 150);
        JsonPath before = scoreOnceSettled(buyer, 6);
        assertEquals("FULL", before.getString("dataQuality"));

        invoicesPaidLate(buyer, "NEW", 18, 60, 45, 30);
        JsonPath after = scoreOnceSettled(buyer, 9);

        assertTrue(after.getInt("grade") > before.getInt("grade"), "grade " + before.getInt("grade") + " -> " + after.getInt("grade"));
        assertTrue(after.getDouble("probabilityOfDefault") > before.getDouble("probabilityOfDefault"));
        List<Map<String, Object>> reasons = after.getList("reasons");
        Map<String, Object> trend = reasons.stream().filter(r -> "DBT_INCREASING".equals(r.get("code"))).findFirst().orElseThrow();
        assertEquals("pays 18 days beyond terms (last 3 months), up from 2 days in the 9 months before", trend.get("description"));
        assertTrue(((Number) trend.get("impact")).doubleValue() < 0, "a deterioration counts against the buyer");
        assertEquals("pd-2026.3", after.getString("modelVersion"));

        // the history says what changed, when and why
        api().get("/api/v1/buyers/" + buyer + "/score/history").then().statusCode(200)
                .body("[0].grade", equalTo(after.getInt("grade")),
                        "[0].modelVersion", equalTo("pd-2026.3"),
                        "[0].triggeredBy", notNullValue(),
                        "[0].reasons.code", hasItem("DBT_INCREASING"),
                        "triggeredBy", everyItem(notNullValue()));

        // and the new grade is announced on credit.scores.v1, as the contract says
        JsonNode event = awaitScoreEvent(buyer, after.getInt("grade"));
        assertEquals(buyer, event.get("subject").asText());
        assertTrue(event.get("data").hasNonNull("previousGrade"));
        assertTrue(EventContractTest.violations(event).isEmpty(), EventContractTest.violations(event).toString());
    }

    @Test
    void aPdWobblingAroundAGradeBoundaryKeepsTheGradeAndOnlyRealGradeChangesAreAnnounced() throws Exception {
        String buyer = unique("B");
        TestTopics.publish(BUYERS, buyer, buyerRegistered(buyer, "Pünktlich KG", "DE", "SME"), statementWithEbit(buyer, 120_000));
        invoicesPaidLate(buyer, "P", 2, 300, 270, 240, 210, 180, 150);
        JsonPath first = scoreOnceSettled(buyer, 6);
        int grade = first.getInt("grade");
        assertEquals("FULL", first.getString("dataQuality"));
        assertTrue(grade + 1 < config.stability().badGrade(), "grade " + grade);

        // restated statements put the PD just beyond the boundary to the next grade, just inside it, beyond it again
        // (each within the stability margin), then beyond it by more than the margin
        double margin = config.stability().margin();
        double boundary = logit(config.gradeUpperBounds().get(grade - 1));
        double logOdds = logit(first.getDouble("probabilityOfDefault"));
        double ebitPerLogOdds = 1.5 / config.weights().financialStrength() / 6.72 * 1_000_000; // FINANCIAL_STRENGTH = w (2.6 - Z'') / 1.5
        List<Integer> grades = new ArrayList<>();
        for (double target : new double[] {boundary + margin / 2, boundary - margin / 2, boundary + margin / 2, boundary + 1.5 * margin}) {
            String restated = statementWithEbit(buyer, Math.round(120_000 - (target - logOdds) * ebitPerLogOdds));
            String id = JSON.readTree(restated).get("id").asText();
            TestTopics.publish(BUYERS, buyer, restated);
            await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/score").then().statusCode(200)
                    .body("reviewedBecause", equalTo("credit.buyer.financial-statement-reported " + id + " from /test/erp")));
            JsonPath score = api().get("/api/v1/buyers/" + buyer + "/score").then().extract().jsonPath();
            assertEquals(target, logit(score.getDouble("probabilityOfDefault")), 0.03, "the restatement put the PD where intended");
            grades.add(score.getInt("grade"));
        }
        assertEquals(List.of(grade, grade, grade, grade + 1), grades);

        // the history keeps the PD changes at the held grade, and one real change of grade
        JsonPath history = api().get("/api/v1/buyers/" + buyer + "/score/history").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(grade + 1, grade, grade, grade, grade), history.getList("grade", Integer.class).subList(0, 5));
        assertEquals(List.of(grade, grade, grade, grade), history.getList("previousGrade", Integer.class).subList(0, 4));

        // credit.scores.v1 announces the real change only: the event before it is the grade the buyer held throughout
        String change = grade + " -> " + (grade + 1);
        List<String> announced = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = TestTopics.reader(SCORES)) {
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, String> r : TestTopics.poll(reader)) {
                    if (buyer.equals(r.key())) {
                        JsonNode data = JSON.readTree(r.value()).get("data");
                        announced.add(data.path("previousGrade").asText("none") + " -> " + data.get("grade").asInt());
                    }
                }
                return announced.contains(change);
            });
        }
        assertEquals(change, announced.get(announced.size() - 1), announced.toString());
        assertTrue(announced.get(announced.size() - 2).endsWith("-> " + grade), announced.toString());
    }

    static double logit(double pd) {
        return Math.log(pd / (1 - pd));
    }

    @Test
    void anInsolvencyFilingReportedThroughTheApiForcesGradeTen() throws Exception {
        String buyer = unique("B");
        api().contentType(ContentType.JSON)
                .body(Map.of("buyerId", buyer, "name", "Pleite AG", "country", "AT", "industry", "G46.6", "relationshipStartDate", "2019-04-01"))
                .post("/api/v1/buyers")
                .then().statusCode(202).body("eventType", equalTo("credit.buyer.registered"), "eventId", notNullValue());
        // the service takes its own announcement in from credit.buyers.v1 like anyone else's
        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer).then().statusCode(200)
                .body("profile.name", equalTo("Pleite AG"), "profile.relationshipStartDate", equalTo("2019-04-01")));
        api().contentType(ContentType.JSON).body(Map.of("buyerId", buyer, "name", "Pleite AG", "country", "AT"))
                .post("/api/v1/buyers").then().statusCode(409);

        api().contentType(ContentType.JSON)
                .body(Map.of("signal", "INSOLVENCY_FILING", "observedOn", "2026-11-20", "severity", "HIGH",
                        "description", "insolvency proceedings opened at Handelsgericht Wien", "source", "https://edikte.justiz.gv.at"))
                .post("/api/v1/buyers/" + buyer + "/risk-signals")
                .then().statusCode(202);

        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/score").then().statusCode(200)
                .body("grade", equalTo(10),
                        "probabilityOfDefault", amount("1"),
                        "reasons[0].code", equalTo("INSOLVENCY_FILING"),
                        "reasons[0].description", equalTo("insolvency filing reported on 2026-11-20 "
                                + "(insolvency proceedings opened at Handelsgericht Wien): grade 10 (default) whatever the other factors say")));
        api().get("/api/v1/portfolio?grade=10&country=AT&size=200").then().statusCode(200)
                .body("buyers.buyerId", hasItem(buyer), "buyers.grade", everyItem(equalTo(10)));

        JsonNode event = awaitScoreEvent(buyer, 10);
        assertEquals("1.0000", event.get("data").get("probabilityOfDefault").asText());
        assertTrue(EventContractTest.violations(event).isEmpty(), EventContractTest.violations(event).toString());
    }

    @Test
    void aSubsidiaryOfAnInsolventParentIsRegradedWithTheGroupAsAReason() {
        String parent = unique("GRP");
        String subsidiary = unique("SUB");
        TestTopics.publish(BUYERS, subsidiary, buyerUpdated(subsidiary, "Tochter GmbH", "DE", "SME", parent));
        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + subsidiary + "/score").then().statusCode(200));
        int alone = api().get("/api/v1/buyers/" + subsidiary + "/score").then().extract().jsonPath().getInt("grade");

        // the parent becomes known only later, and insolvent: the subsidiary is queued again when the parent is graded
        TestTopics.publish(BUYERS, parent, buyerRegistered(parent, "Mutter Holding AG", "DE", "SME"),
                riskSignal(parent, "INSOLVENCY_FILING", "2026-11-10", "HIGH"));
        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + subsidiary + "/score").then().statusCode(200)
                .body("reasons.code", hasItem("PARENT_WEAKER"),
                        "reviewedBecause", equalTo("parent company " + parent + " graded 10")));
        int inGroup = api().get("/api/v1/buyers/" + subsidiary + "/score").then().extract().jsonPath().getInt("grade");
        assertTrue(inGroup > alone && inGroup < 10, "grade " + alone + " alone, " + inGroup + " with an insolvent parent");
    }

    @Test
    void aBuyerWithNothingButMasterDataGetsACautiousResultLabelledInsufficient() {
        String buyer = unique("B");
        TestTopics.publish(BUYERS, buyer, buyerRegistered(buyer, "Neu & Unbekannt SARL", "LU", "SME"));

        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/score").then().statusCode(200)
                .body("dataQuality", equalTo("INSUFFICIENT"),
                        "grade", greaterThanOrEqualTo(6),
                        "reasons.code", hasItems("NO_PAYMENT_HISTORY", "NO_FINANCIAL_STATEMENT"),
                        "altmanZ", equalTo(null)));
        String pd = api().get("/api/v1/buyers/" + buyer + "/score").then().extract().jsonPath().getString("probabilityOfDefault");
        assertTrue(pd.matches("0\\.\\d{1,2}0*"), "a rounded probability, not a falsely precise one: " + pd);

        api().get("/api/v1/portfolio?country=LU&dataQuality=INSUFFICIENT&size=200").then().statusCode(200)
                .body("buyers.buyerId", hasItem(buyer), "buyers.dataQuality", everyItem(equalTo("INSUFFICIENT")));
    }

    @Test
    void redeliveredEventsDoNotChangeTheScore() throws Exception {
        String buyer = unique("B");
        TestTopics.publish(BUYERS, buyer, buyerRegistered(buyer, "Wiederholt GmbH", "DE", "SME"), healthyStatement(buyer));
        String payment = paymentReceived(buyer, "PAY-R-0", FixedClock.TODAY.minusDays(95).toString(), "1000.00", "EUR", "R-0", "1000.00");
        TestTopics.publish(INVOICES, buyer,
                invoiceIssued(buyer, "R-0", "2026-07-21", "2026-08-20", "1000.00", "EUR"),
                invoiceIssued(buyer, "R-1", "2026-07-21", "2026-08-20", "1000.00", "EUR"),
                invoiceIssued(buyer, "R-2", "2026-07-21", "2026-08-20", "1000.00", "EUR"));
        TestTopics.publish(PAYMENTS, buyer, payment,
                paymentReceived(buyer, "PAY-R-1", "2026-08-30", "1000.00", "EUR", "R-1", "1000.00"),
                paymentReceived(buyer, "PAY-R-2", "2026-08-30", "1000.00", "EUR", "R-2", "1000.00"));
        JsonPath before = scoreOnceSettled(buyer, 3);
        int historyBefore = api().get("/api/v1/buyers/" + buyer + "/score/history").then().extract().jsonPath().getList("$").size();

        // the same payment delivered again, then an unallocated payment we can see being scored
        String marker = paymentReceived(buyer, "PAY-R-MARK", "2026-11-20", "5.00", "EUR");
        String markerId = JSON.readTree(marker).get("id").asText();
        TestTopics.publish(PAYMENTS, buyer, payment, marker);
        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/score").then().statusCode(200)
                .body("reviewedBecause", equalTo("credit.payment.received " + markerId + " from /test/erp")));

        JsonPath after = api().get("/api/v1/buyers/" + buyer + "/score").then().statusCode(200).extract().jsonPath();
        assertEquals(before.getInt("grade"), after.getInt("grade"));
        assertEquals(before.getString("probabilityOfDefault"), after.getString("probabilityOfDefault"));
        assertEquals(before.getString("assessedAt"), after.getString("assessedAt"));
        assertEquals(3, after.getInt("paymentBehaviour.settledInvoices"));
        assertEquals(historyBefore, api().get("/api/v1/buyers/" + buyer + "/score/history").then().extract().jsonPath().getList("$").size());
        api().get("/api/v1/buyers/" + buyer + "/payment-experience").then().statusCode(200).body("currencies[0].paid", amount("3000"));
    }

    @Test
    void aBrokenPromiseToPayReportedByCollectionsCountsOnceAgainstTheBuyer() {
        String buyer = unique("B");
        TestTopics.publish(BUYERS, buyer, buyerRegistered(buyer, "Versprochen OHG", "DE", "SME"));
        // the two topics are not ordered: a registration applied after the promises would be the latest trigger
        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer).then().statusCode(200));
        ObjectNode promise = JSON.createObjectNode().put("buyerId", buyer).put("promiseId", "PTP-1").put("promisedOn", "2026-10-01")
                .put("amount", "9800.00").put("currency", "EUR").put("promisedDate", "2026-10-20");
        // collections reports the same broken promise twice, under two event ids
        String first = TestEvents.event("credit.promise.broken", buyer, promise);
        String again = TestEvents.event("credit.promise.broken", buyer, promise);
        TestTopics.publish("credit.collections.v1", buyer, first, again);

        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer + "/score").then().statusCode(200)
                .body("reviewedBecause", equalTo("credit.promise.broken " + JSON.readTree(again).get("id").asText() + " from /test/erp"),
                        "factors.find { it.code == 'BROKEN_PROMISES' }.description", equalTo("broke 1 promise(s) to pay in the last 12 months")));
    }

    @Test
    void anInvalidFinancialStatementIsRejectedNamingEachFieldAndNothingIsStored() {
        String buyer = unique("B");
        TestTopics.publish(BUYERS, buyer, buyerRegistered(buyer, "Falsch KG", "DE", "SME"));
        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer).then().statusCode(200));

        api().contentType(ContentType.JSON)
                .body("{\"periodEnd\":\"2025-12-31\",\"currency\":\"EUX\",\"totalAssets\":-5,\"currentAssets\":100,"
                        + "\"currentLiabilities\":50,\"totalLiabilities\":80,\"retainedEarnings\":-20,\"revenue\":300,\"bookEquity\":20}")
                .post("/api/v1/buyers/" + buyer + "/financial-statements")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://creditcontrol.io/problems/invalid-request"),
                        "violations.field", equalTo(List.of("currency", "ebit", "totalAssets")));

        // a valid report made afterwards arrives; the rejected statement never does
        api().contentType(ContentType.JSON).body(Map.of("signal", "NEGATIVE_NEWS", "observedOn", "2026-11-01"))
                .post("/api/v1/buyers/" + buyer + "/risk-signals").then().statusCode(202);
        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer).then().statusCode(200)
                .body("riskSignals.signal", equalTo(List.of("NEGATIVE_NEWS"))));
        api().get("/api/v1/buyers/" + buyer).then().body("financialStatementPeriods", empty());
    }

    @Test
    void unknownBuyersAndOutOfRangePagesAreProblems() {
        api().get("/api/v1/buyers/NOBODY-" + unique("X") + "/score").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE).body("type", equalTo("https://creditcontrol.io/problems/not-found"));
        api().contentType(ContentType.JSON).body(Map.of("signal", "NEGATIVE_NEWS", "observedOn", "2026-11-01"))
                .post("/api/v1/buyers/NOBODY-X/risk-signals").then().statusCode(404);
        api().get("/api/v1/portfolio?size=500&grade=11").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("violations.field", equalTo(List.of("grade", "size")));
    }

    /** Waits for a credit.score.changed of the buyer with the given grade on credit.scores.v1. */
    static JsonNode awaitScoreEvent(String buyer, int grade) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = TestTopics.reader(SCORES)) {
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, String> r : TestTopics.poll(reader)) {
                    if (buyer.equals(r.key())) {
                        JsonNode event = JSON.readTree(r.value());
                        if (event.get("data").get("grade").asInt() == grade) {
                            found.add(event);
                        }
                    }
                }
                return !found.isEmpty();
            });
        }
        assertFalse(found.isEmpty());
        return found.get(found.size() - 1);
    }
}
