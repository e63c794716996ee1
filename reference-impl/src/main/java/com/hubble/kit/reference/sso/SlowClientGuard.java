package com.hubble.kit.reference.sso;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.helidon.config.Config;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * Bounds how long a client may hold a connection without finishing a request, and how many it may hold.
 * Helidon closes a connection that is idle between requests ({@code idle-connection-timeout}), but not one that
 * has sent its request line and then trickles (or withholds) its headers or body: this guard closes such a
 * connection once {@code app.sso.request.timeout} has passed since its request line without a response started,
 * and {@link #drainUnreadBody} bounds the reading of a body that is left unread when the response is sent.
 *
 * <p>A request costs the guard one map entry, not a scheduled task: a sweep every {@link #sweepPeriod} closes the
 * connections past their deadline. A task per request put every request of every connection through the one lock
 * of a shared timer queue; under load (tens of thousands of requests a second on 2 CPUs) connection threads waited
 * on it for seconds (virtual threads woken by the timer's platform thread), and clients timed out.
 */
final class SlowClientGuard implements Http1ConnectionListener {
    /** From the request line to the start of the response (headers and body included). */
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Helidon's {@code server.idle-connection-timeout} when the config does not set it (Helidon's own: 5 min). */
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** Helidon's {@code server.idle-connection-period} when unset (Helidon's own: 2 min). */
    static final Duration DEFAULT_IDLE_PERIOD = Duration.ofSeconds(5);
    /** Helidon's {@code server.max-tcp-connections} when unset (Helidon's own: unlimited). */
    static final int DEFAULT_MAX_CONNECTIONS = 1000;
    /** The longest a sweep waits: a slow connection is closed at most this late (or a tenth of the timeout). */
    static final Duration MAX_SWEEP_PERIOD = Duration.ofMillis(500);

    private static final System.Logger LOG = System.getLogger(SlowClientGuard.class.getName());
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Duration requestTimeout;
    private final LongSupplier clock;
    /**
     * The connections with a request under way: when its request line was read (clock nanos). Sized for the default
     * connection limit: two connections sharing a bin wait on its lock, and a waiting virtual thread may be woken late.
     */
    private final Map<ConnectionContext, Long> started = new ConcurrentHashMap<>(2 * DEFAULT_MAX_CONNECTIONS);

    SlowClientGuard(Duration requestTimeout, LongSupplier clock) {
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    /**
     * Applies the limits to a server builder that already holds {@code server.*}: the guard on HTTP/1 (keeping the
     * {@code server.protocols.http_1_1} settings; the server speaks HTTP/1.1 only), and the defaults above for every
     * Helidon key the config leaves unset.
     */
    static void apply(WebServerConfig.Builder server, Config serverConfig, Duration requestTimeout) {
        SlowClientGuard guard = new SlowClientGuard(requestTimeout, System::nanoTime);
        guard.sweepEvery(sweepPeriod(requestTimeout));
        if (!serverConfig.get("idle-connection-timeout").exists()) {
            server.idleConnectionTimeout(DEFAULT_IDLE_TIMEOUT);
        }
        if (!serverConfig.get("idle-connection-period").exists()) {
            server.idleConnectionPeriod(DEFAULT_IDLE_PERIOD);
        }
        if (!serverConfig.get("max-tcp-connections").exists()) {
            server.maxTcpConnections(DEFAULT_MAX_CONNECTIONS);
        }
        // The one HTTP/1 protocol, from server.protocols.http_1_1 as Helidon would read it, plus the guard. Service
        // discovery stays off: with it, Helidon adds a second HTTP/1 handler beside this one, and a malformed request
        // line then gets no answer at all instead of a 400.
        Config http1Config = serverConfig.get("protocols.http_1_1");
        Http1Config.Builder http1 = Http1Config.builder();
        if (http1Config.exists()) {
            http1.config(http1Config);
        }
        server.protocolsDiscoverServices(false);
        server.protocols(List.of(http1.addReceiveListener(guard).addSendListener(guard).build()));
    }

    /** {@code app.sso.request.timeout} of the root config, in seconds (1..300, default 10). */
    static Duration requestTimeout(Config root) {
        long seconds = root.get("app.sso.request.timeout").asLong().orElse(DEFAULT_REQUEST_TIMEOUT.toSeconds());
        if (seconds < 1 || seconds > 300) {
            throw new SsoConfigException("app.sso.request.timeout (env APP_SSO_REQUEST_TIMEOUT) must be 1..300 seconds");
        }
        return Duration.ofSeconds(seconds);
    }

    /** How often the deadlines are swept: a tenth of the timeout, at most {@link #MAX_SWEEP_PERIOD}. */
    static Duration sweepPeriod(Duration requestTimeout) {
        Duration tenth = requestTimeout.dividedBy(10);
        return tenth.compareTo(MAX_SWEEP_PERIOD) < 0 ? tenth : MAX_SWEEP_PERIOD;
    }

    /**
     * Sweeps this guard's deadlines on the shared timer for as long as the guard is in use: the task holds it weakly
     * and cancels itself once the server that held the guard is gone.
     */
    private void sweepEvery(Duration period) {
        java.lang.ref.WeakReference<SlowClientGuard> held = new java.lang.ref.WeakReference<>(this);
        java.util.concurrent.atomic.AtomicReference<ScheduledFuture<?>> task = new java.util.concurrent.atomic.AtomicReference<>();
        long millis = Math.max(1, period.toMillis());
        task.set(TIMER.scheduleWithFixedDelay(() -> {
            SlowClientGuard guard = held.get();
            if (guard != null) {
                guard.sweep();
            } else if (task.get() != null) {
                task.get().cancel(false);
            }
        }, millis, millis, TimeUnit.MILLISECONDS));
    }

    /** A request line was read: the rest of the request must arrive, and the response start, before the deadline. */
    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        started.put(ctx, clock.getAsLong());
    }

    /** The response started (a send event): this request is no longer slow. */
    @Override
    public void status(ConnectionContext ctx, Status status) {
        started.remove(ctx);
    }

    /** Closes each connection whose request has been under way for the request timeout or longer. */
    void sweep() {
        long now = clock.getAsLong();
        long timeout = requestTimeout.toNanos();
        for (Map.Entry<ConnectionContext, Long> request : started.entrySet()) {
            // remove(key, value): a connection that has begun another request since keeps that one's deadline
            if (now - request.getValue() >= timeout && started.remove(request.getKey(), request.getValue())) {
                expire(request.getKey());
            }
        }
    }

    private void expire(ConnectionContext ctx) {
        LOG.log(Level.DEBUG, () -> "closing a connection from " + ctx.remotePeer().address()
                + " that did not finish its request within " + requestTimeout.toSeconds() + " s");
        try {
            ctx.serverSocket().close();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "the slow connection was already closed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * For {@link Main#routing}: after a response sent before its request body was read (a 401 for a wrong secret,
     * a 413), reads the rest of the body, as Helidon would, but for at most {@code limit}; then the connection is
     * closed. Reading it (rather than closing at once) lets a client that is still sending see the answer instead
     * of a broken pipe; the limit keeps a client that trickles the body from holding the connection.
     */
    static Filter drainUnreadBody(Duration limit) {
        return (FilterChain chain, RoutingRequest req, RoutingResponse res) -> {
            chain.proceed();
            if (req.content().hasEntity() && !req.content().consumed()) {
                // Interrupting a virtual thread blocked on a socket read closes the socket: the read ends at once.
                Thread reader = Thread.currentThread();
                ScheduledFuture<?> stop = TIMER.schedule(reader::interrupt, limit.toMillis(), TimeUnit.MILLISECONDS);
                try {
                    req.content().consume();
                } catch (RuntimeException closed) {
                    LOG.log(Level.DEBUG, () -> "stopped reading an unread request body after " + limit.toSeconds() + " s");
                } finally {
                    stop.cancel(false);
                    Thread.interrupted(); // a stop that fired just after the read must not leak into the next request
                }
            }
        };
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "sso-slow-client-guard");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
