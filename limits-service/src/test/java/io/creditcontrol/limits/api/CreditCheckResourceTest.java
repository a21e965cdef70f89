package io.creditcontrol.limits.api;

import static io.creditcontrol.limits.Amounts.amount;
import static io.creditcontrol.limits.api.CreditFixtures.check;
import static io.creditcontrol.limits.api.CreditFixtures.knownBuyer;
import static io.creditcontrol.limits.api.CreditFixtures.limit;
import static io.creditcontrol.limits.api.CreditFixtures.reserved;
import static io.creditcontrol.limits.messaging.TestEvents.invoiceForOrder;
import static io.creditcontrol.limits.messaging.TestEvents.invoiceIssued;
import static io.creditcontrol.limits.messaging.TestEvents.unique;
import static io.creditcontrol.limits.Auth.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.creditcontrol.limits.TestClock;
import io.creditcontrol.limits.credit.ReservationService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The credit check an ERP calls for every order: decisions, reason codes, the figures used, reservations. */
@QuarkusTest
class CreditCheckResourceTest {

    @Inject
    ReservationService reservations;

    @Test
    void approvesAnOrderWithinTheHeadroomAndReservesItsAmount() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "10000.00", "EUR");

        check(buyer, "SO-1", "4000.00", "EUR").statusCode(200)
                .header("Idempotent-Replayed", "false")
                .body("decisionId", notNullValue(),
                        "decision", equalTo("APPROVED"),
                        "reasonCodes", empty(),
                        "limit", amount("10000.00"),
                        "exposure", amount("0"),
                        "headroom", amount("10000.00"),
                        "limitCurrency", equalTo("EUR"),
                        "policyVersion", equalTo(CreditFixtures.currentPolicyVersion()),
                        "reservation.amount", amount("4000.00"),
                        "reservation.status", equalTo("ACTIVE"),
                        "reservation.expiresAt", equalTo(TestClock.START.plus(Duration.ofHours(72)).toString()));
        assertEquals(0, new BigDecimal("4000").compareTo(reserved(buyer, "EUR")));

        // the second order sees the first one's reservation as exposure
        check(buyer, "SO-2", "6000.00", "EUR").statusCode(200)
                .body("decision", equalTo("APPROVED"), "exposure", amount("4000.00"), "headroom", amount("6000.00"));
        assertEquals(0, new BigDecimal("10000").compareTo(reserved(buyer, "EUR")));
    }

    @Test
    void refersAnOrderThatWouldExceedTheHeadroomAndReservesNothing() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "10000.00", "EUR");
        check(buyer, "SO-1", "7000.00", "EUR").statusCode(200).body("decision", equalTo("APPROVED"));

        check(buyer, "SO-2", "3000.01", "EUR").statusCode(200)
                .body("decision", equalTo("REFERRED"),
                        "reasonCodes", contains("LIMIT_EXCEEDED"),
                        "exposure", amount("7000.00"),
                        "headroom", amount("3000.00"),
                        "reservation", nullValue());
        assertEquals(0, new BigDecimal("7000").compareTo(reserved(buyer, "EUR")));
    }

    @Test
    void refersAnOrderOfABuyerWithoutLimit() {
        String buyer = knownBuyer(unique("B"));
        check(buyer, "SO-1", "10.00", "EUR").statusCode(200)
                .body("decision", equalTo("REFERRED"), "reasonCodes", contains("NO_LIMIT"),
                        "limit", amount("0"), "reservation", nullValue());
    }

    @Test
    void blocksABuyerWhoseOldestOverdueInvoiceIsMoreThanNinetyDaysPastDue() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "50000.00", "EUR");
        invoiceIssued(buyer, unique("INV"), "1200.00", "EUR", TestClock.TODAY.minusDays(131), TestClock.TODAY.minusDays(91))
                .publish().awaitApplied();

        check(buyer, "SO-1", "100.00", "EUR").statusCode(200)
                .body("decision", equalTo("BLOCKED"), "reasonCodes", contains("OVERDUE_BEYOND_90"),
                        "exposure", amount("1200.00"), "headroom", amount("48800.00"), "reservation", nullValue());
    }

    @Test
    void refersWhileTheOldestOverdueInvoiceIsMoreThanThirtyDaysPastDue() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "50000.00", "EUR");
        invoiceIssued(buyer, unique("INV"), "800.00", "EUR", TestClock.TODAY.minusDays(61), TestClock.TODAY.minusDays(31))
                .publish().awaitApplied();

        check(buyer, "SO-1", "100.00", "EUR").statusCode(200)
                .body("decision", equalTo("REFERRED"), "reasonCodes", contains("OVERDUE_BEYOND_30"));
    }

    @Test
    void refersOrdersOnceTheLimitsReviewDateHasPassed() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "10000.00", "EUR", TestClock.TODAY.minusDays(1));

        check(buyer, "SO-1", "100.00", "EUR").statusCode(200)
                .body("decision", equalTo("REFERRED"), "reasonCodes", contains("REVIEW_OVERDUE"), "reservation", nullValue());
    }

    @Test
    void refersAnOrderAboveThePolicysMaximumOrderValue() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "900000.00", "EUR");

        check(buyer, "SO-1", "250000.01", "EUR").statusCode(200)
                .body("decision", equalTo("REFERRED"), "reasonCodes", contains("MAX_ORDER_VALUE_EXCEEDED"));
        check(buyer, "SO-2", "250000.00", "EUR").statusCode(200).body("decision", equalTo("APPROVED"));
    }

    @Test
    void reservesAnOrderInAnotherCurrencyAtTheSuppliedRateAndRecordsTheRate() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "10000.00", "EUR");
        given().auth().oauth2(io.creditcontrol.limits.Auth.token("treasury")).contentType(ContentType.JSON).body("{\"rate\":0.9}")
                .put("/api/v1/fx-rates/GBP/EUR").then().statusCode(200);

        check(buyer, "SO-1", "1000.00", "GBP").statusCode(200)
                .body("decision", equalTo("APPROVED"), "fxRate", amount("0.9"), "limitCurrency", equalTo("EUR"),
                        "reservation.amount", amount("900.00"), "reservation.currency", equalTo("EUR"));
        assertEquals(0, new BigDecimal("900").compareTo(reserved(buyer, "EUR")));
    }

    @Test
    void refersAnOrderInACurrencyWithoutRate() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "10000.00", "EUR");

        check(buyer, "SO-1", "1000", "JPY").statusCode(200)
                .body("decision", equalTo("REFERRED"), "reasonCodes", contains("FX_RATE_MISSING"), "reservation", nullValue());
        assertEquals(0, BigDecimal.ZERO.compareTo(reserved(buyer, "EUR")));
    }

    @Test
    void theWhatIfCheckAnswersWithoutReservingOrStoringAnything() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "10000.00", "EUR");
        check(buyer, "SO-1", "2500.00", "EUR").statusCode(200);

        given().contentType(ContentType.JSON).body(CreditFixtures.body(buyer, "QUOTE-1", "8000.00", "EUR"))
                .post("/api/v1/credit-checks/what-if").then().statusCode(200)
                .body("decision", equalTo("REFERRED"), "reasonCodes", contains("LIMIT_EXCEEDED"),
                        "exposure", amount("2500.00"), "headroom", amount("7500.00"), "decisionId", nullValue());
        given().contentType(ContentType.JSON).body(CreditFixtures.body(buyer, "QUOTE-2", "7500.00", "EUR"))
                .post("/api/v1/credit-checks/what-if").then().statusCode(200)
                .body("decision", equalTo("APPROVED"), "reservation", nullValue());

        assertEquals(0, new BigDecimal("2500").compareTo(reserved(buyer, "EUR")));
        assertEquals(1, CreditFixtures.decisions(buyer));
    }

    @Test
    void anInvoiceForTheOrderTurnsItsReservationIntoInvoicedExposure() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "10000.00", "EUR");
        String reservation = check(buyer, "SO-77", "4000.00", "EUR").statusCode(200).extract().path("reservation.id");

        invoiceForOrder(buyer, unique("INV"), "SO-77", "4000.00", "EUR", TestClock.TODAY, TestClock.TODAY.plusDays(30))
                .publish().awaitApplied();

        given().get("/api/v1/reservations/" + reservation).then().statusCode(200)
                .body("status", equalTo("INVOICED"), "closedBy", equalTo("invoice"));
        assertEquals(0, BigDecimal.ZERO.compareTo(reserved(buyer, "EUR")));
        check(buyer, "SO-78", "6000.01", "EUR").statusCode(200)
                .body("decision", equalTo("REFERRED"), "exposure", amount("4000.00"));
    }

    @Test
    void partialInvoicesConsumeOnlyTheirPartOfTheHoldAndTheRestStaysReservedUntilReleased() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "10000.00", "EUR");
        String reservation = check(buyer, "SO-P", "6000.00", "EUR").statusCode(200).extract().path("reservation.id");

        // first delivery: 2,500 of 6,000 invoiced; 3,500 stay reserved
        invoiceForOrder(buyer, unique("INV"), "SO-P", "2500.00", "EUR", TestClock.TODAY, TestClock.TODAY.plusDays(30))
                .publish().awaitApplied();
        given().get("/api/v1/reservations/" + reservation).then().statusCode(200)
                .body("status", equalTo("ACTIVE"), "invoicedAmount", amount("2500.00"), "remainingAmount", amount("3500.00"));
        assertEquals(0, new BigDecimal("3500").compareTo(reserved(buyer, "EUR")));
        // exposure 2,500 invoiced + 3,500 reserved: 4,000 of headroom, not 1,500 (double counted) nor 7,500 (hold lost)
        check(buyer, "SO-Q", "4000.01", "EUR").statusCode(200).body("decision", equalTo("REFERRED"), "exposure", amount("6000.00"));

        // second delivery: 1,000 more; the same invoice re-sent under a new event id consumes nothing more
        io.creditcontrol.limits.messaging.TestEvents.TestEvent second = invoiceForOrder(buyer, unique("INV"), "SO-P", "1000.00", "EUR",
                TestClock.TODAY, TestClock.TODAY.plusDays(30)).publish().awaitApplied();
        io.creditcontrol.limits.messaging.TestEvents.withNewId(second).publish().awaitApplied();
        given().get("/api/v1/reservations/" + reservation).then()
                .body("status", equalTo("ACTIVE"), "invoicedAmount", amount("3500.00"), "remainingAmount", amount("2500.00"));
        assertEquals(0, new BigDecimal("2500").compareTo(reserved(buyer, "EUR")));

        // the rest of the order is cancelled: only what is left goes back
        given().post("/api/v1/reservations/" + reservation + "/release").then().statusCode(200)
                .body("status", equalTo("RELEASED"), "invoicedAmount", amount("3500.00"), "remainingAmount", amount("0"));
        assertEquals(0, BigDecimal.ZERO.compareTo(reserved(buyer, "EUR")));
        check(buyer, "SO-R", "6500.00", "EUR").statusCode(200).body("decision", equalTo("APPROVED"), "exposure", amount("3500.00"));
    }

    @Test
    void anInvoiceForMoreThanTheHoldUsesItUpAndALaterOneFindsNothingToRelease() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "10000.00", "EUR");
        String reservation = check(buyer, "SO-M", "3000.00", "EUR").statusCode(200).extract().path("reservation.id");
        String other = check(buyer, "SO-N", "1000.00", "EUR").statusCode(200).extract().path("reservation.id");

        invoiceForOrder(buyer, unique("INV"), "SO-M", "3200.00", "EUR", TestClock.TODAY, TestClock.TODAY.plusDays(30))
                .publish().awaitApplied();
        given().get("/api/v1/reservations/" + reservation).then()
                .body("status", equalTo("INVOICED"), "invoicedAmount", amount("3000.00"), "remainingAmount", amount("0"), "closedBy", equalTo("invoice"));
        invoiceForOrder(buyer, unique("INV"), "SO-M", "500.00", "EUR", TestClock.TODAY, TestClock.TODAY.plusDays(30))
                .publish().awaitApplied();
        // the other order's hold is untouched: nothing was released twice
        given().get("/api/v1/reservations/" + other).then().body("status", equalTo("ACTIVE"), "remainingAmount", amount("1000.00"));
        assertEquals(0, new BigDecimal("1000").compareTo(reserved(buyer, "EUR")));
        check(buyer, "SO-O", "1.00", "EUR").statusCode(200).body("exposure", amount("4700.00"));
    }

    @Test
    void aPartiallyInvoicedHoldStillExpiresWithWhatIsLeft() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "10000.00", "EUR");
        String reservation = check(buyer, "SO-E", "5000.00", "EUR").statusCode(200).extract().path("reservation.id");
        invoiceForOrder(buyer, unique("INV"), "SO-E", "2000.00", "EUR", TestClock.TODAY, TestClock.TODAY.plusDays(30))
                .publish().awaitApplied();
        try {
            TestClock.advance(Duration.ofHours(72));
            reservations.expireDue();
            given().get("/api/v1/reservations/" + reservation).then().body("status", equalTo("EXPIRED"), "invoicedAmount", amount("2000.00"));
            assertEquals(0, BigDecimal.ZERO.compareTo(reserved(buyer, "EUR")));
        } finally {
            TestClock.reset();
        }
    }

    @Test
    void releasingAReservationGivesItsAmountBackOnce() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "10000.00", "EUR");
        String reservation = check(buyer, "SO-1", "10000.00", "EUR").statusCode(200).extract().path("reservation.id");
        check(buyer, "SO-2", "1.00", "EUR").statusCode(200).body("decision", equalTo("REFERRED"));

        given().auth().oauth2(io.creditcontrol.limits.Auth.token("erp.sales")).post("/api/v1/reservations/" + reservation + "/release").then().statusCode(200)
                .body("status", equalTo("RELEASED"), "closedBy", equalTo("erp.sales"));
        given().post("/api/v1/reservations/" + reservation + "/release").then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://creditcontrol.io/problems/reservation-closed"));

        assertEquals(0, BigDecimal.ZERO.compareTo(reserved(buyer, "EUR")));
        check(buyer, "SO-3", "10000.00", "EUR").statusCode(200).body("decision", equalTo("APPROVED"));
        given().post("/api/v1/reservations/no-such-id/release").then().statusCode(404);
    }

    @Test
    void anUnconfirmedReservationExpiresAfterThePolicysHoursAndAConfirmedOneStays() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "10000.00", "EUR");
        String loose = check(buyer, "SO-1", "3000.00", "EUR").statusCode(200).extract().path("reservation.id");
        String firm = check(buyer, "SO-2", "2000.00", "EUR").statusCode(200).extract().path("reservation.id");
        given().post("/api/v1/reservations/" + firm + "/confirm").then().statusCode(200).body("status", equalTo("CONFIRMED"));
        try {
            TestClock.advance(Duration.ofHours(71));
            reservations.expireDue();
            given().get("/api/v1/reservations/" + loose).then().body("status", equalTo("ACTIVE"));

            TestClock.advance(Duration.ofHours(1));
            reservations.expireDue();
            given().get("/api/v1/reservations/" + loose).then().body("status", equalTo("EXPIRED"), "closedBy", equalTo("system"));
            given().get("/api/v1/reservations/" + firm).then().body("status", equalTo("CONFIRMED"));
            assertEquals(0, new BigDecimal("2000").compareTo(reserved(buyer, "EUR")));
        } finally {
            TestClock.reset();
        }
        given().post("/api/v1/reservations/" + loose + "/confirm").then().statusCode(409);
    }

    @Test
    void aStoredDecisionCanBeReadBack() {
        String buyer = knownBuyer(unique("B"));
        limit(buyer, "10000.00", "EUR");
        String id = check(buyer, "SO-1", "100.00", "EUR").statusCode(200).extract().path("decisionId");

        given().get("/api/v1/credit-checks/" + id).then().statusCode(200)
                .body("decisionId", equalTo(id), "orderReference", equalTo("SO-1"), "decision", equalTo("APPROVED"),
                        "reservation.amount", amount("100.00"));
        given().get("/api/v1/credit-checks/nope").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }
}
