package io.creditcontrol.alerts.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on 127.0.0.1 as a customer would write one: it verifies every request with
 * the independent Standard Webhooks library (signature and a timestamp within 5 minutes), answers
 * 401 to what does not verify, and otherwise answers what the test scripted for its path (500,
 * 429 with Retry-After, 410, a redirect, a reply slower than the sender's timeout), 204 when
 * nothing is scripted.
 */
public final class TestReceiver implements AutoCloseable {

    /**
     * One request as it arrived. {@code verifiedBy} lists the secrets whose signature matched on their own;
     * {@code checkedNanos} is when the signature check finished (System.nanoTime, as {@code arrivedNanos}).
     */
    public record Received(String path, String webhookId, String timestamp, String signature, String contentType, String body,
            List<String> verifiedBy, String rejection, int answered, long arrivedNanos, Instant arrivedAt, long checkedNanos) {

        public boolean verified() {
            return rejection == null;
        }
    }

    /** A scripted answer: status, optional header, and how long to wait before answering. */
    public record Reply(int status, String header, String value, long delayMillis) {

        public static Reply status(int status) {
            return new Reply(status, null, null, 0);
        }

        public static Reply withHeader(int status, String header, String value) {
            return new Reply(status, header, value, 0);
        }

        public static Reply slow(long delayMillis) {
            return new Reply(204, null, null, delayMillis);
        }
    }

    private final HttpServer server;
    private final Map<String, List<String>> secrets = new ConcurrentHashMap<>();
    private final Map<String, Deque<Reply>> script = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public TestReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL of a path on this receiver, e.g. {@code url("/hooks/retries")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The secrets a path accepts (any one verifying is enough). */
    public void acceptSecrets(String path, String... pathSecrets) {
        secrets.put(path, List.of(pathSecrets));
    }

    /** Answers to give on a path, in order; afterwards 204. */
    public void script(String path, Reply... replies) {
        script.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(replies));
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    public List<Received> all() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        Instant arrivedAt = Instant.now();
        String path = exchange.getRequestURI().getPath();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));

        List<String> verifiedBy = new ArrayList<>();
        String rejection = null;
        List<String> pathSecrets = secrets.getOrDefault(path, List.of());
        for (String secret : pathSecrets) {
            try {
                new Webhook(secret).verify(body, headers);
                verifiedBy.add(secret);
            } catch (Exception e) {
                rejection = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
        if (pathSecrets.isEmpty()) {
            rejection = "no secret configured for " + path;
        } else if (!verifiedBy.isEmpty()) {
            rejection = null;
        }
        long checked = System.nanoTime();

        Reply reply;
        if (rejection != null) {
            reply = Reply.status(401);
        } else {
            Deque<Reply> queue = script.get(path);
            Reply next = queue == null ? null : queue.poll();
            reply = next == null ? Reply.status(204) : next;
        }
        received.add(new Received(path, first(headers, "webhook-id"), first(headers, "webhook-timestamp"),
                first(headers, "webhook-signature"), first(headers, "content-type"), body, List.copyOf(verifiedBy), rejection,
                reply.status(), arrived, arrivedAt, checked));
        if (reply.delayMillis() > 0) {
            try {
                Thread.sleep(reply.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (reply.header() != null) {
            exchange.getResponseHeaders().add(reply.header(), reply.value());
        }
        byte[] answer = reply.status() == 401 ? rejection.getBytes(StandardCharsets.UTF_8) : new byte[0];
        try {
            exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (IOException closedBySender) {
            // the sender gave up (timeout): that is the point of a slow reply
        } finally {
            exchange.close();
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
