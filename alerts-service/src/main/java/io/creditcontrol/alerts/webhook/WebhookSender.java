package io.creditcontrol.alerts.webhook;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Sends one signed webhook with the Vert.x HTTP client. Redirects are never followed (a 3xx is an
 * answer, not a new target: following it would bypass the target check). The connection goes to
 * the address {@link TargetUrlPolicy} approved, while Host header and TLS server name stay the
 * URL's host.
 */
@ApplicationScoped
public class WebhookSender {

    /** The body starts the log entry; the rest is not kept. */
    private static final int KEPT_RESPONSE_CHARS = 500;
    /** CloudEvents HTTP binding, structured mode: the body is the whole CloudEvent as JSON. */
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    WebhookSender(Vertx vertx,
            @ConfigProperty(name = "credit.webhooks.http.connect-timeout") Duration connectTimeout,
            @ConfigProperty(name = "credit.webhooks.http.request-timeout") Duration requestTimeout,
            @ConfigProperty(name = "credit.webhooks.http.max-connections") int maxConnections) {
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setMaxPoolSize(maxConnections)
                .setKeepAlive(true)
                .setVerifyHost(true)
                .setForceSni(true));
    }

    /** What the receiver answered, or why there was no answer (statusCode null). */
    public record Response(Integer statusCode, String retryAfter, String body, String error, long latencyMillis) {

        boolean timedOutOrUnreachable() {
            return statusCode == null;
        }
    }

    /** The headers and body of one attempt. */
    public record Request(String webhookId, long timestamp, String signature, String body) {
    }

    public CompletionStage<Response> send(TargetUrlPolicy.Target target, Request request) {
        long started = System.nanoTime();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(pathAndQuery(target))
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setConnectTimeout(connectTimeout.toMillis())
                .setTimeout(requestTimeout.toMillis())
                .setFollowRedirects(false)
                .putHeader("content-type", CONTENT_TYPE)
                .putHeader("user-agent", "credit-control-alerts-webhooks/1.0")
                .putHeader("webhook-id", request.webhookId())
                .putHeader("webhook-timestamp", Long.toString(request.timestamp()))
                .putHeader("webhook-signature", request.signature());
        CompletableFuture<Response> result = new CompletableFuture<>();
        client.request(options)
                .compose(req -> req.send(Buffer.buffer(request.body())))
                .compose(resp -> {
                    StringBuilder kept = new StringBuilder();
                    try {
                        resp.handler(chunk -> {
                            if (kept.length() < KEPT_RESPONSE_CHARS) {
                                kept.append(chunk.toString());
                            }
                        });
                    } catch (IllegalStateException alreadyEnded) {
                        // The dispatcher calls from a worker thread, so this runs on another context than the
                        // connection's: a short answer (a 204) may have ended before we got here. The answer
                        // still counts; only the start of its body is not kept for the log.
                    }
                    return resp.end().map(done -> new Response(resp.statusCode(), resp.getHeader("Retry-After"),
                            truncate(kept.toString()), null, elapsed(started)));
                })
                .onSuccess(result::complete)
                .onFailure(failure -> result.complete(new Response(null, null, null, describe(failure), elapsed(started))));
        return result;
    }

    private static String pathAndQuery(TargetUrlPolicy.Target target) {
        String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty() ? "/" : target.uri().getRawPath();
        return target.uri().getRawQuery() == null ? path : path + "?" + target.uri().getRawQuery();
    }

    private static String describe(Throwable failure) {
        String kind = failure instanceof TimeoutException || String.valueOf(failure.getMessage()).contains("timeout")
                ? "timeout" : "connection failed";
        return truncate(kind + ": " + failure.getClass().getSimpleName() + " " + failure.getMessage());
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= KEPT_RESPONSE_CHARS ? text : text.substring(0, KEPT_RESPONSE_CHARS);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
