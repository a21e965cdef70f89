package io.creditcontrol.limits.api;

import static io.creditcontrol.limits.api.CreditFixtures.knownBuyer;
import static io.creditcontrol.limits.api.CreditFixtures.limit;
import static io.creditcontrol.limits.api.CreditFixtures.reserved;
import static io.creditcontrol.limits.messaging.TestEvents.unique;
import static io.creditcontrol.limits.Auth.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Bad input is answered with a problem naming each field, and nothing is reserved or stored. */
@QuarkusTest
class CreditCheckBadInputTest {

    String buyer;

    @BeforeEach
    void buyerWithLimit() {
        buyer = knownBuyer(unique("B"));
        limit(buyer, "10000.00", "EUR");
    }

    private ValidatableResponse post(String json) {
        return given().contentType(ContentType.JSON).body(json).post("/api/v1/credit-checks").then();
    }

    private void nothingChanged() {
        assertEquals(0, BigDecimal.ZERO.compareTo(reserved(buyer, "EUR")));
        assertEquals(0, CreditFixtures.decisions(buyer));
    }

    @Test
    void aNegativeOrZeroAmountIsRejectedNamingTheAmount() {
        post(CreditFixtures.body(buyer, "SO-1", "-5.00", "EUR")).statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://creditcontrol.io/problems/invalid-request"),
                        "violations.field", contains("amount"), "violations[0].message", equalTo("must be greater than zero"));
        post(CreditFixtures.body(buyer, "SO-1", "0", "EUR")).statusCode(400).body("violations.field", contains("amount"));
        nothingChanged();
    }

    @Test
    void anAmountWithMoreDecimalsThanTheCurrencyAllowsIsRejected() {
        post(CreditFixtures.body(buyer, "SO-1", "10.001", "EUR")).statusCode(400)
                .body("violations.field", contains("amount"), "violations[0].message", equalTo("has 3 decimals; the currency allows 2"));
        post(CreditFixtures.body(buyer, "SO-1", "10.5", "JPY")).statusCode(400)
                .body("violations[0].message", equalTo("has 1 decimals; the currency allows 0"));
        nothingChanged();
    }

    @Test
    void anUnknownCurrencyIsRejectedNamingTheCurrency() {
        post(CreditFixtures.body(buyer, "SO-1", "10.00", "XQZ")).statusCode(400)
                .body("violations.field", contains("currency"), "violations[0].message", equalTo("is not an ISO 4217 currency: XQZ"));
        post(CreditFixtures.body(buyer, "SO-1", "10.00", "eur")).statusCode(400).body("violations.field", contains("currency"));
        nothingChanged();
    }

    @Test
    void aMissingOrderReferenceAndAmountAreBothNamed() {
        post("{\"buyerId\":\"" + buyer + "\",\"currency\":\"EUR\"}").statusCode(400)
                .body("violations.field", containsInAnyOrder("orderReference", "amount"));
        post("{\"buyerId\":\"" + buyer + "\",\"orderReference\":\"  \",\"amount\":5,\"currency\":\"EUR\"}").statusCode(400)
                .body("violations.field", contains("orderReference"));
        nothingChanged();
    }

    @Test
    void anUnknownBuyerIsNotFoundNamingTheBuyer() {
        post(CreditFixtures.body("NO-SUCH-BUYER-1", "SO-1", "10.00", "EUR")).statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://creditcontrol.io/problems/not-found"), "violations.field", contains("buyerId"));
        given().contentType(ContentType.JSON).body(CreditFixtures.body("NO-SUCH-BUYER-1", "SO-1", "10.00", "EUR"))
                .post("/api/v1/credit-checks/what-if").then().statusCode(404);
        assertEquals(0, CreditFixtures.decisions("NO-SUCH-BUYER-1"));
    }

    @Test
    void theWhatIfCheckValidatesTheSameWay() {
        given().contentType(ContentType.JSON).body(CreditFixtures.body(buyer, "Q-1", "1.234", "EUR"))
                .post("/api/v1/credit-checks/what-if").then().statusCode(400).body("violations.field", hasItem("amount"));
    }

    @Test
    void anAmountThatIsNoNumberIsABadRequest() {
        post("{\"buyerId\":\"" + buyer + "\",\"orderReference\":\"SO-1\",\"amount\":\"lots\",\"currency\":\"EUR\"}")
                .statusCode(400).contentType(Problem.MEDIA_TYPE).body("violations.field", contains("amount"));
        nothingChanged();
    }
}
