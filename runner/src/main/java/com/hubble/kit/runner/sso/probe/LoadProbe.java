package com.hubble.kit.runner.sso.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Header;
import com.hubble.kit.runner.report.TransportFailure;

/**
 * N callers (--concurrency) send random-token calls back to back for --load-duration. An error is a transport
 * failure, a timeout or any answer other than 400/401 (a rejection is what a random token must get).
 */
public record LoadProbe() implements Probe<LoadResult> {

    @Override
    public Probed<LoadResult> run(ProbeContext context) {
        int concurrency = context.settings().concurrency();
        Duration duration = context.settings().loadDuration();
        List<Header> secret = List.of(new Header(Step.SECRET_HEADER, context.secret().reveal()));
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong timeouts = new AtomicLong();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Exchange> failures = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency; i++) {
                String token = context.randomToken(43);
                String body = "{\"token\":" + Plan.jsonString(token) + "}";
                pool.submit(() -> {
                    while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                        Exchange e = context.client().send("concurrent rejected call", "POST", context.sso(null), secret, body);
                        requests.incrementAndGet();
                        boolean notSent = e.failure().filter(f -> f.kind() == TransportFailure.Kind.NOT_SENT).isPresent();
                        if (notSent) {
                            // A silent target: count this caller's call as a timeout once and stop it, rather
                            // than spin through thousands of calls that were never sent.
                            errors.incrementAndGet();
                            timeouts.incrementAndGet();
                            if (failures.size() < 3) {
                                failures.add(e);
                            }
                            break;
                        }
                        latencies.add(e.elapsed().toNanos() / 1e6);
                        boolean ok = e.response().map(r -> r.status() == 400 || r.status() == 401).orElse(false);
                        if (!ok) {
                            errors.incrementAndGet();
                            if (e.failure().map(f -> f.kind() == TransportFailure.Kind.TIMEOUT).orElse(false)) {
                                timeouts.incrementAndGet();
                            }
                            if (failures.size() < 3) {
                                failures.add(e);
                            }
                        }
                    }
                });
            }
            pool.shutdown();
            // Each caller finishes its last call within one timeout after the deadline.
            long wait = duration.plus(context.client().timeout()).plusSeconds(2).toMillis();
            if (!pool.awaitTermination(wait, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Probed.Gathered<>(new LoadResult(concurrency, elapsed, requests.get(), errors.get(), timeouts.get(),
                new ArrayList<>(latencies), new ArrayList<>(failures)));
    }

    @Override
    public String describe() {
        return "--concurrency callers (default 16) each sending random-token calls back to back for --load-duration (default 3s)";
    }
}
