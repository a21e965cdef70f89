package io.creditcontrol.limits.api;

import static io.creditcontrol.limits.api.CreditFixtures.knownBuyer;
import static io.creditcontrol.limits.api.CreditFixtures.limit;
import static io.creditcontrol.limits.api.CreditFixtures.reserved;
import static io.creditcontrol.limits.messaging.TestEvents.unique;
import static io.creditcontrol.limits.Auth.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.creditcontrol.limits.credit.Reservation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * No over-commitment under concurrency: many orders at once against a few buyers with little
 * headroom. Afterwards no buyer's reserved exposure exceeds its limit, and the approved amounts
 * add up exactly to what is reserved.
 */
@QuarkusTest
class CreditCheckConcurrencyTest {

    static final BigDecimal LIMIT = new BigDecimal("1000.00");

    @Test
    void parallelOrdersNeverReserveMoreThanTheLimitAndEveryApprovalIsReservedExactly() throws Exception {
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String buyer = knownBuyer(unique("B"));
            limit(buyer, LIMIT.toPlainString(), "EUR");
            buyers.add(buyer);
        }
        Random random = new Random(42);
        List<Callable<JsonPath>> orders = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 400; i++) {
            String buyer = buyers.get(random.nextInt(buyers.size()));
            String amount = BigDecimal.valueOf(1000 + random.nextInt(14000), 2).toPlainString(); // 10.00 .. 149.99
            String order = "SO-" + i;
            orders.add(() -> {
                start.await();
                return given().contentType(ContentType.JSON).body(CreditFixtures.body(buyer, order, amount, "EUR"))
                        .post("/api/v1/credit-checks").then().statusCode(200).extract().jsonPath();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(24);
        List<JsonPath> answers = new ArrayList<>();
        try {
            List<Future<JsonPath>> futures = new ArrayList<>();
            for (Callable<JsonPath> order : orders) {
                futures.add(pool.submit(order));
            }
            start.countDown();
            for (Future<JsonPath> future : futures) {
                answers.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, BigDecimal> approved = new HashMap<>();
        Map<String, List<JsonPath>> approvals = new HashMap<>();
        Map<String, Integer> referred = new HashMap<>();
        for (JsonPath answer : answers) {
            String buyer = answer.getString("buyerId");
            String decision = answer.getString("decision");
            if (decision.equals("APPROVED")) {
                approved.merge(buyer, new BigDecimal(answer.getString("amount")), BigDecimal::add);
                approvals.computeIfAbsent(buyer, b -> new ArrayList<>()).add(answer);
            } else {
                assertEquals("REFERRED", decision);
                assertEquals(List.of("LIMIT_EXCEEDED"), answer.getList("reasonCodes"));
                referred.merge(buyer, 1, Integer::sum);
            }
        }
        for (String buyer : buyers) {
            BigDecimal reserved = reserved(buyer, "EUR");
            BigDecimal sumOfApprovals = approved.getOrDefault(buyer, BigDecimal.ZERO);
            assertTrue(reserved.compareTo(LIMIT) <= 0, buyer + " reserved " + reserved + " above its limit");
            assertEquals(0, sumOfApprovals.compareTo(reserved), buyer + ": approvals " + sumOfApprovals + " but reserved " + reserved);
            BigDecimal held = QuarkusTransaction.requiringNew().call(() -> Reservation.<Reservation>list("buyerId = ?1 and status = ?2",
                    buyer, Reservation.Status.ACTIVE).stream().map(r -> r.amount).reduce(BigDecimal.ZERO, BigDecimal::add));
            assertEquals(0, held.compareTo(reserved), buyer + ": reservations " + held + " but reserved " + reserved);
            assertTrue(referred.getOrDefault(buyer, 0) > 0, buyer + " had orders beyond its headroom referred");
            assertTrue(reserved.compareTo(LIMIT.subtract(new BigDecimal("150"))) > 0, buyer + " used its headroom: " + reserved);
            // every approval states the exposure its reservation really found: in the order the
            // reservations were taken, each one's exposure is the previous one's plus its amount
            List<JsonPath> inOrder = new ArrayList<>(approvals.getOrDefault(buyer, List.of()));
            inOrder.sort((a, b) -> new BigDecimal(a.getString("exposure")).compareTo(new BigDecimal(b.getString("exposure"))));
            BigDecimal expected = BigDecimal.ZERO;
            for (JsonPath approval : inOrder) {
                BigDecimal exposure = new BigDecimal(approval.getString("exposure"));
                assertEquals(0, expected.compareTo(exposure), buyer + ": approval " + approval.getString("orderReference")
                        + " states exposure " + exposure + ", the reservations before it add up to " + expected);
                assertEquals(0, LIMIT.subtract(exposure).compareTo(new BigDecimal(approval.getString("headroom"))),
                        buyer + ": headroom of " + approval.getString("orderReference"));
                expected = expected.add(new BigDecimal(approval.getString("amount")));
            }
        }
    }
}
