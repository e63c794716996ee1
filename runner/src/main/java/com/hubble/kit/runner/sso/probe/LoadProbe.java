package com.hubble.kit.runner.sso.probe;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.hubble.kit.runner.access.FailureWords;
import com.hubble.kit.runner.config.Durations;

import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Header;
import com.hubble.kit.runner.report.RecordedRequest;
import com.hubble.kit.runner.report.RecordedResponse;
import com.hubble.kit.runner.report.Reply;
import com.hubble.kit.runner.report.TransportFailure;

/**
 * N callers (--concurrency) send random-token calls back to back for --load-duration, each on its own keep-alive
 * connection (a fresh one after {@value #CALLS_PER_CONNECTION} calls) with its request prepared once, so the kit's
 * overhead does not cap the load; --max-rate spaces the calls of all callers together. It counts the answers by
 * status and the calls with no answer; the check's {@link LoadRule} says which of them are errors (the first few
 * are kept as evidence) and when the load may stop early. Latencies go into fixed-size histograms: memory does not
 * grow with the duration.
 */
public record LoadProbe(LoadRule rule, int callsPerConnection) implements Probe<LoadResult> {
    private static final int EVIDENCE = 3;
    /**
     * Calls a caller sends on one connection before it opens another (as servers close one after a number of
     * requests: nginx's keepalive_requests). A server may keep what it read from a connection in a chain that lives
     * as long as the connection (Helidon's reader does): once a pause let one link of it age into the old generation
     * of the kit's own heap, an embedded run kept every later link of that connection until a full collection, and
     * a 60 s load grew the process by hundreds of MiB. A fresh connection starts a fresh chain, so at most this many
     * requests (about 1 MiB) per connection stay behind; 1000 cost the load a few percent of its calls/s, 4000 about
     * 1% (a connection set up per 4000 calls).
     */
    static final int CALLS_PER_CONNECTION = 4000;

    /** The load the checks send: a fresh connection after {@value #CALLS_PER_CONNECTION} calls. */
    public LoadProbe(LoadRule rule) {
        this(rule, CALLS_PER_CONNECTION);
    }

    /** A load that opens a fresh connection after {@code callsPerConnection} calls on one. */
    public LoadProbe {
        if (callsPerConnection < 1) {
            throw new IllegalArgumentException("callsPerConnection must be at least 1: " + callsPerConnection);
        }
    }

