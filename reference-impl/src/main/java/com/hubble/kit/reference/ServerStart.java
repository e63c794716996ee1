package com.hubble.kit.reference;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

/**
 * Starts a Helidon WebServer and throws a {@link StartFailure} when it does not listen. Helidon 4.5's
 * {@code WebServer.start()} does not throw when a listener cannot bind: it logs the failure with its stack trace
 * (SEVERE, on the thread that called start), stops the other listeners and returns a server that is not running,
 * whose port is -1. Those records are taken off the log here, on that thread only, and their cause reported instead.
 */
public final class ServerStart {
    /** Held: JUL keeps loggers weakly, and a collected logger forgets its filter. */
    private static final Logger LOOM_SERVER = Logger.getLogger("io.helidon.webserver.LoomServer");
    /** The SEVERE records logged while this thread runs {@link #start}; null on any other thread. */
    private static final ThreadLocal<List<LogRecord>> STARTING = new ThreadLocal<>();

    private ServerStart() {
    }

    /** Starts {@code server} and returns it listening, or stops it and throws. */
    public static WebServer start(WebServer server) {
        List<LogRecord> held = new ArrayList<>();
        takeStartFailuresOffTheLog();
        STARTING.set(held);
        RuntimeException thrown = null;
        try {
            server.start();
        } catch (RuntimeException e) {
            thrown = e;
        } finally {
            STARTING.remove();
        }
        if (thrown == null && server.isRunning()) {
            held.forEach(LOOM_SERVER::log); // it started after all: what it logged goes out as it would have
            return server;
        }
        List<Throwable> causes = new ArrayList<>();
        held.stream().map(LogRecord::getThrown).filter(java.util.Objects::nonNull).forEach(causes::add);
        if (thrown != null) {
            causes.add(thrown);
        }
        try {
            server.stop(); // nothing left running (non-daemon threads would keep the JVM alive)
        } catch (RuntimeException e) {
            // already stopped as far as it could be; the start failure is what matters
        }
        throw failure(server.prototype(), causes);
    }

    /** The address a listener binds: {@code bind-address} when set (Helidon's rule: it wins), else host and port. */
    public static SocketAddress boundAddress(ListenerConfig listener) {
        return listener.bindAddress().orElseGet(() -> new InetSocketAddress(listener.address(), listener.port()));
    }

    private static StartFailure failure(WebServerConfig server, List<Throwable> logged) {
        Map<String, SocketAddress> listeners = new LinkedHashMap<>();
        listeners.put(WebServer.DEFAULT_SOCKET_NAME, boundAddress(server));
        server.sockets().forEach((name, listener) -> listeners.put(name, boundAddress(listener)));
        Throwable cause = logged.isEmpty() ? null : logged.getFirst();
        if (listeners.size() == 1 && cause != null) {
            return StartFailure.of(listeners.values().iterator().next(), cause);
        }
        // Several listeners (Helidon's record names the failed one only in its text), or no record (logging not on
        // JUL): bind each address briefly, as Helidon does, to find the one that cannot be bound and why.
        for (SocketAddress address : listeners.values()) {
            IOException refused = tryBind(address);
            if (refused != null) {
                return StartFailure.of(address, refused);
            }
        }
        return StartFailure.of(listeners.get(WebServer.DEFAULT_SOCKET_NAME), cause);
    }

    private static IOException tryBind(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getPort() == 0) {
            return null; // a free port is always found
        }
        try (ServerSocketChannel channel = ServerSocketChannel.open()) {
            channel.bind(address);
            return null;
        } catch (IOException | RuntimeException e) {
            return e instanceof IOException io ? io : new IOException(e);
        }
    }

    /** Installs, once, the filter that holds back the SEVERE records of a thread inside {@link #start}. */
    private static synchronized void takeStartFailuresOffTheLog() {
        Filter current = LOOM_SERVER.getFilter();
        if (!(current instanceof StartFailureFilter)) {
            LOOM_SERVER.setFilter(new StartFailureFilter(current));
        }
    }

    private record StartFailureFilter(Filter next) implements Filter {
        @Override
        public boolean isLoggable(LogRecord logRecord) {
            List<LogRecord> held = STARTING.get();
            if (held != null && logRecord.getLevel().intValue() >= Level.SEVERE.intValue()) {
                held.add(logRecord);
                return false; // held until start returns: a failure is reported as one StartFailure
            }
            return next == null || next.isLoggable(logRecord);
        }
    }
}
