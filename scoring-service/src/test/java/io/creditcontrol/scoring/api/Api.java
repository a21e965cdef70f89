package io.creditcontrol.scoring.api;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

/** REST calls that read decimals as BigDecimal, so amounts are compared exactly, never as floats. */
final class Api {

    private static final RestAssuredConfig DECIMALS = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));

    private Api() {
    }

    static RequestSpecification api() {
        return given().config(DECIMALS);
    }

    /** Matches a JSON number numerically: 1000.0000 is 1000, and so is the integer 1000. */
    static Matcher<Object> amount(String value) {
        BigDecimal expected = new BigDecimal(value);
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object actual) {
                return actual instanceof Number && new BigDecimal(actual.toString()).compareTo(expected) == 0;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("the amount ").appendValue(expected);
            }
        };
    }
}
