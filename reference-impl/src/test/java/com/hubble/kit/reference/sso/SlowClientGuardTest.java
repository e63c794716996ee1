package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.helidon.common.socket.HelidonSocket;
import io.helidon.webserver.ConnectionContext;

/** The guard's deadlines on a clock the test turns: when a sweep closes a connection, and when it leaves it. */
class SlowClientGuardTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final AtomicLong now = new AtomicLong();
    private final SlowClientGuard guard = new SlowClientGuard(TIMEOUT, now::get);

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

    private void at(Duration time) {
        now.set(time.toNanos());
    }

    @Test
    void aSweepClosesAConnectionOnceItsRequestHasBeenUnderWayForTheTimeout() {
        Connection slow = Connection.open();
        guard.prologue(slow.context(), null);
        at(TIMEOUT.minusNanos(1));
        guard.sweep();
        assertEquals(0, slow.closes().get(), "still within its deadline");
        at(TIMEOUT);
        guard.sweep();
        assertEquals(1, slow.closes().get());
        at(TIMEOUT.multipliedBy(3));
        guard.sweep();
        assertEquals(1, slow.closes().get(), "a closed connection is forgotten, not closed again");
    }

    @Test
    void aConnectionWhoseResponseStartedIsLeftOpen() {
        Connection served = Connection.open();
        guard.prologue(served.context(), null);
        at(Duration.ofSeconds(1));
        guard.status(served.context(), null);
        at(TIMEOUT.multipliedBy(2));
        guard.sweep();
        assertEquals(0, served.closes().get());
    }

    @Test
    void eachRequestOnAKeptAliveConnectionHasItsOwnDeadline() {
        Connection kept = Connection.open();
        guard.prologue(kept.context(), null);
        at(Duration.ofSeconds(1));
        guard.status(kept.context(), null);
        at(Duration.ofSeconds(8));
        guard.prologue(kept.context(), null);
        at(TIMEOUT.plusSeconds(1));
        guard.sweep();
        assertEquals(0, kept.closes().get(), "the second request began 3 s ago");
        at(Duration.ofSeconds(18));
        guard.sweep();
        assertEquals(1, kept.closes().get());
    }

    @Test
    void onlyTheSlowConnectionOfSeveralIsClosed() {
        Connection slow = Connection.open();
        Connection quick = Connection.open();
        guard.prologue(slow.context(), null);
        at(Duration.ofSeconds(5));
        guard.prologue(quick.context(), null);
        at(TIMEOUT);
        guard.sweep();
        assertEquals(1, slow.closes().get());
        assertEquals(0, quick.closes().get());
    }

    @Test
    void theDeadlinesAreSweptEveryTenthOfTheTimeoutAndAtLeastTwiceASecond() {
        assertEquals(Duration.ofMillis(100), SlowClientGuard.sweepPeriod(Duration.ofSeconds(1)));
        assertEquals(SlowClientGuard.MAX_SWEEP_PERIOD, SlowClientGuard.sweepPeriod(Duration.ofSeconds(10)));
        assertEquals(SlowClientGuard.MAX_SWEEP_PERIOD, SlowClientGuard.sweepPeriod(Duration.ofSeconds(300)));
    }
}
