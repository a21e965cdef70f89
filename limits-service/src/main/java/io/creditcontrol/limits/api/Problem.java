package io.creditcontrol.limits.api;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail. {@code type} is stable and documented (the service README, "Problems"). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://creditcontrol.io/problems/";

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(URI.create(BASE + slug), title, status, detail, null);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path);
    }
}
