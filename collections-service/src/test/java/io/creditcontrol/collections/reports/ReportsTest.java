package io.creditcontrol.collections.reports;

import static io.creditcontrol.collections.Api.awaitInvoice;
import static io.creditcontrol.collections.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.creditcontrol.collections.Api;
import io.creditcontrol.collections.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

/**
 * The reports against figures worked out by hand (docs/collections.md, "Reports"). Currency HUF
 * and dates in 2024 belong to this test alone.
 *
 * <pre>
 * buyer X: A 3000.00 issued 2024-06-10 due 07-10, open
 *          B 2000.00 issued 2024-05-15 due 06-14, 500.00 paid 06-20
 * buyer Y: C 4000.00 issued 2024-04-20 due 05-20, 3000.00 paid 05-25
 * buyer Z: D 1000.00 issued 2024-03-05 due 04-04, paid in full 04-10
 * buyer W: E  800.00 and F 400.00 issued 2024-01-01 due 01-31; first notice on 02-07;
 *          E paid 02-10 (in 10 days), F 100.00 on 02-12 and 300.00 on 03-01
 *
 * receivables on 06-30: A 3000 + B 1500 + C 1000 = 5500.00; past due B 1500 + C 1000 = 2500.00
 * DSO countback on 06-30: June (05-31..06-30, 31 days) sales 3000 -> 31 days, 2500 left;
 *   May (04-31..05-30, 30 days) sales 2000 -> 61 days, 500 left;
 *   April (03-31..04-30, 31 days) sales 4000 -> 500/4000 x 31 = 3.875 -> DSO 64.88 days
 * CEI June: beginning (05-31) B 2000 + C 1000 = 3000; sales 3000; ending 5500; ending current A 3000
 *   (3000 + 3000 - 5500) / (3000 + 3000 - 3000) = 500 / 3000 = 16.67 %
 * overdue ratio 06-30: 2500 / 5500 = 45.45 %
 * aging 06-30: current A 3000, 1-30 B 1500 (16 days), 31-60 C 1000 (41 days)
 * concentration: X 4500 (81.82 %), Y 1000 (18.18 %, cumulative 100.00 %); Z and W have nothing open
 * FIRST_NOTICE within 10 days: chased 1200, paid 800 + 100 = 900 (75.00 %), settled 1 of 2 (50.00 %)
 * </pre>
 */
