package io.creditcontrol.alerts;

import static io.creditcontrol.alerts.TestApi.api;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.creditcontrol.alerts.messaging.ProcessedEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.path.json.JsonPath;

/** Reads alerts through the API, as a treasury tool would (the caller provides the identity). */
public final class TestAlerts {

    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private TestAlerts() {
    }

    /** Every alert of the buyer (newest first) for one rule. */
    public static List<Map<String, Object>> alertsOf(String buyerId, String rule) {
        JsonPath page = api().queryParam("buyerId", buyerId).queryParam("rule", rule).queryParam("size", 200)
                .get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
        return page.getList("items");
    }

    /** Waits for the buyer's one alert of this rule and returns it. */
    public static Map<String, Object> awaitAlert(String buyerId, String rule) {
        return await().atMost(PATIENCE).until(() -> alertsOf(buyerId, rule), list -> list.size() == 1).get(0);
    }

    /** Waits until the buyer's one alert of the rule satisfies {@code condition}. */
    public static Map<String, Object> awaitAlert(String buyerId, String rule, java.util.function.Predicate<Map<String, Object>> condition) {
        return await().atMost(PATIENCE).until(() -> alertsOf(buyerId, rule), list -> list.size() == 1 && condition.test(list.get(0))).get(0);
    }

    /**
     * Waits until the service has applied the event (its id is recorded in the same transaction as
     * everything the rules did about it), so a test can then show that a rule did not fire.
     */
    public static void awaitApplied(String event) {
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(event);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        ProcessedEvent.Key key = new ProcessedEvent.Key(node.get("source").asText(), node.get("id").asText());
        await().atMost(PATIENCE).until(() -> QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.findById(key) != null));
    }

    /** The buyer's alerts of this rule that are not resolved. */
    public static List<Map<String, Object>> unresolved(String buyerId, String rule) {
        return alertsOf(buyerId, rule).stream().filter(a -> !"RESOLVED".equals(a.get("state"))).toList();
    }
}
