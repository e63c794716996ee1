package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;

/**
 * Slow clients (slowloris) over real sockets: a connection that never finishes its request is closed in bounded
 * time, whatever part it withholds, while other clients keep being served.
 */
class SlowClientTest {
    /** The deadlines under test, short so that the test is quick; the bound allows for a loaded machine. */
    private static final Map<String, String> SHORT_LIMITS = Map.of(
            "app.sso.request.timeout", "2",
            "server.idle-connection-timeout", "PT2S",
            "server.idle-connection-period", "PT1S");
    private static final Duration BOUND = Duration.ofSeconds(12);
    private static final Duration GIVE_UP = Duration.ofSeconds(20);

    /** How a slow client opens its request, and what it trickles afterwards (null: nothing at all). */
    enum Slowness {
        REQUEST_LINE("POST /ss", "o"),
        HEADERS_TRICKLED("GET /observe/health HTTP/1.1\r\nHost: localhost\r\n", "X-Slow: 1\r\n"),
        HEADERS_WITHHELD("GET /observe/health HTTP/1.1\r\nHost: localhost\r\n", null),
        BODY_TRICKLED("POST /sso HTTP/1.1\r\nHost: localhost\r\nX-Hubble-Secret: " + SsoFixtures.CURRENT.reveal()
                + "\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{", " "),
        BODY_LEFT_UNREAD("POST /sso HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100000\r\n\r\n{", " ");

        final String opening;
        final String trickle;

        Slowness(String opening, String trickle) {
            this.opening = opening;
            this.trickle = trickle;
        }
    }

    @Test
    void everyKindOfSlowConnectionIsClosedInBoundedTimeWhileHealthKeepsAnswering() throws Exception {
        WebServer server = Main.start(SsoFixtures.testConfig(SHORT_LIMITS));
        ExecutorService slow = Executors.newVirtualThreadPerTaskExecutor();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            Map<String, Future<Duration>> closed = new ConcurrentHashMap<>();
            for (Slowness kind : Slowness.values()) {
                for (int i = 0; i < 4; i++) {
                    closed.put(kind + "#" + i, slow.submit(() -> holdOpen(server.port(), kind)));
                }
            }
            List<Integer> healthStatuses = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < end) {
                HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/observe/health"))
                        .timeout(Duration.ofSeconds(2)).build();
                healthStatuses.add(http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode());
                Thread.sleep(200);
            }
            assertTrue(healthStatuses.size() >= 5 && healthStatuses.stream().allMatch(s -> s == 200),
                    "health while slow clients held connections: " + healthStatuses);