@QuarkusTest
@TestSecurity(user = "analyst.wu", roles = { "erp", "viewer", "admin" })
class ReportsTest {

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void reportsMatchTheFiguresWorkedOutByHand() {
        String x = unique("B-RX");
        String y = unique("B-RY");
        String z = unique("B-RZ");
        String w = unique("B-RW");
        String a = unique("INV");
        String b = unique("INV");
        String c = unique("INV");
        String d = unique("INV");
        String e = unique("INV");
        String f = unique("INV");
        Api.invoice(w, e, "2024-01-01", "2024-01-31", "800.00", "HUF");
        Api.invoice(w, f, "2024-01-01", "2024-01-31", "400.00", "HUF");
        awaitInvoice(e, json -> true);
        awaitInvoice(f, json -> true);
        clock.setToday(LocalDate.parse("2024-02-07"));
        given().post("/api/v1/dunning/runs").then().statusCode(200);
        Api.payment(w, unique("PAY"), "2024-02-10", "800.00", "HUF", e);
        Api.payment(w, unique("PAY"), "2024-02-12", "100.00", "HUF", f);
        Api.payment(w, unique("PAY"), "2024-03-01", "300.00", "HUF", f);

        Api.invoice(x, a, "2024-06-10", "2024-07-10", "3000.00", "HUF");
        Api.invoice(x, b, "2024-05-15", "2024-06-14", "2000.00", "HUF");
        Api.invoice(y, c, "2024-04-20", "2024-05-20", "4000.00", "HUF");
        Api.invoice(z, d, "2024-03-05", "2024-04-04", "1000.00", "HUF");
        awaitInvoice(a, json -> true);
        awaitInvoice(b, json -> true);
        awaitInvoice(c, json -> true);
        awaitInvoice(d, json -> true);
        Api.payment(x, unique("PAY"), "2024-06-20", "500.00", "HUF", b);
        Api.payment(y, unique("PAY"), "2024-05-25", "3000.00", "HUF", c);
        Api.payment(z, unique("PAY"), "2024-04-10", "1000.00", "HUF", d);
        awaitInvoice(b, json -> json.getFloat("open") == 1500.0f);
        awaitInvoice(c, json -> json.getFloat("open") == 1000.0f);
        awaitInvoice(d, json -> json.getFloat("open") == 0.0f);
        awaitInvoice(e, json -> json.getFloat("open") == 0.0f);
        awaitInvoice(f, json -> json.getFloat("open") == 0.0f);

        report("/api/v1/reports/dso?asOf=2024-06-30&currency=HUF").then().statusCode(200)
                .body("size()", equalTo(1), "[0].receivables", equalTo(5500.0f), "[0].dsoDays", equalTo(64.88f),
                        "[0].monthsUsed", equalTo(3), "[0].beyondCountback", equalTo(false));
        report("/api/v1/reports/cei?from=2024-06-01&to=2024-06-30&currency=HUF").then().statusCode(200)
                .body("[0].beginningReceivables", equalTo(3000.0f), "[0].creditSales", equalTo(3000.0f),
                        "[0].endingReceivables", equalTo(5500.0f), "[0].endingCurrent", equalTo(3000.0f), "[0].ceiPercent", equalTo(16.67f));
        report("/api/v1/reports/overdue-ratio?asOf=2024-06-30&currency=HUF").then().statusCode(200)
                .body("[0].receivables", equalTo(5500.0f), "[0].overdue", equalTo(2500.0f), "[0].overdueRatioPercent", equalTo(45.45f));
        JsonPath top = report("/api/v1/reports/top-overdue-buyers?asOf=2024-06-30&currency=HUF").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(x, y), top.getList("buyerId"));
        assertEquals(List.of(1500.0f, 1000.0f), top.getList("overdue", Float.class));
        report("/api/v1/reports/concentration?asOf=2024-06-30&currency=HUF&top=2").then().statusCode(200)
                .body("buyerId", equalTo(List.of(x, y)), "sharePercent", equalTo(List.of(81.82f, 18.18f)),
                        "cumulativeSharePercent", equalTo(List.of(81.82f, 100.0f)), "[0].buyers", equalTo(2), "[0].receivables", equalTo(5500.0f));
        report("/api/v1/reports/dunning-effectiveness?from=2024-02-01&to=2024-02-29&days=10&currency=HUF").then().statusCode(200)
                .body("size()", equalTo(1), "[0].step", equalTo("FIRST_NOTICE"), "[0].steps", equalTo(2),
                        "[0].chasedAmount", equalTo(1200.0f), "[0].paidWithinDays", equalTo(900.0f), "[0].amountPaidPercent", equalTo(75.0f),
                        "[0].settled", equalTo(1), "[0].settledPercent", equalTo(50.0f));
        report("/api/v1/reports/aging?asOf=2024-06-30").then().statusCode(200)
                .body("findAll { it.currency == 'HUF' }.amount", equalTo(List.of(3000.0f, 1500.0f, 1000.0f, 0.0f, 0.0f)));

        // CSV, by Accept header or by ?format=csv
        String csv = given().accept("text/csv").get("/api/v1/reports/overdue-ratio?asOf=2024-06-30&currency=HUF").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        assertEquals("asOf,currency,receivables,overdue,overdueRatioPercent\n2024-06-30,HUF,5500.00,2500.00,45.45\n", csv);
        String topCsv = given().get("/api/v1/reports/top-overdue-buyers?asOf=2024-06-30&currency=HUF&format=csv").then().statusCode(200)
                .extract().asString();
        assertEquals("asOf,currency,rank,buyerId,overdue,disputed,receivables\n"
                + "2024-06-30,HUF,1," + x + ",1500.00,0.00,4500.00\n" + "2024-06-30,HUF,2," + y + ",1000.00,0.00,1000.00\n", topCsv);
    }

    @Test
    void badReportParametersAreNamed() {
        given().get("/api/v1/reports/cei?from=2024-07-01&to=2024-06-30").then().statusCode(400).body("violations.field", hasItem("from"));
        given().get("/api/v1/reports/top-overdue-buyers?limit=5000").then().statusCode(400).body("violations.field", hasItem("limit"));
        given().get("/api/v1/reports/dso?currency=euro").then().statusCode(400).body("violations.field", hasItem("currency"));
        given().get("/api/v1/reports/aging?format=xlsx").then().statusCode(400).body("violations.field", hasItem("format"));
        given().get("/api/v1/reports/dunning-effectiveness?days=0").then().statusCode(400).body("violations.field", hasItem("days"));
    }

    private static io.restassured.response.Response report(String path) {
        return given().get(path);
    }
}
