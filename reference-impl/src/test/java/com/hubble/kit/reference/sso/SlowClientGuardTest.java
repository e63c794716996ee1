package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.helidon.common.socket.HelidonSocket;
import io.helidon.webserver.ConnectionContext;

/**
 * The guard's deadlines: when a sweep closes a connection, and when it leaves it. Requests start now; the sweeps are
 * run at times the test chooses, relative to a moment taken before the requests began (so at or before their starts).
 */
class SlowClientGuardTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SlowClientGuard guard = new SlowClientGuard(TIMEOUT);
    private final long origin = System.nanoTime();

    /** A connection whose socket counts how often it was closed. */
    private record Connection(ConnectionContext context, AtomicInteger closes) {
        static Connection open() {
            AtomicInteger closes = new AtomicInteger();
            HelidonSocket socket = (HelidonSocket) Proxy.newProxyInstance(HelidonSocket.class.getClassLoader(),
                    new Class<?>[]{HelidonSocket.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "close" -> {
                            closes.incrementAndGet();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            ConnectionContext context = (ConnectionContext) Proxy.newProxyInstance(ConnectionContext.class.getClassLoader(),
                    new Class<?>[]{ConnectionContext.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "serverSocket" -> socket;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            return new Connection(context, closes);
        }
    }

    /** A sweep {@code time} after the origin: a request begun since then has been under way for at most that long. */
    private void sweepAt(Duration time) {
        guard.sweep(origin + time.toNanos());
    }

    /** A sweep {@code time} from now: every request begun so far has been under way for at least that long. */
    private void sweepIn(Duration time) {
        guard.sweep(System.nanoTime() + time.toNanos());
    }

    @Test
    void aSweepClosesAConnectionOnceItsRequestHasBeenUnderWayForTheTimeout() {
        Connection slow = Connection.open();
        guard.prologue(slow.context(), null);
        sweepAt(TIMEOUT.minusNanos(1));
        assertEquals(0, slow.closes().get(), "still within its deadline");
        sweepIn(TIMEOUT);
        assertEquals(1, slow.closes().get());
        sweepIn(TIMEOUT.multipliedBy(3));
        assertEquals(1, slow.closes().get(), "a closed connection is forgotten, not closed again");
    }

    @Test
    void aConnectionWhoseResponseStartedIsLeftOpen() {
        Connection served = Connection.open();
        guard.prologue(served.context(), null);
        guard.status(served.context(), null);
        sweepIn(TIMEOUT.multipliedBy(2));
        assertEquals(0, served.closes().get());
    }

    @Test
    void theNextRequestOnAKeptAliveConnectionIsGuardedAgain() {
        Connection kept = Connection.open();
        guard.prologue(kept.context(), null);
        guard.status(kept.context(), null);
        guard.prologue(kept.context(), null);
        sweepIn(TIMEOUT);
        assertEquals(1, kept.closes().get());
    }

    @Test
    void onlyTheSlowConnectionOfSeveralIsClosed() {
        Connection slow = Connection.open();
        Connection quick = Connection.open();
        guard.prologue(slow.context(), null);
        guard.prologue(quick.context(), null);
        guard.status(quick.context(), null);
        sweepIn(TIMEOUT);
        assertEquals(1, slow.closes().get());
        assertEquals(0, quick.closes().get());
    }
}
