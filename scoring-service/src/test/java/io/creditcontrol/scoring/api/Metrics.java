package io.creditcontrol.scoring.api;

import static io.restassured.RestAssured.given;

/** Reads the service's own counters from /q/metrics, as an operator's dashboard would. */
final class Metrics {

    private Metrics() {
    }

    /** Events of a channel recognised as already applied (same CloudEvent source and id). */
    static double duplicates(String channel) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("credit_events_received_total{"))
                .filter(l -> l.contains("channel=\"" + channel + "\"") && l.contains("outcome=\"duplicate\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
