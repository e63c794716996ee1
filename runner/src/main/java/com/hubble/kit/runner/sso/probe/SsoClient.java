package com.hubble.kit.runner.sso.probe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.hubble.kit.runner.access.FailureWords;
import com.hubble.kit.runner.access.TlsSupport;
import com.hubble.kit.runner.config.Durations;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Header;
import com.hubble.kit.runner.report.RecordedRequest;
import com.hubble.kit.runner.report.RecordedResponse;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.Reply;
import com.hubble.kit.runner.report.TransportFailure;

/**
 * The only HTTP client of the /sso probes: HTTP/1.1, redirects never followed (the secret must not reach
 * another host), one deadline bounding the whole exchange (headers and body, so a trickling server cannot
 * hang a run), bodies read up to 1 MiB, everything recorded through the {@link Redactor}.
 */
public final class SsoClient implements AutoCloseable {
    public static final int BODY_CAP = 1024 * 1024;
    static final int REQUEST_PREVIEW = 2048;
    /**
     * After this many timeouts in a row, of requests of more than one probe, the target is taken as silent: requests
     * are recorded as not sent, except every {@link #RETRY_EVERY}th, which is sent to find out whether the target has
     * recovered (a cold start). Only one such retry is in flight at a time: with parallel probes, retries that went
     * out together would each cost a full timeout, and how many went out would depend on how the threads happened to
     * be scheduled. Timeouts of one probe alone hold back only that probe's further requests (its cost stays bounded),
     * not the other probes': a partner may hang on exactly what that probe sends (hostile tokens, valid tokens only),
     * and holding back the next probe's requests would fail a check the partner passes (at --parallelism 1, nothing
     * else answers in between).
     */
    public static final int SILENT_AFTER = 3;
    public static final int RETRY_EVERY = 4;
    public static final String NOT_SENT = "not sent: the target had not answered the previous " + SILENT_AFTER
            + " requests in a row (the kit retries every " + RETRY_EVERY
            + "th request, one at a time, until it answers again)";


    private final HttpClient http;
    private final java.util.function.Supplier<HttpClient> unpooled;
    private final boolean insecure;
    /** By origin: whether the server ends every connection after one answer (see {@link #endsEveryConnection}). */
    private final java.util.concurrent.ConcurrentMap<String, Boolean> oneShot = new java.util.concurrent.ConcurrentHashMap<>();
    private final Duration timeout;
    private final Redactor redactor;
    /** The timeouts in a row, and the probes (by source) they came from; guarded by this. */
    private int timeoutsInARow;
    private final java.util.Set<Integer> streakSources = new java.util.HashSet<>();
    /** A fresh source for each request sent without one: each counts as a probe of its own. */
    private final java.util.concurrent.atomic.AtomicInteger unsourced = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger notSent = new java.util.concurrent.atomic.AtomicInteger();
    /** Whether a retry to a silent target is in flight (see {@link #SILENT_AFTER}). */
    private final java.util.concurrent.atomic.AtomicBoolean retrying = new java.util.concurrent.atomic.AtomicBoolean();

    public SsoClient(Duration timeout, boolean insecure, Redactor redactor) {
        this.timeout = timeout;
        this.redactor = redactor;
        this.insecure = insecure;
        SSLContext ssl = TlsSupport.context(insecure);
        SSLParameters parameters = new SSLParameters();
        // Ordinary calls never offer TLS 1.0/1.1, even though the kit re-enables them for its TLS probe.
        parameters.setProtocols(new String[]{"TLSv1.3", "TLSv1.2"});
        this.unpooled = () -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .sslContext(ssl)
                .sslParameters(parameters)
                .build();
        this.http = unpooled.get();
    }

    public Duration timeout() {
        return timeout;
    }

    public Redactor redactor() {
        return redactor;
    }

    /**
     * Whether the target has been silent (timeouts in a row, of more than one probe): requests are then mostly not sent,
     * see {@link #NOT_SENT}.
     */
    public boolean silent() {
        synchronized (this) {
            return timeoutsInARow >= SILENT_AFTER && streakSources.size() > 1;
        }
    }

    /** Whether a request of this source is held back: after timeouts in a row of more than one probe, or of its own. */
    private synchronized boolean holdsBack(int source) {
        return timeoutsInARow >= SILENT_AFTER && (streakSources.size() > 1 || streakSources.contains(source));
    }

    /** Sends one request and records it, as a probe of its own; never throws for anything the partner does. */
    public Exchange send(String label, String method, URI uri, List<Header> headers, String body) {
        return send(Integer.MIN_VALUE + unsourced.getAndIncrement() % 1_000_000, label, method, uri, headers, body);
    }

