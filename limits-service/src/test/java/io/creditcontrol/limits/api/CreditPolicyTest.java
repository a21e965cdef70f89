package io.creditcontrol.limits.api;

import static io.creditcontrol.limits.Amounts.amount;
import static io.creditcontrol.limits.api.CreditFixtures.knownBuyer;
import static io.creditcontrol.limits.api.CreditFixtures.limit;
import static io.creditcontrol.limits.messaging.TestEvents.unique;
import static io.creditcontrol.limits.Auth.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The versioned credit policy: a sensible default is there from the start; a change is a new, audited version used by new decisions. */
@QuarkusTest
class CreditPolicyTest {

    @Test
    void theDefaultPolicyMapsEveryGradeToLimitTermsAndSecurity() {
        given().get("/api/v1/credit-policy/versions/1").then().statusCode(200)
                .body("version", equalTo(1), "currency", equalTo("EUR"), "worstGradeForCredit", equalTo(8),
                        "maxOrderValue", amount("250000"), "referOverdueDays", equalTo(30), "blockOverdueDays", equalTo(90),
                        "createdBy", equalTo("system"),
                        "grades", hasSize(10),
                        "grades[0].grade", equalTo(1), "grades[0].maxLimit", amount("1000000"), "grades[0].paymentTermsDays", equalTo(90),
                        "grades[0].requiredSecurity", equalTo("NONE"),
                        "grades[6].requiredSecurity", equalTo("LETTER_OF_CREDIT"),
                        "grades[7].requiredSecurity", equalTo("PREPAYMENT"), "grades[7].maxLimit", amount("10000"),
                        "grades[9].maxLimit", amount("0"),
                        // version 1 stays as audited: absolute bounds only
                        "grades[4].maxShareOfRevenue", nullValue(), "maxLimitWithoutFinancials", nullValue());
    }

    @Test
    void theDefaultPolicyVersion2SizesLimitsByRevenueAndEquityWithAbsoluteCaps() {
        given().get("/api/v1/credit-policy/versions/2").then().statusCode(200)
                .body("version", equalTo(2), "currency", equalTo("EUR"), "worstGradeForCredit", equalTo(8),
                        "maxOrderValue", amount("250000"), "createdBy", equalTo("system"),
                        "maxLimitWithoutFinancials", amount("100000"), "statementMaxAgeMonths", equalTo(18),
                        "grades", hasSize(10),
                        "grades[0].maxLimit", amount("10000000"), "grades[0].maxShareOfRevenue", amount("0.10"),
                        "grades[0].maxShareOfEquity", amount("0.30"),
                        "grades[3].maxLimit", amount("5000000"), "grades[3].maxShareOfRevenue", amount("0.05"),
                        "grades[4].maxLimit", amount("3000000"), "grades[4].maxShareOfRevenue", amount("0.04"),
                        "grades[4].maxShareOfEquity", amount("0.15"), "grades[4].paymentTermsDays", equalTo(60),
                        "grades[7].maxLimit", amount("10000"), "grades[7].requiredSecurity", equalTo("PREPAYMENT"),
                        "grades[9].maxLimit", amount("0"), "grades[9].maxShareOfEquity", nullValue());
    }

