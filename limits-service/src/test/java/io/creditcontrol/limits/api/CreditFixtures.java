package io.creditcontrol.limits.api;

import static io.creditcontrol.limits.Auth.given;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.creditcontrol.limits.TestClock;
import io.creditcontrol.limits.credit.CreditDecision;
import io.creditcontrol.limits.credit.Reservation;
import io.creditcontrol.limits.exposure.Buyer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.persistence.EntityManager;
import io.quarkus.arc.Arc;

/** Buyers with limits set the way analysts set them (maker-checker), and orders checked the way an ERP checks them. */
public final class CreditFixtures {

    private CreditFixtures() {
    }

    /** A buyer limits-service has heard of (as if from master data), without a limit. */
    public static String knownBuyer(String buyerId) {
        return knownBuyer(buyerId, null);
    }

    /** A buyer in the group of {@code parentId}. */
    public static String knownBuyer(String buyerId, String parentId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Buyer buyer = new Buyer();
            buyer.buyerId = buyerId;
            buyer.name = "Buyer " + buyerId;
            buyer.parentId = parentId;
            buyer.persist();
        });
        return buyerId;
    }

    /** Requested by one analyst, approved by another. */
    public static void limit(String buyerId, String amount, String currency, LocalDate reviewDate) {
        String id = requestLimit(buyerId, amount, currency, reviewDate, "analyst.meier")
                .statusCode(201).extract().path("id");
        given().auth().oauth2(io.creditcontrol.limits.Auth.token("approver.schulz")).contentType(ContentType.JSON).body("{\"comment\":\"ok\"}")
                .post("/api/v1/limit-requests/" + id + "/approve").then().statusCode(200);
    }

    public static void limit(String buyerId, String amount, String currency) {
        limit(buyerId, amount, currency, TestClock.TODAY.plusMonths(6));
    }

    public static ValidatableResponse requestLimit(String buyerId, String amount, String currency, LocalDate reviewDate, String user) {
        return given().auth().oauth2(io.creditcontrol.limits.Auth.token(user)).contentType(ContentType.JSON)
                .body("{\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"validFrom\":\"" + TestClock.TODAY.minusDays(10)
                        + "\",\"reviewDate\":\"" + reviewDate + "\",\"reason\":\"Annual review\"}")
                .post("/api/v1/buyers/" + buyerId + "/limit-requests").then();
    }

    public static ValidatableResponse check(String buyerId, String order, String amount, String currency) {
        return given().contentType(ContentType.JSON).body(body(buyerId, order, amount, currency))
                .post("/api/v1/credit-checks").then();
    }

    public static String body(String buyerId, String order, String amount, String currency) {
        return "{\"buyerId\":\"" + buyerId + "\",\"orderReference\":\"" + order + "\",\"amount\":" + amount
                + ",\"currency\":\"" + currency + "\"}";
    }

    /** What the buyer's exposure row in {@code currency} holds for approved, not yet invoiced orders. */
    public static BigDecimal reserved(String buyerId, String currency) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = Arc.container().instance(EntityManager.class).get()
                    .createNativeQuery("SELECT reserved_amount FROM buyer_exposure WHERE buyer_id = ?1 AND currency = ?2")
                    .setParameter(1, buyerId).setParameter(2, currency).getResultList();
            return rows.isEmpty() ? BigDecimal.ZERO : (BigDecimal) rows.get(0);
        });
    }

    public static int currentPolicyVersion() {
        return given().get("/api/v1/credit-policy").then().statusCode(200).extract().path("version");
    }

    public static long decisions(String buyerId) {
        return QuarkusTransaction.requiringNew().call(() -> CreditDecision.count("buyerId", buyerId));
    }

    public static long reservations(String buyerId) {
        return QuarkusTransaction.requiringNew().call(() -> Reservation.count("buyerId", buyerId));
    }
}