    @Override
    public Probed<LoadResult> run(ProbeContext context) {
        int concurrency = context.settings().concurrency();
        Duration duration = context.settings().loadDuration();
        int maxRate = context.settings().maxRate();
        List<Header> secret = List.of(new Header(Step.SECRET_HEADER, context.secret().reveal()));
        URI target = context.sso(null);
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, context.client().timeout().toMillis());
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong unanswered = new AtomicLong();
        AtomicLong timeouts = new AtomicLong();
        Map<Integer, Long> answers = new HashMap<>();
        List<Exchange> failures = Collections.synchronizedList(new ArrayList<>());
        List<LatencyHistogram> histograms = Collections.synchronizedList(new ArrayList<>());
        if (context.client().silent()) {
            // The target answered none of the run's last requests (see SsoClient#SILENT_AFTER): every caller would
            // wait a full timeout for nothing, and the check fails either way. Recorded as not sent, like a probe's.
            String body = "{\"token\":" + Plan.jsonString(context.randomToken(43)) + "}";
            Exchange notSent = new Exchange("load call", recorded(context, target, body),
                    new TransportFailure(TransportFailure.Kind.NOT_SENT, SsoClient.NOT_SENT), Duration.ZERO);
            return new Probed.Gathered<>(new LoadResult(concurrency, Duration.ZERO, Map.of(), 0, 0, new LatencyHistogram(),
                    List.of(notSent), maxRate, SeriesEnd.NOT_SENT));
        }
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        // --max-rate: call k of the whole run may start no sooner than start + k / rate.
        long spacing = maxRate > 0 ? 1_000_000_000L / maxRate : 0;
        AtomicLong nextSlot = new AtomicLong(start);
        AtomicBoolean settled = new AtomicBoolean();
        CallWindows windows = new CallWindows(start);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency; i++) {
                String body = "{\"token\":" + Plan.jsonString(context.randomToken(43)) + "}";
                byte[] request = KeepAliveConnection.request(target, secret, body);
                RecordedRequest recorded = recorded(context, target, body);
                pool.submit(() -> {
                    LatencyHistogram latencies = new LatencyHistogram();
                    histograms.add(latencies);
                    Map<Integer, Long> statuses = new HashMap<>(); // this caller's, merged when it ends
                    int onConnection = 0;
                    try (KeepAliveConnection connection = new KeepAliveConnection(target, context.settings().insecure(),
                            timeoutMillis)) {
                        while (!Thread.currentThread().isInterrupted() && !settled.get()) {
                            long now = System.nanoTime();
                            long calls = requests.get();
                            if (rule.settled(new LoadRule.Progress(Duration.ofNanos(now - start), duration,
                                    context.settings().loadDurationChosen(), calls,
                                    errors.get(), CallWindows.WINDOW, windows.recent(now, calls)))) {
                                settled.set(true);
                                break;
                            }
                            long slot = spacing == 0 ? System.nanoTime() : nextSlot.getAndAdd(spacing);
                            if (slot >= deadline || System.nanoTime() >= deadline) {
                                break;
                            }
                            long wait = slot - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                            if (onConnection++ == callsPerConnection) {
                                connection.close(); // the next call opens a fresh one
                                onConnection = 1;
                            }
                            long sent = System.nanoTime();
                            Reply reply;
                            try {
                                KeepAliveConnection.Answer answer = connection.call(request, failures.size() < EVIDENCE);
                                requests.incrementAndGet();
                                latencies.recordNanos(System.nanoTime() - sent);
                                statuses.merge(answer.status(), 1L, Long::sum);
                                if (!rule.error(answer.status())) {
                                    continue;
                                }
                                reply = new RecordedResponse(answer.status(), answer.headers(), answer.bodyStart(),
                                        answer.truncated());
                            } catch (SocketTimeoutException e) {
                                requests.incrementAndGet();
                                unanswered.incrementAndGet();
                                timeouts.incrementAndGet();
                                reply = new TransportFailure(TransportFailure.Kind.TIMEOUT,
                                        "no complete response within " + Durations.format(context.client().timeout()));
                            } catch (IOException e) {
                                requests.incrementAndGet();
                                unanswered.incrementAndGet();
                                reply = FailureWords.of(e, context.client().timeout(), false, context.client().redactor()).failure();
                                LockSupport.parkNanos(10_000_000L); // a refusing target must not be spun against
                            }
                            if (reply instanceof TransportFailure && !rule.error(LoadRule.NO_RESPONSE)) {
                                continue;
                            }
                            errors.incrementAndGet();
                            if (failures.size() < EVIDENCE) {
                                // Raw, as SsoClient records it: outcomes are redacted before anything renders them.
                                failures.add(new Exchange("concurrent rejected call", recorded, reply,
                                        Duration.ofNanos(System.nanoTime() - sent)));
                            }
                        }
                    } finally {
                        synchronized (answers) {
                            statuses.forEach((status, n) -> answers.merge(status, n, Long::sum));
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
        LatencyHistogram all = new LatencyHistogram();
        synchronized (histograms) {
            histograms.forEach(all::add);
        }
        Map<Integer, Long> answered;
        synchronized (answers) {
            answered = Map.copyOf(answers);
        }
        return new Probed.Gathered<>(new LoadResult(concurrency, elapsed, answered, unanswered.get(), timeouts.get(),
                all, new ArrayList<>(failures), maxRate, settled.get() ? SeriesEnd.SETTLED : SeriesEnd.PLANNED));
    }

    @Override
    public Schedule schedule() {
        return Schedule.ALONE; // the throughput measured is the target's, shared with no other probe
    }

    @Override
    public String describe() {
        return "--concurrency callers (default 16) each sending random-token calls back to back for --load-duration (default 3s)";
    }

    /** A load call as the report shows it: through the run's redactor. */
    private static RecordedRequest recorded(ProbeContext context, URI target, String body) {
        return new RecordedRequest("POST", context.client().redactor().redact(target.toString()),
                List.of(new Header("Content-Type", "application/json"),
                        new Header(Step.SECRET_HEADER, context.client().redactor().redact(context.secret().reveal()))),
                context.client().redactor().redact(body), body.length());
    }
}
