package io.creditcontrol.scoring.api;

import static io.creditcontrol.scoring.api.Api.amount;
import static io.creditcontrol.scoring.api.Api.api;
import static io.creditcontrol.scoring.messaging.TestEvents.buyerRegistered;
import static io.creditcontrol.scoring.messaging.TestEvents.buyerUpdated;
import static io.creditcontrol.scoring.messaging.TestEvents.financialStatement;
import static io.creditcontrol.scoring.messaging.TestEvents.invoiceIssued;
import static io.creditcontrol.scoring.messaging.TestEvents.riskSignal;
import static io.creditcontrol.scoring.messaging.TestEvents.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.creditcontrol.scoring.messaging.TestTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

@QuarkusTest
// not about security (SecurityTest is): an analyst, who may read everything and submit buyer facts
@TestSecurity(user = "test-analyst", roles = "analyst")
class BuyerFileTest {

    static final String BUYERS = "credit.buyers.v1";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void showsTheLatestMasterDataTheLatestStatementAndEveryRiskSignalOnce() {
        String buyer = unique("B");
        String bankAccountChanged = riskSignal(buyer, "BANK_ACCOUNT_CHANGE", "2026-09-01", "HIGH");
        TestTopics.publish(BUYERS, buyer,
                buyerRegistered(buyer, "Nordwind Maschinenbau GmbH", "DE", "SME"),
                riskSignal(buyer, "MANAGEMENT_CHANGE", "2026-05-05", "MEDIUM"),
                buyerUpdated(buyer, "Nordwind Maschinenbau GmbH & Co. KG", "DE", "KEY_ACCOUNT", "B-PARENT"),
                financialStatement(buyer, "2024-12-31", "61800000.00", "2310000.00"),
                bankAccountChanged,
                bankAccountChanged, // redelivered: recorded once
                financialStatement(buyer, "2025-12-31", "58000000.00", "1000000.00"),
                // the 2025 statement restated: replaces the figures reported for that period
                financialStatement(buyer, "2025-12-31", "57500000.00", "-200000.00"));

        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer)
                .then().statusCode(200).body("latestFinancialStatement.ebit", amount("-200000")));

        api().get("/api/v1/buyers/" + buyer).then().statusCode(200)
                .body("buyerId", equalTo(buyer),
                        "profile.name", equalTo("Nordwind Maschinenbau GmbH & Co. KG"),
                        "profile.country", equalTo("DE"),
                        "profile.segment", equalTo("KEY_ACCOUNT"),
                        "profile.parentId", equalTo("B-PARENT"),
                        "profile.registrationNumber", equalTo("HRB 4711"),
                        "profile.registeredAt", equalTo("2026-11-20T08:00:00Z"),
                        "latestFinancialStatement.periodEnd", equalTo("2025-12-31"),
                        "latestFinancialStatement.revenue", amount("57500000"),
                        "latestFinancialStatement.retainedEarnings", amount("-1250000"),
                        "latestFinancialStatement.currency", equalTo("EUR"),
                        "financialStatementPeriods", contains("2025-12-31", "2024-12-31"),
                        "riskSignals.signal", contains("MANAGEMENT_CHANGE", "BANK_ACCOUNT_CHANGE"),
                        "riskSignals.severity", contains("MEDIUM", "HIGH"),
                        "riskSignals[1].observedOn", equalTo("2026-09-01"));
    }

    @Test
    void aBuyerKnownOnlyFromItsInvoicesHasAFileWithoutProfileOrStatement() {
        String buyer = unique("B");
        TestTopics.publish("credit.invoices.v1", buyer, invoiceIssued(buyer, "INV-1", "2026-10-01", "2026-10-31", "10.00", "EUR"));

        await().atMost(PATIENCE).untilAsserted(() -> api().get("/api/v1/buyers/" + buyer)
                .then().statusCode(200)
                .body("buyerId", equalTo(buyer), "profile", nullValue(), "latestFinancialStatement", nullValue(),
                        "riskSignals", empty()));
    }

    @Test
    void aBuyerNobodyHasHeardOfIsANotFoundProblem() {
        String buyer = unique("NOBODY");
        api().get("/api/v1/buyers/" + buyer)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://creditcontrol.io/problems/not-found"),
                        "title", equalTo("Not found"),
                        "status", equalTo(404),
                        "detail", equalTo("Nothing is known about buyer " + buyer),
                        "instance", equalTo("/api/v1/buyers/" + buyer));
    }
}
