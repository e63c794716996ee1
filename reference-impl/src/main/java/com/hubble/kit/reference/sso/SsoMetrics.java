package com.hubble.kit.reference.sso;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Counts {@code /sso} requests by outcome ({@code sso.requests}, tag {@code outcome}: accepted, bad-secret, replayed,
 * expired, ...) and records their latency in a histogram ({@code sso.request.duration}), in Helidon's global meter
 * registry, which {@code /observe/metrics} serves (Prometheus text or JSON). With the in-memory replay store it also
 * reports how full that store is ({@code sso.replay.entries} of {@code sso.replay.capacity}): at capacity, /sso
 * answers 503.
 */
final class SsoMetrics implements Filter {
    static final String REQUESTS = "sso.requests";
    static final String DURATION = "sso.request.duration";
    static final String REPLAY_ENTRIES = "sso.replay.entries";
    static final String REPLAY_CAPACITY = "sso.replay.capacity";
    /** A plugged-in verifier names its own rejection reasons: past this many distinct outcomes, the rest count as "other". */
    private static final int MAX_OUTCOMES = 64;

    private final MeterRegistry registry;
    private final Timer duration;
    private final ConcurrentHashMap<String, Counter> byOutcome = new ConcurrentHashMap<>();

    SsoMetrics() {
        this(Metrics.globalRegistry());
    }

    /** As above, plus the fill of {@code store} when it is the in-memory one (the last server started reports). */
    SsoMetrics(ReplayStore store) {
        this(Metrics.globalRegistry());
        if (store instanceof InMemoryReplayStore memory) {
            registry.remove(REPLAY_ENTRIES, java.util.List.of());
            registry.remove(REPLAY_CAPACITY, java.util.List.of());
            registry.getOrCreate(Gauge.builder(REPLAY_ENTRIES, memory::entries)
                    .description("Unexpired token ids the in-memory replay store holds"));
            registry.getOrCreate(Gauge.builder(REPLAY_CAPACITY, memory::capacity)
                    .description("Token ids the in-memory replay store may hold (app.sso.replay.capacity); full: 503"));
        }
    }

    SsoMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duration = registry.getOrCreate(Timer.builder(DURATION)
                .description("Time to answer POST /sso, from routing to the last byte handed to the connection")
                .buckets(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
                        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofMillis(500), Duration.ofSeconds(1)));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!req.prologue().uriPath().path().startsWith("/sso")) {
            chain.proceed();
            return;
        }
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            duration.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            String outcome = req.context().get(AccessLog.Outcome.class).map(AccessLog.Outcome::reason)
                    .orElse(res.status().code() == 405 ? "method-not-allowed" : "other");
            counter(outcome).increment();
        }
    }

    private Counter counter(String outcome) {
        Counter counter = byOutcome.get(outcome);
        if (counter != null) {
            return counter;
        }
        String name = byOutcome.size() >= MAX_OUTCOMES ? "other" : outcome;
        return byOutcome.computeIfAbsent(name, n -> registry.getOrCreate(Counter.builder(REQUESTS)
                .description("POST /sso requests by how they were decided")
                .addTag(Tag.create("outcome", n))));
    }
}
