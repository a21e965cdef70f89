package io.creditcontrol.alerts;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

/** RestAssured reading JSON numbers as BigDecimal, so amounts are compared exactly. */
public final class TestApi {

    private static final RestAssuredConfig EXACT_NUMBERS = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));

    private TestApi() {
    }

    public static RequestSpecification api() {
        return given().config(EXACT_NUMBERS);
    }

    /** An amount equal to {@code expected} in value, whatever its scale ("600" matches 600.0000). */
    public static Matcher<Object> amount(String expected) {
        BigDecimal value = new BigDecimal(expected);
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object actual) {
                return actual instanceof Number number && new BigDecimal(number.toString()).compareTo(value) == 0;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an amount of ").appendValue(expected);
            }
        };
    }
}
