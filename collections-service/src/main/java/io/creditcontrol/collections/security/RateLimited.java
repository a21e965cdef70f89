package io.creditcontrol.collections.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint (or every endpoint of the class) draws from the caller's token bucket of this
 * name: {@code credit.rate-limit.<name>.requests-per-second} and {@code .burst}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RateLimited {

    String value();
}
