package com.hubble.kit.reference.sso;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.helidon.common.tls.TlsConfig;
import io.helidon.config.Config;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.metrics.MetricsObserver;

/** The reference partner /sso server: {@code java ... Main [config.yaml]}. */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());
    private static final Set<String> ALLOWED_TLS = Set.of("TLSv1.2", "TLSv1.3");

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        try {
            Config config = args.length > 0
                    ? SsoConfigLoader.file(Path.of(args[0]), System.getenv())
                    : SsoConfigLoader.application(System.getenv());
            WebServer server = start(config);
            closeAfterStop(server, AccessLog.writeAsynchronously(System.err));
            System.out.println(baseUri(server, config));
        } catch (SsoConfigException e) {
            System.err.println("sso: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            // A StartFailure (the port is taken, say) or a setting Helidon refused: one line, no stack trace.
            System.err.println("sso: could not start: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            System.exit(2);
        }
    }

    /**
     * On JVM shutdown, waits (up to 30 s) until the server's own shutdown hook has stopped it, so in-flight requests
     * have logged, then closes {@code resource} (the asynchronous access log writes what it still holds).
     */
    public static void closeAfterStop(WebServer server, AutoCloseable resource) {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (server.isRunning() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    break;
                }
            }
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("sso: could not close " + resource + ": " + e.getClass().getSimpleName());
            }
        }));
    }

    /** Starts a server from config: validates it, wires secret reloading, binds, returns once listening. */
    public static WebServer start(Config config) {
        return start(config, System.getenv());
    }

    /** As {@link #start(Config)}; {@code env} supplies the Redis password ({@value RedisSettings#PASSWORD_ENV}). */
    public static WebServer start(Config config, java.util.Map<String, String> env) {
        SsoConfig sso = SsoConfig.from(config, env);
        SsoComponents components = SsoComponents.create(sso, Clock.systemUTC());
        reloadSecretsOnChange(config, components.secrets(), sso.demo());
        if (components.replayStore() instanceof AutoCloseable closeable) {
            ReplayStore.Health health = components.replayStore().health();
            if (!health.up()) {
                // Start anyway: /sso answers 503 until the store is reachable, then recovers by itself.
                LOG.log(Level.WARNING, "replay store not reachable at start (" + health.detail()
                        + "); /sso answers 503 until it is");
            }
            WebServer server;
            try {
                server = start(config, sso, components);
            } catch (RuntimeException e) {
                closeQuietly(closeable); // its connections would outlive the failed start
                throw e;
            }
            closeAfterStop(server, closeable);
            return server;
        }
        return start(config, sso, components);
    }

    static WebServer start(Config config, SsoConfig sso, SsoComponents components) {
        if (sso.accessLogLevel() != null) {
            AccessLog.level(sso.accessLogLevel());
        }
        WebServerConfig.Builder server = WebServer.builder();
        configureServer(server, config.get("server"));
        Duration requestTimeout = SlowClientGuard.requestTimeout(config);
        SlowClientGuard.apply(server, config.get("server"), requestTimeout);
        // /observe/metrics: Helidon's metrics observer over the global registry that SsoMetrics writes to.
        server.addFeature(ObserveFeature.just(MetricsObserver.create()));
        WebServerConfig listeners = server.routing(routing -> routing(routing, components, requestTimeout))
                .buildPrototype();
        if (sso.demo() || SsoConfig.isDemoKey(sso.signingKeyBytes())) {
            // Checked on the very settings the server is created from, before any socket binds: no window in which
            // the public key answers on a public interface.
            requireLoopback(listeners);
        }
        // A listener that cannot bind is a StartFailure (Helidon itself would only log it and return).
        return com.hubble.kit.reference.ServerStart.start(WebServer.create(listeners));
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "could not close " + resource + ": " + e.getClass().getSimpleName());
        }
    }

    /** The routes, shared by production and {@code @ServerTest} tests. */
    public static void routing(HttpRouting.Builder routing, Config config) {
        routing(routing, SsoComponents.create(SsoConfig.from(config), Clock.systemUTC()));
    }

    /** The routes over explicit components (your own TokenVerifier, UserDirectory, ReplayStore). */
    public static void routing(HttpRouting.Builder routing, SsoComponents components) {
        routing(routing, components, SlowClientGuard.DEFAULT_REQUEST_TIMEOUT);
    }

    /** As above; an unread request body is read for at most {@code requestTimeout} after the response. */
    static void routing(HttpRouting.Builder routing, SsoComponents components, Duration requestTimeout) {
        // Outermost, so that the access log's duration stops when the answer is sent, not when the drain ends.
        routing.addFilter(SlowClientGuard.drainUnreadBody(requestTimeout))
                .addFilter(new AccessLog(components.secrets()))
                .addFilter(new SsoMetrics(components.replayStore()))
                .register("/sso", new SsoService(components))
                .get("/observe/health", (req, res) -> JsonResponses.health(res, components.replayStore().health()))
                .any((req, res) -> {
                    if (req.path().path().startsWith("/observe/metrics")) {
                        res.next(); // served by the metrics observer, whose routes come after these
                        return;
                    }
                    JsonResponses.error(res, Status.NOT_FOUND_404, "not_found", "No such resource.");
                })
                .error(Throwable.class, (req, res, error) -> {
                    LOG.log(Level.ERROR, "unhandled " + error.getClass().getName() + " on " + LogText.escape(req.path().path()));
                    if (!res.isSent()) {
                        JsonResponses.error(res, Status.INTERNAL_SERVER_ERROR_500, "internal_error",
                                "The server could not handle the request.");
                    }
                });
    }

    /** Listener settings from {@code server.*}: host, port, TLS (1.2+ only), JSON bodies for transport errors. */
    static void configureServer(WebServerConfig.Builder server, Config serverConfig) {
        server.config(serverConfig);
        server.featuresDiscoverServices(false);
        server.shutdownHook(true);
        Config tls = serverConfig.get("tls");
        if (tls.exists() && tls.get("enabled").asBoolean().orElse(true)) {
            List<String> protocols = tls.get("protocols").exists()
                    ? tls.get("protocols").asList(String.class).get()
                    : List.of("TLSv1.3", "TLSv1.2");
            for (String protocol : protocols) {
                if (!ALLOWED_TLS.contains(protocol)) {
                    throw new SsoConfigException("server.tls.protocols may list only TLSv1.2 and TLSv1.3, not " + protocol);
                }
            }
            server.tls(TlsConfig.builder().config(tls).enabledProtocols(protocols).build());
        }
        server.directHandlers(DirectHandlers.builder()
                .defaults(DirectHandlers.builder().build())
                .addHandler(DirectHandler.EventType.BAD_REQUEST, Main::transportError)
                .addHandler(DirectHandler.EventType.PAYLOAD_TOO_LARGE, Main::transportError)
                .addHandler(DirectHandler.EventType.INTERNAL_ERROR, Main::transportError)
                .addHandler(DirectHandler.EventType.OTHER, Main::transportError)
                .build());
    }

    /** Errors Helidon answers before routing (a malformed request line, oversized headers): JSON, no details. */
    private static DirectHandler.TransportResponse transportError(DirectHandler.TransportRequest request,
                                                                  DirectHandler.EventType type, Status status,
                                                                  io.helidon.http.ServerResponseHeaders headers,
                                                                  String message) {
        return DirectHandler.TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, JsonResponses.CONTENT_TYPE)
                .entity("{\"error\":\"bad_request\",\"message\":\"The request could not be read.\"}")
                .build();
    }

    /**
     * Refuses to serve the public demo key anywhere but loopback: every listener (the default socket and each of
     * {@code server.sockets}) is checked at the address it binds, which is {@code bind-address} when set (it wins
     * over {@code host}) and {@code host} otherwise, exactly as Helidon's listener resolves it.
     */
    static void requireLoopback(WebServerConfig server) {
        java.util.Map<String, io.helidon.webserver.ListenerConfig> listeners = new java.util.LinkedHashMap<>();
        listeners.put(WebServer.DEFAULT_SOCKET_NAME, server);
        listeners.putAll(server.sockets());
        listeners.forEach((name, listener) -> {
            InetSocketAddress bound = boundAddress(listener);
            if (bound.isUnresolved() || !bound.getAddress().isLoopbackAddress()) {
                throw new SsoConfigException("the demo configuration refuses to listen on " + bound.getHostString()
                        + " (socket " + name + ", from server.host or server.bind-address; env SERVER_HOST or "
                        + "SERVER_BIND_dash_ADDRESS): it signs tokens with a public key, so it binds loopback only. "
                        + "Use 127.0.0.1, or pass --config FILE with your own keys.");
            }
        });
    }

    /** The address a listener binds: {@code bind-address} when set, else {@code host} and {@code port}. */
    private static InetSocketAddress boundAddress(io.helidon.webserver.ListenerConfig listener) {
        java.net.SocketAddress address = com.hubble.kit.reference.ServerStart.boundAddress(listener);
        if (address instanceof InetSocketAddress inet) {
            return inet;
        }
        throw new SsoConfigException("server.bind-address must be an IP address and port, not " + address);
    }

    /** A changed secret list is held to the rules of startup; a refused one leaves the accepted list as it was. */
    static void reloadSecretsOnChange(Config config, SharedSecrets secrets, boolean demo) {
        config.get("app.sso.secrets").onChange(node -> {
            List<com.hubble.kit.reference.Secret> fresh;
            try {
                fresh = SsoConfig.secrets(node);
                if (fresh.isEmpty()) {
                    throw new SsoConfigException("app.sso.secrets became empty");
                }
                SsoConfig.requireStrongSecrets(fresh, demo);
            } catch (SsoConfigException | io.helidon.config.ConfigException e) {
                // Both messages name the key and the rule, never a value.
                LOG.log(Level.WARNING, "app.sso.secrets change refused, still accepting the previous " + secrets.count()
                        + " secret(s): " + (e instanceof SsoConfigException ? e.getMessage() : "the list could not be read"));
                return;
            }
            secrets.replace(fresh);
            LOG.log(Level.INFO, "app.sso.secrets reloaded: " + fresh.size() + " accepted secret(s)");
        });
    }

    /**
     * {@code http(s)://host:port} of a started server's default socket, no trailing slash: the address it bound
     * ({@code bind-address} or {@code host}), with a wildcard shown as 127.0.0.1, and the port it got.
     */
    public static String baseUri(WebServer server) {
        InetAddress address = boundAddress(server.prototype()).getAddress();
        String host = address == null || address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host.replaceFirst("%.*$", "") + "]";
        }
        return (server.hasTls() ? "https" : "http") + "://" + host + ":" + server.port();
    }

    /** As {@link #baseUri(WebServer)}; the config is not needed (the server knows where it bound). */
    public static String baseUri(WebServer server, Config config) {
        return baseUri(server);
    }
}
