package io.creditcontrol.suite;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A treasury tool's webhook endpoint on 127.0.0.1: verifies every request with the Standard Webhooks reference
 * library (401 when it does not verify), answers 503 while unhealthy, and once healthy accepts each webhook-id once
 * (a repeat is answered 204 and ignored, as the receivers in docs/webhooks.md do).
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived and how it was answered. */
    record Received(String webhookId, String body, String rejection, int answered) {

        boolean verified() {
            return rejection == null;
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final Map<String, Received> accepted = new ConcurrentHashMap<>();
    final AtomicBoolean healthy;
    volatile String secret;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    WebhookReceiver(boolean healthy) throws IOException {
        this.healthy = new AtomicBoolean(healthy);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(executor);
        server.createContext("/hooks/credit-alerts", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/credit-alerts";
    }

    /** Requests for a webhook-id that had been accepted before (the sender's retries after a lost answer). */
    long repeats() {
        return received.stream().filter(r -> r.answered() == 204).count() - accepted.size();
    }

    long rejected() {
        return received.stream().filter(r -> !r.verified()).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        List<String> ids = headers.getOrDefault("webhook-id", List.of());
        String webhookId = ids.isEmpty() ? null : ids.get(0);
        String rejection = null;
        try {
            new Webhook(secret).verify(body, headers);
        } catch (Exception e) {
            rejection = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        int status = rejection != null ? 401 : healthy.get() ? 204 : 503;
        Received request = new Received(webhookId, body, rejection, status);
        received.add(request);
        if (status == 204) {
            accepted.putIfAbsent(webhookId, request);
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
