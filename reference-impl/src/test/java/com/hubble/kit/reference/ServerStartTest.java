package com.hubble.kit.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.hubble.kit.reference.sandbox.Sandbox;
import com.hubble.kit.reference.sandbox.SandboxSettings;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A server that cannot listen is a StartFailure saying where and why, with nothing running and nothing logged. */
class ServerStartTest {
    private final Logger root = Logger.getLogger("");
    private final List<LogRecord> severe = new CopyOnWriteArrayList<>();
    private final Handler collector = new Handler() {
        @Override
        public void publish(LogRecord logRecord) {
            if (logRecord.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(logRecord);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void collectSevereRecords() {
        root.addHandler(collector);
    }

    @AfterEach
    void stopCollecting() {
        root.removeHandler(collector);
    }

    private static ServerSocket holdALoopbackPort() throws Exception {
        return new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    }

    private static WebServer server(String host, int port) {
        return WebServer.builder().host(host).port(port).shutdownHook(false)
                .routing(routing -> routing.get("/", (req, res) -> res.send("ok"))).build();
    }

    @Test
    void aPortHeldByAnotherSocketIsAStartFailureInUseNamingHostAndPortWithNothingLogged() throws Exception {
        try (ServerSocket held = holdALoopbackPort()) {
            WebServer server = server("127.0.0.1", held.getLocalPort());

            StartFailure failure = assertThrows(StartFailure.class, () -> ServerStart.start(server));

            assertEquals(StartFailure.Reason.IN_USE, failure.reason());
            assertEquals("127.0.0.1", failure.host());
            assertEquals(held.getLocalPort(), failure.port());
            assertEquals("port " + held.getLocalPort() + " on 127.0.0.1 is already in use", failure.getMessage());
            assertFalse(server.isRunning());
            assertEquals(List.of(), severe.stream().map(LogRecord::getMessage).toList(), "Helidon's SEVERE records held back");
        }
    }

    @Test
    void theSandboxOnAHeldPortIsAStartFailureInUse() throws Exception {
        try (ServerSocket held = holdALoopbackPort()) {
            StartFailure failure = assertThrows(StartFailure.class,
                    () -> Sandbox.start(SandboxSettings.defaults(), held.getLocalPort()).close());

            assertEquals(StartFailure.Reason.IN_USE, failure.reason());
            assertEquals(held.getLocalPort(), failure.port());
        }
    }

    @Test
    void withSeveralListenersTheFailureNamesTheOneThatCannotBind() throws Exception {
        try (ServerSocket held = holdALoopbackPort()) {
            WebServer server = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                    .putSocket("admin", socket -> socket.host("127.0.0.1").port(held.getLocalPort()))
                    .routing(routing -> routing.get("/", (req, res) -> res.send("ok"))).build();

            StartFailure failure = assertThrows(StartFailure.class, () -> ServerStart.start(server));

            assertEquals(StartFailure.Reason.IN_USE, failure.reason());
            assertEquals(held.getLocalPort(), failure.port());
            assertFalse(server.isRunning());
        }
    }

    @Test
    void anAddressThatIsNotThisMachinesIsAStartFailureAddressNotLocal() {
        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never assigned to a real interface.
        StartFailure failure = assertThrows(StartFailure.class, () -> ServerStart.start(server("192.0.2.1", 8080)));

        assertEquals(StartFailure.Reason.ADDRESS_NOT_LOCAL, failure.reason());
        assertEquals("192.0.2.1", failure.host());
        assertEquals(8080, failure.port());
    }

    @Test
    void aServerThatCanListenIsReturnedRunningOnItsPort() throws Exception {
        WebServer server = ServerStart.start(server("127.0.0.1", 0));
        try {
            assertTrue(server.isRunning());
            assertTrue(server.port() > 0, "port " + server.port());
        } finally {
            server.stop();
        }
    }

    @Test
    void theOperatingSystemsReasonIsFoundThroughWrappingExceptions() {
        assertEquals(StartFailure.Reason.NOT_PERMITTED, StartFailure.reasonOf(wrapped(new BindException("Permission denied"))));
        assertEquals(StartFailure.Reason.IN_USE, StartFailure.reasonOf(wrapped(new BindException("Address already in use"))));
        assertEquals(StartFailure.Reason.ADDRESS_NOT_LOCAL,
                StartFailure.reasonOf(wrapped(new BindException("Cannot assign requested address"))));
        assertEquals(StartFailure.Reason.OTHER, StartFailure.reasonOf(wrapped(new java.io.IOException("Permission denied"))));
        assertEquals(StartFailure.Reason.OTHER, StartFailure.reasonOf(null));
    }

    @Test
    void anotherFailuresDetailNeverShowsALibrarysMessage() {
        IllegalStateException library = new IllegalStateException("keystore password hunter2 was wrong");
        library.setStackTrace(new StackTraceElement[] {new StackTraceElement("io.helidon.common.tls.Tls", "load", null, 1)});

        assertEquals("IllegalStateException", StartFailure.detailOf(wrapped(library)));
        assertEquals("BindException: Address family not supported",
                StartFailure.detailOf(wrapped(new BindException("Address family not supported"))));
    }

    private static Exception wrapped(Exception cause) {
        return new ExecutionException(new java.io.UncheckedIOException("Failed to start server",
                cause instanceof java.io.IOException io ? io : new java.io.IOException(cause)));
    }

    @Test
    void aFailureOnAnotherThreadIsStillLogged() throws Exception {
        // The hold-back is for the starting thread only: Helidon's SEVERE records elsewhere still reach the log.
        try (ServerSocket held = holdALoopbackPort()) {
            assertThrows(StartFailure.class, () -> ServerStart.start(server("127.0.0.1", held.getLocalPort())));
        }
        Thread other = Thread.ofPlatform().start(() -> System.getLogger("io.helidon.webserver.LoomServer")
                .log(System.Logger.Level.ERROR, "a listener failed later"));
        other.join();

        assertEquals(List.of("a listener failed later"), severe.stream().map(LogRecord::getMessage).toList());
    }
}
