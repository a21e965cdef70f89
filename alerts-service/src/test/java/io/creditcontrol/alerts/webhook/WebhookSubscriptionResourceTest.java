package io.creditcontrol.alerts.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

/** Managing subscriptions: secrets shown once, bad fields named, unsafe targets refused. */
@QuarkusTest
@TestSecurity(user = "ops-admin", roles = "admin")
class WebhookSubscriptionResourceTest {

    private static final String RECEIVER = "http://127.0.0.1:9/hooks/alerts";

    @Inject
    TestAlerts alerts;

    @BeforeEach
    void noSubscriptionsYet() {
        alerts.forgetAllWebhooks();
    }

    @Test
    void theServiceMakesTheSecretAndShowsItOnlyOnce() {
        var created = given().contentType(ContentType.JSON)
                .body(Map.of("url", RECEIVER, "eventTypes", List.of("credit.alert.raised"), "minSeverity", "high", "description", "Treasury"))
                .post("/api/v1/webhook-subscriptions")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/webhook-subscriptions/"))
                .body("url", equalTo(RECEIVER),
                        "eventTypes", equalTo(List.of("credit.alert.raised")),
                        "minSeverity", equalTo("HIGH"),
                        "status", equalTo("ACTIVE"),
                        "createdBy", equalTo("ops-admin"))
                .extract();
        String id = created.path("id");
        String secret = created.path("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSizeGreaterThanOrEqualTo(24);

        given().get("/api/v1/webhook-subscriptions/{id}", id).then().statusCode(200)
                .body("id", equalTo(id), "secret", nullValue(), "$", not(hasKey("previousSecret")));
        given().get("/api/v1/webhook-subscriptions").then().statusCode(200)
                .body("id", hasItem(id), "secret", equalTo(Collections.singletonList(null)));
        given().contentType(ContentType.JSON)
                .body(Map.of("url", RECEIVER, "eventTypes", List.of("credit.alert.*"), "minSeverity", "CRITICAL"))
                .put("/api/v1/webhook-subscriptions/{id}", id)
                .then().statusCode(200).body("minSeverity", equalTo("CRITICAL"), "secret", nullValue());

        String rotated = given().post("/api/v1/webhook-subscriptions/{id}/rotate-secret", id).then().statusCode(200).extract().path("secret");
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
    }

    @Test
    void everyBadFieldIsNamedAndFieldsTheClientDoesNotOwnAreRefused() {
        given().contentType(ContentType.JSON)
                .body(Map.of("url", "ftp://example.com/x", "eventTypes", List.of("bad type!"), "minSeverity", "URGENT",
                        "secret", "whsec_mine", "status", "DISABLED"))
                .post("/api/v1/webhook-subscriptions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://creditcontrol.io/problems/invalid-request"),
                        "violations.field", containsInAnyOrder("url", "eventTypes[0]", "minSeverity", "secret", "status"));

        given().contentType(ContentType.JSON).body(Map.of("description", "no url"))
                .post("/api/v1/webhook-subscriptions")
                .then().statusCode(400).body("violations.field", containsInAnyOrder("url", "eventTypes"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://10.0.0.5/hook",                          // private
            "http://192.168.1.20:8080/hook",                 // private
            "http://172.16.4.4/hook",                        // private
            "http://127.0.0.2/hook",                         // loopback not on the test's allow list
            "http://[::1]:8080/hook",                        // IPv6 loopback
            "http://169.254.169.254/latest/meta-data/",      // cloud metadata
            "http://[fd00:ec2::254]/latest/meta-data/",      // AWS metadata over IPv6
            "http://[fc00::1]/hook",                         // unique local
            "http://[fe80::1]/hook",                         // link local
            "http://0.0.0.0/hook",                           // unspecified
            "http://100.64.0.1/hook",                        // carrier-grade NAT
            "file:///etc/passwd",                            // not http(s)
            "gopher://example.com/",                         // not http(s)
            "http://user:pass@example.com/hook",             // credentials in the URL
            "http://no-such-host.invalid/hook" })            // does not resolve
    void targetsThatCouldReachInsideTheNetworkAreRefused(String url) {
        given().contentType(ContentType.JSON).body(Map.of("url", url, "eventTypes", List.of("credit.alert.raised")))
                .post("/api/v1/webhook-subscriptions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("url")));
    }

    @Test
    void pagesAreCapped() {
        given().get("/api/v1/webhook-subscriptions?size=201").then().statusCode(400).body("violations.field", equalTo(List.of("size")));
    }

    @Test
    void unknownSubscriptionsAndDeliveriesAreNotFound() {
        given().get("/api/v1/webhook-subscriptions/whsub_nope").then().statusCode(404).contentType("application/problem+json");
        given().post("/api/v1/webhook-subscriptions/whsub_nope/deliveries/msg_nope/replay").then().statusCode(404);
    }

    @Test
    void deletingASubscriptionRemovesIt() {
        String id = given().contentType(ContentType.JSON).body(Map.of("url", RECEIVER, "eventTypes", List.of("credit.alert.raised")))
                .post("/api/v1/webhook-subscriptions").then().statusCode(201).extract().path("id");
        given().delete("/api/v1/webhook-subscriptions/{id}", id).then().statusCode(204);
        given().get("/api/v1/webhook-subscriptions/{id}", id).then().statusCode(404);
    }
}
