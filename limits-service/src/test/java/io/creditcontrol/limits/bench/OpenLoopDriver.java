package io.creditcontrol.limits.bench;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The open-loop load driver as a process of its own, so that the application's JVM does not share
 * its heap, garbage collector, JIT compiler and threads with the driver (run by
 * {@link CreditCheckBenchmark} with the test classpath). It works as wrk2 does: one event loop
 * sends every request at its scheduled time over a fixed pool of keep-alive connections, and each
 * request's latency is measured from that intended time (no coordinated omission). When every
 * connection is busy, requests wait for one in the client's queue, and the wait counts as latency:
 * a stalled server is charged for every request it delayed.
 *
 * <p>Arguments: url rate-per-second seconds connections buyer-prefix buyers order-prefix token.
 * The driver first runs 5 s at the same rate, not recorded (its own code warms up), then the
 * measured run. Prints one line: {@code RESULT offered=... completed=... p50=... p99=... p999=...
 * max=... failures=... unanswered=...} (rates per second, latencies in milliseconds).
 */
public final class OpenLoopDriver {

    /** Seconds at the full rate before the measured run, not recorded. */
    static final int WARM_UP_SECONDS = 5;

    private final HttpClient client;
    private final RequestOptions target;
    private final int rate;
    private final String buyerPrefix;
    private final int buyers;

    private OpenLoopDriver(HttpClient client, RequestOptions target, int rate, String buyerPrefix, int buyers) {
        this.client = client;
        this.target = target;
        this.rate = rate;
        this.buyerPrefix = buyerPrefix;
        this.buyers = buyers;
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);
        String buyerPrefix = args[4];
        int buyers = Integer.parseInt(args[5]);
        String orderPrefix = args[6];
        String token = args[7];

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        RequestOptions target = new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost()).setPort(uri.getPort())
                .setURI(uri.getRawPath()).putHeader("Content-Type", "application/json").putHeader("Authorization", "Bearer " + token);
        OpenLoopDriver driver = new OpenLoopDriver(client, target, rate, buyerPrefix, buyers);

        Result warmUp = driver.run(vertx, WARM_UP_SECONDS, orderPrefix + "-warm", null);
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
        Result result = driver.run(vertx, seconds, orderPrefix, histogram);
        StringBuilder perSecond = new StringBuilder("SLOWEST per second of schedule (ms):");
        for (long slowest : result.slowestPerSecond) {
            perSecond.append(' ').append(slowest / 1_000_000);
        }
        System.out.println(perSecond);
        System.out.printf(Locale.ROOT, "RESULT offered=%d completed=%.1f p50=%.3f p99=%.3f p999=%.3f max=%.3f failures=%d unanswered=%d"
                + " sent-with-warm-up=%d%n", rate, result.completedPerSecond, ms(histogram, 50), ms(histogram, 99), ms(histogram, 99.9),
                histogram.getMaxValue() / 1e6, result.failures, result.unanswered, warmUp.answered + result.answered);
        System.exit(0);
    }

    private record Result(double completedPerSecond, long answered, long failures, long unanswered, long[] slowestPerSecond) {
    }

    /**
     * Sends {@code rate * seconds} requests on schedule: a 1 ms timer on the event loop sends every
     * request whose time has come (so a late tick sends the overdue ones at once, and they are
     * charged from their own intended times).
     */
    private Result run(Vertx vertx, int seconds, String orderPrefix, Histogram histogram) throws InterruptedException {
        long total = (long) rate * seconds;
        double interval = TimeUnit.SECONDS.toNanos(1) / (double) rate;
        AtomicLong sent = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        CountDownLatch allAnswered = new CountDownLatch(1);
        // the slowest answer among the requests scheduled in each second: shows whether the tail is spread or periodic stalls
        java.util.concurrent.atomic.AtomicLongArray slowest = new java.util.concurrent.atomic.AtomicLongArray(seconds);
        long start = System.nanoTime();
        vertx.setPeriodic(1, 1, timer -> {
            long now = System.nanoTime();
            while (sent.get() < total) {
                long i = sent.get();
                long intended = start + (long) (i * interval);
                if (intended > now) {
                    return;
                }
                sent.incrementAndGet();
                String body = "{\"buyerId\":\"" + buyerPrefix + (i % buyers) + "\",\"orderReference\":\"" + orderPrefix + "-" + i
                        + "\",\"amount\":1.00,\"currency\":\"EUR\"}";
                client.request(target)
                        .compose(request -> request.send(Buffer.buffer(body)))
                        .compose(response -> response.body().map(response.statusCode()))
                        .onComplete(outcome -> {
                            long latency = System.nanoTime() - intended;
                            slowest.accumulateAndGet((int) Math.min(seconds - 1, i / rate), latency, Math::max);
                            if (outcome.failed() || outcome.result() != 200) {
                                failures.incrementAndGet();
                            }
                            if (histogram != null) {
                                synchronized (histogram) {
                                    histogram.recordValue(Math.min(latency, TimeUnit.SECONDS.toNanos(120)));
                                }
                            }
                            if (answered.incrementAndGet() == total) {
                                allAnswered.countDown();
                            }
                        });
            }
            vertx.cancelTimer(timer);
        });
        boolean complete = allAnswered.await(seconds + 30L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] slowestPerSecond = new long[seconds];
        for (int second = 0; second < seconds; second++) {
            slowestPerSecond[second] = slowest.get(second);
        }
        return new Result(answered.get() / elapsed, answered.get(), failures.get(), complete ? 0 : total - answered.get(), slowestPerSecond);
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }
}