            List<String> tooSlow = new ArrayList<>();
            for (Map.Entry<String, Future<Duration>> entry : new java.util.TreeMap<>(closed).entrySet()) {
                Duration held = entry.getValue().get();
                if (held.compareTo(BOUND) > 0) {
                    tooSlow.add(entry.getKey() + (held.compareTo(GIVE_UP) >= 0 ? " still open after " : " closed after ")
                            + held.toMillis() + " ms");
                }
            }
            assertTrue(tooSlow.isEmpty(), "slow connections not closed within " + BOUND.toSeconds() + " s: " + tooSlow);
        } finally {
            slow.shutdownNow();
            server.stop();
        }
    }

    @Test
    void aClientBeyondTheConnectionLimitIsServedOnceTheGuardClosesTheSlowConnectionsHoldingIt() throws Exception {
        Map<String, String> limits = new java.util.HashMap<>(SHORT_LIMITS);
        limits.put("server.max-tcp-connections", "4");
        WebServer server = Main.start(SsoFixtures.testConfig(limits));
        ExecutorService slow = Executors.newVirtualThreadPerTaskExecutor();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            List<Future<Duration>> held = new ArrayList<>();
            CountDownLatch opened = new CountDownLatch(4);
            long start = System.nanoTime(); // before any slow connection opened: none is closed as idle before start + 2 s
            for (int i = 0; i < 4; i++) {
                held.add(slow.submit(() -> holdOpen(server.port(), Slowness.HEADERS_WITHHELD, opened)));
            }
            // Not a fixed pause (300 ms raced the slow connections on a loaded machine): once they are connected, the
            // server accepts them before the health call, whose connection queues behind theirs.
            assertTrue(opened.await(10, TimeUnit.SECONDS), "the slow connections never opened");
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/observe/health"))
                    .timeout(BOUND).build();

            int status = http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode();

            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(200, status);
            // Served neither at once (the 4 slow connections held every slot until the guard closed one, 2 s idle after
            // it opened) nor never (the guard freed them).
            assertTrue(waited.compareTo(Duration.ofMillis(1_500)) >= 0, "served " + waited.toMillis()
                    + " ms after the slow connections started to open");
            for (Future<Duration> connection : held) {
                assertTrue(connection.get().compareTo(BOUND) <= 0, "a slow connection held " + connection.get());
            }
        } finally {
            slow.shutdownNow();
            server.stop();
        }
    }

    @Test
    void theLimitsDefaultToBoundedValuesWhereTheConfigIsSilent() {
        WebServer server = Main.start(SsoFixtures.testConfig());
        try {
            assertEquals(SlowClientGuard.DEFAULT_IDLE_TIMEOUT, server.prototype().idleConnectionTimeout());
            assertEquals(SlowClientGuard.DEFAULT_IDLE_PERIOD, server.prototype().idleConnectionPeriod());
            assertEquals(SlowClientGuard.DEFAULT_MAX_CONNECTIONS, server.prototype().maxTcpConnections());
        } finally {
            server.stop();
        }
    }

    @Test
    void theConfigOverridesEachDefault() {
        WebServer server = Main.start(SsoFixtures.testConfig(Map.of(
                "server.idle-connection-timeout", "PT45S",
                "server.idle-connection-period", "PT3S",
                "server.max-tcp-connections", "77")));
        try {
            assertEquals(Duration.ofSeconds(45), server.prototype().idleConnectionTimeout());
            assertEquals(Duration.ofSeconds(3), server.prototype().idleConnectionPeriod());
            assertEquals(77, server.prototype().maxTcpConnections());
        } finally {
            server.stop();
        }
    }

    @Test
    void keepsTheHttp1SettingsOfTheConfig() throws Exception {
        WebServer server = Main.start(SsoFixtures.testConfig(Map.of("server.protocols.http_1_1.max-prologue-length", "64")));
        try (HttpClient http = HttpClient.newHttpClient()) {
            String longPath = "/observe/health?" + "x".repeat(100);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + longPath))
                    .timeout(Duration.ofSeconds(10)).build();

            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();

            assertTrue(status == 400 || status == 414, "a request line over max-prologue-length got " + status);
        } finally {
            server.stop();
        }
    }

    @Test
    void refusesARequestTimeoutOutsideItsRange() {
        SsoConfigException e = org.junit.jupiter.api.Assertions.assertThrows(SsoConfigException.class,
                () -> Main.start(SsoFixtures.testConfig(Map.of("app.sso.request.timeout", "0"))).stop());
        assertTrue(e.getMessage().contains("app.sso.request.timeout"), e.getMessage());
    }

    @Test
    void theRequestTimeoutIsSetByTheEnvironmentVariableSsoMdNames() {
        var config = SsoConfigLoader.demo(Map.of("HUBBLE_SECRET", "s3cret", "APP_SSO_REQUEST_TIMEOUT", "301"), true);

        assertEquals(301, config.get("app.sso.request.timeout").asInt().orElse(-1));
        SsoConfigException e = org.junit.jupiter.api.Assertions.assertThrows(SsoConfigException.class,
                () -> Main.start(config).stop());
        assertTrue(e.getMessage().contains("APP_SSO_REQUEST_TIMEOUT"), e.getMessage());
    }

    /**
     * Opens a connection, sends the opening, then trickles one piece every 300 ms (reading whatever comes back),
     * until the server closes the connection; returns how long it stayed open, at most {@link #GIVE_UP}.
     */
    private static Duration holdOpen(int port, Slowness kind) throws IOException {
        return holdOpen(port, kind, new CountDownLatch(1));
    }

    /** As above, counting {@code opened} down once the opening is sent. */
    private static Duration holdOpen(int port, Slowness kind, CountDownLatch opened) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(300);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(kind.opening.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            opened.countDown();
            byte[] buffer = new byte[4096];
            while (System.nanoTime() - start < GIVE_UP.toNanos()) {
                try {
                    if (in.read(buffer) < 0) {
                        break; // closed by the server
                    }
                } catch (SocketTimeoutException quiet) {
                    if (kind.trickle != null) {
                        out.write(kind.trickle.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                }
            }
        } catch (IOException closedWhileWriting) {
            // a reset or broken pipe: the server closed it
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
