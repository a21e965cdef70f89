package io.creditcontrol.limits;

import java.math.BigDecimal;

import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;

/** Matches a JSON amount numerically ("600", "600.0000" and 600 are the same amount). */
public final class Amounts {

    private Amounts() {
    }

    public static Matcher<Object> amount(String expected) {
        BigDecimal wanted = new BigDecimal(expected);
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof Number n && new BigDecimal(n.toString()).compareTo(wanted) == 0;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("the amount " + expected);
            }
        };
    }
}
