package io.creditcontrol.collections.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint takes bodies up to {@code quarkus.http.limits.max-body-size} (the bulk import);
 * every other endpoint is held to {@code credit.http.max-body-size}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface LargeBody {
}
