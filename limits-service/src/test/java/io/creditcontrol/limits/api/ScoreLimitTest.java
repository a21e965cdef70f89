package io.creditcontrol.limits.api;

import static io.creditcontrol.limits.Amounts.amount;
import static io.creditcontrol.limits.api.CreditFixtures.knownBuyer;
import static io.creditcontrol.limits.messaging.TestEvents.financialStatement;
import static io.creditcontrol.limits.messaging.TestEvents.scoreChanged;
import static io.creditcontrol.limits.messaging.TestEvents.unique;
import static io.creditcontrol.limits.Auth.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.creditcontrol.limits.TestClock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Grades from credit.scores.v1 propose, cut and raise limits within the policy (the default,
 * version 2). Buyers whose statements allow more than the grade's absolute maximum show the
 * absolute bounds; FinancialLimitTest covers the shares of revenue and equity.
 */
@QuarkusTest
class ScoreLimitTest {

    static final Instant T0 = Instant.parse("2026-11-14T08:00:00Z");

    @Test
    void aFirstGradeSetsTheGradesMaximumADowngradeCutsItAndAnUpgradeRaisesItOnlyToThePolicyMaximum() {
        String buyer = knownBuyer(unique("B"));
        // a large buyer: every share of its revenue and equity is above the grades' absolute maximums
        financialStatement(buyer, LocalDate.of(2025, 12, 31), "EUR", "1000000000.00", "400000000.00").publish().awaitApplied();
        scoreChanged(buyer, 5, null, T0).publish().awaitApplied();
        given().get("/api/v1/buyers/" + buyer + "/credit-limit").then()
                .body("grade", equalTo(5), "limit.amount", amount("3000000"), "limit.source", equalTo("POLICY"),
                        "limit.limitBasis", equalTo("ABSOLUTE"),
                        "limit.changedBy", equalTo("system"), "limit.reviewDate", equalTo(TestClock.TODAY.plusDays(365).toString()));

        scoreChanged(buyer, 6, 5, T0.plusSeconds(60)).publish().awaitApplied();
        given().get("/api/v1/buyers/" + buyer + "/credit-limit").then()
                .body("grade", equalTo(6), "limit.amount", amount("750000"),
                        "limit.reason", equalTo("Grade downgraded from 5 to 6: limit capped by grade policy v" + CreditFixtures.currentPolicyVersion()
                                + "; absolute maximum 750,000 EUR of grade 6"));

        scoreChanged(buyer, 4, 6, T0.plusSeconds(120)).publish().awaitApplied();
        given().get("/api/v1/buyers/" + buyer + "/credit-limit").then()
                .body("limit.amount", amount("5000000"), "history", hasSize(3), "history[2].previousAmount", amount("750000"));

        // an older assessment arriving late changes nothing
        scoreChanged(buyer, 9, null, T0.plusSeconds(30)).publish().awaitApplied();
        given().get("/api/v1/buyers/" + buyer + "/credit-limit").then().body("grade", equalTo(4), "limit.amount", amount("5000000"));
    }

    @Test
    void anUpgradeLeavesAnAnalystsLimitButADowngradeCutsIt() {
        String buyer = knownBuyer(unique("B"));
        // grade 2 allows this buyer 150,000 (25 % of equity), grade 7 24,000 (4 % of equity)
        financialStatement(buyer, LocalDate.of(2025, 12, 31), "EUR", "3000000.00", "600000.00").publish().awaitApplied();
        CreditFixtures.limit(buyer, "50000.00", "EUR");
        scoreChanged(buyer, 2, 3, T0).publish().awaitApplied();
        given().get("/api/v1/buyers/" + buyer + "/credit-limit").then()
                .body("grade", equalTo(2), "limit.amount", amount("50000.00"), "limit.source", equalTo("MANUAL"));

        scoreChanged(buyer, 7, 2, T0.plusSeconds(60)).publish().awaitApplied();
        given().get("/api/v1/buyers/" + buyer + "/credit-limit").then()
                .body("limit.amount", amount("24000"), "limit.changedBy", equalTo("system"), "limit.limitBasis", equalTo("EQUITY_SHARE"));
    }

    @Test
    void aHighRiskGradeApprovesOnlyWithTheSecurityThePolicyRequires() {
        String buyer = knownBuyer(unique("B"));
        scoreChanged(buyer, 8, null, T0).publish().awaitApplied();

        CreditFixtures.check(buyer, "SO-1", "500.00", "EUR").statusCode(200)
                .body("decision", equalTo("APPROVED_WITH_CONDITIONS"), "reasonCodes", contains("SECURITY_REQUIRED"),
                        "conditions", contains("PREPAYMENT"), "grantedTermsDays", equalTo(30),
                        "limit", amount("10000"), "limitBasis", equalTo("NO_FINANCIALS"), "reservation.amount", amount("500.00"));
    }

    @Test
    void aGradeBelowThePolicyMinimumBlocksOrdersAndCutsTheLimitToZero() {
        String buyer = knownBuyer(unique("B"));
        CreditFixtures.limit(buyer, "20000.00", "EUR");
        scoreChanged(buyer, 9, 6, T0).publish().awaitApplied();

        given().get("/api/v1/buyers/" + buyer + "/credit-limit").then().body("limit.amount", amount("0"));
        CreditFixtures.check(buyer, "SO-1", "10.00", "EUR").statusCode(200)
                .body("decision", equalTo("BLOCKED"), "reasonCodes", contains("GRADE_BELOW_POLICY_MINIMUM", "SECURITY_REQUIRED"),
                        "reservation", org.hamcrest.Matchers.nullValue());
    }
}