    @Test
    void aNewPolicyVersionIsAuditedAndUsedByTheNextDecision() throws Exception {
        int before = CreditFixtures.currentPolicyVersion();
        StringBuilder grades = new StringBuilder();
        for (int g = 1; g <= 10; g++) {
            grades.append(g == 1 ? "" : ",").append("{\"grade\":").append(g).append(",\"maxLimit\":").append(g > 8 ? 0 : 100000)
                    .append(g > 8 ? "" : ",\"maxShareOfRevenue\":0.05")
                    .append(",\"paymentTermsDays\":30,\"requiredSecurity\":\"").append(g > 7 ? "PREPAYMENT" : "NONE").append("\"}");
        }
        String policy = "{\"currency\":\"EUR\",\"worstGradeForCredit\":8,\"maxOrderValue\":50000,\"referOverdueDays\":30,"
                + "\"blockOverdueDays\":90,\"reviewIntervalDays\":180,\"reservationHours\":48,\"reason\":\"Tighter order cap\",\"grades\":["
                + grades + "]}";
        int version = given().auth().oauth2(io.creditcontrol.limits.Auth.token("head.of.credit")).contentType(ContentType.JSON).body(policy)
                .post("/api/v1/credit-policy").then().statusCode(201)
                .body("createdBy", equalTo("head.of.credit"), "reason", equalTo("Tighter order cap"), "maxOrderValue", amount("50000"),
                        "grades[0].maxShareOfRevenue", amount("0.05"), "grades[9].maxShareOfRevenue", nullValue(),
                        "statementMaxAgeMonths", equalTo(18), "maxLimitWithoutFinancials", nullValue())
                .extract().path("version");
        try {
            given().get("/api/v1/credit-policy").then().body("version", equalTo(version));
            given().get("/api/v1/credit-policy/versions").then().body("version", hasItem(1), "size()", greaterThanOrEqualTo(2));

            String buyer = knownBuyer(unique("B"));
            limit(buyer, "900000.00", "EUR");
            CreditFixtures.check(buyer, "SO-1", "60000.00", "EUR").statusCode(200)
                    .body("decision", equalTo("REFERRED"), "reasonCodes", contains("MAX_ORDER_VALUE_EXCEEDED"), "policyVersion", equalTo(version));
        } finally {
            // the policy in force before (the default) again as the newest version, for the other tests
            // (as a client would send it: without the fields the service sets, which a body may not carry)
            com.fasterxml.jackson.databind.node.ObjectNode defaults = (com.fasterxml.jackson.databind.node.ObjectNode)
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(given().get("/api/v1/credit-policy/versions/" + before).asString());
            defaults.remove(java.util.List.of("version", "createdBy", "createdAt"));
            given().auth().oauth2(io.creditcontrol.limits.Auth.token("head.of.credit")).contentType(ContentType.JSON).body(defaults.toString())
                    .post("/api/v1/credit-policy").then().statusCode(201);
        }
    }

    @Test
    void aPolicyWithoutAllGradesIsRejectedNamingTheFields() {
        given().contentType(ContentType.JSON)
                .body("{\"currency\":\"EUR\",\"worstGradeForCredit\":8,\"maxOrderValue\":1,\"referOverdueDays\":30,\"blockOverdueDays\":90,"
                        + "\"reviewIntervalDays\":1,\"reservationHours\":1,\"reason\":\"x\",\"grades\":[]}")
                .post("/api/v1/credit-policy").then().statusCode(400).body("violations.field", contains("grades"));
    }

    @Test
    void invalidBoundsAreRejectedNamingEachFieldAndNothingIsStored() {
        long versions = given().get("/api/v1/credit-policy/versions?pageSize=200").then().statusCode(200).extract().jsonPath().getList("$").size();
        StringBuilder grades = new StringBuilder();
        for (int g = 1; g <= 10; g++) {
            String bounds = switch (g) {
                case 1 -> "\"maxShareOfRevenue\":0";                          // a share must be above 0
                case 2 -> "\"maxShareOfEquity\":1.5";                         // ... and at most 1
                case 3 -> "\"maxLimit\":500000,\"maxShareOfRevenue\":0.0000001"; // at most 6 decimals
                case 4 -> "\"maxLimit\":null";                                 // no bound at all, yet grade 4 may buy on credit
                case 5 -> "\"maxLimit\":-1";
                case 9 -> "\"maxLimit\":null";                                 // allowed: grade 9 may not buy on credit anyway
                default -> "\"maxLimit\":1000,\"maxShareOfRevenue\":1";
            };
            grades.append(g == 1 ? "" : ",").append("{\"grade\":").append(g).append(",").append(bounds)
                    .append(",\"paymentTermsDays\":30,\"requiredSecurity\":\"NONE\"}");
        }
        given().contentType(ContentType.JSON)
                .body("{\"currency\":\"EUR\",\"worstGradeForCredit\":8,\"maxOrderValue\":1,\"referOverdueDays\":30,\"blockOverdueDays\":90,"
                        + "\"reviewIntervalDays\":1,\"reservationHours\":1,\"maxLimitWithoutFinancials\":-5,\"statementMaxAgeMonths\":0,"
                        + "\"reason\":\"x\",\"grades\":[" + grades + "]}")
                .post("/api/v1/credit-policy").then().statusCode(400)
                .body("violations.field", containsInAnyOrder("maxLimitWithoutFinancials", "statementMaxAgeMonths",
                        "grades[0].maxShareOfRevenue", "grades[1].maxShareOfEquity", "grades[2].maxShareOfRevenue", "grades[3]",
                        "grades[4].maxLimit"));
        given().get("/api/v1/credit-policy/versions?pageSize=200").then().body("size()", equalTo((int) versions));
    }
}