    /**
     * Sends one request for the probe {@code source} (its position in the run) and records it; never throws for
     * anything the partner does.
     */
    public Exchange send(int source, String label, String method, URI uri, List<Header> headers, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        List<Header> sent = new ArrayList<>();
        sent.add(new Header("User-Agent", "hubble-kit/0.1.0"));
        if (body != null) {
            sent.add(new Header("Content-Type", "application/json"));
        }
        sent.addAll(headers);
        for (Header header : sent) {
            builder.header(header.name(), header.value());
        }
        RecordedRequest recorded = new RecordedRequest(method, redactor.redact(uri.toString()),
                sent.stream().map(h -> new Header(h.name(), redactor.redact(h.value()))).toList(),
                redactor.excerpt(body == null ? "" : body, REQUEST_PREVIEW),
                body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length);
        boolean retry = false;
        if (holdsBack(source)) {
            // A silent partner would otherwise cost a full timeout per probe (minutes with --timeout 5s).
            retry = notSent.incrementAndGet() % RETRY_EVERY == 0 && retrying.compareAndSet(false, true);
            if (!retry) {
                return new Exchange(label, recorded, new TransportFailure(TransportFailure.Kind.NOT_SENT, NOT_SENT),
                        Duration.ZERO);
            }
        }
        long start = System.nanoTime();
        Reply reply;
        try {
            reply = exchange(builder.build(), body != null);
            if (reply instanceof RecordedResponse) {
                synchronized (this) {
                    timeoutsInARow = 0;
                    streakSources.clear();
                }
                notSent.set(0);
            } else if (reply instanceof TransportFailure f && f.kind() == TransportFailure.Kind.TIMEOUT) {
                synchronized (this) {
                    timeoutsInARow++;
                    streakSources.add(source);
                }
            }
        } finally {
            if (retry) {
                retrying.set(false);
            }
        }
        return new Exchange(label, recorded, reply, Duration.ofNanos(System.nanoTime() - start));
    }

    private Reply exchange(HttpRequest request, boolean sendsBody) {
        // Until the server is known to keep connections open, each request gets a client of its own: the JDK pools
        // the connection of an HTTP/1.0 answer anyway, and never re-sends a POST that then meets the closed socket
        // (nor should it: the request may carry a single-use token).
        String origin = request.uri().getScheme() + "://" + request.uri().getRawAuthority();
        boolean own = !Boolean.FALSE.equals(oneShot.get(origin));
        HttpClient client = own ? unpooled.get() : http;
        Reply reply;
        try {
            reply = exchange(client, request, sendsBody);
        } finally {
            if (own) {
                client.shutdownNow();
            }
        }
        if (reply instanceof RecordedResponse) {
            oneShot.computeIfAbsent(origin, o -> endsEveryConnection(request.uri()));
        }
        return reply;
    }

    /**
     * Whether the server ends each connection after one answer (RFC 9112 section 9.3: HTTP/1.0 without keep-alive).
     * The JDK client drops the status line's version, so once per origin, after its first answer, one OPTIONS request
     * without secret or token asks on a socket of the kit's own; if that gets no answer, connections are pooled.
     */
    private boolean endsEveryConnection(URI uri) {
        try (KeepAliveConnection connection = new KeepAliveConnection(uri, insecure, (int) timeout.toMillis())) {
            return connection.call(KeepAliveConnection.options(uri), false).oneShot();
        } catch (IOException | RuntimeException noAnswer) {
            return false;
        }
    }

    private Reply exchange(HttpClient client, HttpRequest request, boolean sendsBody) {
        CompletableFuture<HttpResponse<CappedBodySubscriber.Body>> future =
                client.sendAsync(request, info -> new CappedBodySubscriber(BODY_CAP));
        try {
            HttpResponse<CappedBodySubscriber.Body> response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<Header> headers = new ArrayList<>();
            for (Map.Entry<String, List<String>> entry : response.headers().map().entrySet()) {
                if (entry.getKey().startsWith(":")) {
                    continue;
                }
                for (String value : entry.getValue()) {
                    headers.add(new Header(entry.getKey(), Redactor.clean(value)));
                }
            }
            // Invalid UTF-8 decodes to U+FFFD; NUL becomes U+FFFD too (Redactor.clean): whatever came, reports get written.
            String text = Redactor.clean(new String(response.body().bytes(), StandardCharsets.UTF_8));
            // Raw: checks judge what the partner sent; SsoRun redacts outcomes before anything renders them.
            return new RecordedResponse(response.statusCode(), headers, text, response.body().truncated());
        } catch (TimeoutException e) {
            future.cancel(true);
            return new TransportFailure(TransportFailure.Kind.TIMEOUT,
                    "no complete response within " + Durations.format(timeout));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new TransportFailure(TransportFailure.Kind.IO, "interrupted");
        } catch (ExecutionException e) {
            return FailureWords.of(e.getCause(), timeout, sendsBody, redactor).failure();
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
