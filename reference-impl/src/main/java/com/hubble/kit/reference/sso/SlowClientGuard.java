package com.hubble.kit.reference.sso;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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

    /**
     * How often the guards look for requests past their deadline: a slow connection is closed within this much
     * after {@code app.sso.request.timeout}.
     */
    static final Duration SWEEP_PERIOD = Duration.ofMillis(100);

    private static final System.Logger LOG = System.getLogger(SlowClientGuard.class.getName());
    private static final ScheduledThreadPoolExecutor TIMER = timer();
    /** The guards of the servers still reachable: a stopped server's guard goes with it. */
    private static final Set<SlowClientGuard> GUARDS = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    static {
        TIMER.scheduleWithFixedDelay(SlowClientGuard::sweepAll, SWEEP_PERIOD.toMillis(), SWEEP_PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private final Duration requestTimeout;
    /**
     * When each connection with a request in progress read its request line ({@link System#nanoTime}). A request
     * costs a put and a remove here and nothing else: no timer per request, whose shared queue (one lock, a
     * wake-up of the timer thread) every request used to go through twice: under load connection threads waited on
     * it for seconds and clients timed out. Sized for the default connection limit: connections sharing a bin wait
     * on its lock, and a waiting virtual thread may be woken late.
     */
    private final Map<ConnectionContext, Long> started = new ConcurrentHashMap<>(2 * DEFAULT_MAX_CONNECTIONS);

    SlowClientGuard(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        GUARDS.add(this);
    }

    /**
     * Applies the limits to a server builder that already holds {@code server.*}: the guard on HTTP/1 (keeping the
     * {@code server.protocols.http_1_1} settings; the server speaks HTTP/1.1 only), and the defaults above for every
     * Helidon key the config leaves unset.
     */
    static void apply(WebServerConfig.Builder server, Config serverConfig, Duration requestTimeout) {
        SlowClientGuard guard = new SlowClientGuard(requestTimeout);
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

    /** A request line was read: the rest of the request must arrive, and the response start, before the deadline. */
    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        started.put(ctx, System.nanoTime());
    }

    /** The response started (a send event): this request is no longer slow. */
    @Override
    public void status(ConnectionContext ctx, Status status) {
        started.remove(ctx);
    }

    private static void sweepAll() {
        SlowClientGuard[] guards;
        synchronized (GUARDS) {
            guards = GUARDS.toArray(SlowClientGuard[]::new);
        }
        for (SlowClientGuard guard : guards) {
            try {
                guard.sweep(System.nanoTime());
            } catch (RuntimeException e) {
                // One guard's failure must not stop the sweeps of the others (a thrown task is never run again).
                LOG.log(Level.WARNING, "slow-client sweep failed: " + e.getClass().getName());
            }
        }
    }

    /** Closes the connections whose request has been in progress for longer than the timeout at {@code now}. */
    void sweep(long now) {
        long requestTimeoutNanos = requestTimeout.toNanos();
        for (Map.Entry<ConnectionContext, Long> entry : started.entrySet()) {
            long since = entry.getValue();
            // Removed only if it is still the same request: a connection that has since moved on is left alone.
            if (now - since >= requestTimeoutNanos && started.remove(entry.getKey(), since)) {
                expire(entry.getKey());
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
