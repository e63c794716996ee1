package com.hubble.kit.reference.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.reference.sandbox.BrandCatalogue;
import com.hubble.kit.reference.sandbox.FaultPlan;
import com.hubble.kit.reference.sandbox.MutableClock;
import com.hubble.kit.reference.sandbox.RecordedExchange;
import com.hubble.kit.reference.sandbox.Sandbox;
import com.hubble.kit.reference.sandbox.SandboxSettings;
import com.hubble.kit.reference.sandbox.SandboxState;
import com.hubble.kit.reference.sandbox.TokenStatus;

import org.junit.jupiter.api.Test;

class HubbleClientTest {

    @Test
    void logsInOnceAndReusesTheTokenForEveryCall() {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults());
             HubbleClient client = clientFor(sandbox)) {
            client.listProducts(ProductQuery.page(1, 5));
            client.listProducts(ProductQuery.page(2, 5));
            client.getProduct(client.listProducts(ProductQuery.all()).data().getFirst().id());
            assertEquals(1, logins(sandbox).size());
            Set<String> tokenIds = new HashSet<>();
            calls(sandbox).forEach(e -> tokenIds.add(e.authorization().orElseThrow().tokenId().orElseThrow()));
            assertEquals(Set.of(logins(sandbox).getFirst().issuedTokenId().orElseThrow()), tokenIds);
        }
    }

    @Test
    void sendsAJsonLoginAndABearerTokenWithAFreshUuidRequestIdOnEveryCall() {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults());
             HubbleClient client = clientFor(sandbox)) {
            for (int i = 0; i < 4; i++) {
                client.listProducts(ProductQuery.all());
            }
            RecordedExchange login = logins(sandbox).getFirst();
            assertEquals("POST", login.method());
            assertEquals("/v1/partners/auth/login", login.path());
            assertTrue(login.contentType().orElseThrow().startsWith("application/json"));
            Set<String> ids = new HashSet<>();
            for (RecordedExchange call : calls(sandbox)) {
                assertTrue(call.authorization().orElseThrow().isBearer());
                String id = call.requestId().orElseThrow();
                UUID.fromString(id);
                ids.add(id);
            }
            assertEquals(4, ids.size());
        }
    }

    @Test
    void replacesTheTokenOnceEightyPercentOfItsLifetimeHasPassed() {
        MutableClock clock = new MutableClock(Instant.now());
        try (Sandbox sandbox = Sandbox.start(new SandboxState(SandboxSettings.defaults().withTokenLifetimeSecs(100),
                clock, BrandCatalogue.bundled()), 0);
             HubbleClient client = new HubbleClient(settingsFor(sandbox), clock)) {
            client.listProducts(ProductQuery.all());
            clock.advance(Duration.ofSeconds(79));
            client.listProducts(ProductQuery.all());
            assertEquals(1, logins(sandbox).size(), "still inside 80% of the lifetime");
            clock.advance(Duration.ofSeconds(2));
            client.listProducts(ProductQuery.all());
            assertEquals(2, logins(sandbox).size(), "past 80% of the lifetime");
            assertTrue(calls(sandbox).stream()
                    .allMatch(e -> e.authorization().orElseThrow().status() == TokenStatus.LIVE));
        }
    }

    @Test
    void acceptsExpiresInSecsSentAsAString() {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults().withLifetimeAsString(true));
             HubbleClient client = clientFor(sandbox)) {
            assertEquals(3600, client.login().expiresInSecs());
        }
    }

    @Test
    void logsInAgainAndRetriesOnceWhenATokenIsRevoked() {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults()
                .withFaults(FaultPlan.NONE.withRevokeTokenAtCall(2)));
             HubbleClient client = clientFor(sandbox)) {
            client.listProducts(ProductQuery.page(1, 3));
            ProductsPage page = client.listProducts(ProductQuery.page(2, 3));
            assertEquals(3, page.data().size());
            List<String> trace = sandbox.exchanges().stream()
                    .map(e -> e.method() + " " + e.path() + " " + e.status()).toList();
            assertEquals(List.of("POST /v1/partners/auth/login 200", "GET /v1/partners/products 200",
                    "GET /v1/partners/products 401", "POST /v1/partners/auth/login 200",
                    "GET /v1/partners/products 200"), trace);
        }
    }

    @Test
    void twentyCallsRacingAnExpiredTokenCauseExactlyOneLogin() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (Sandbox sandbox = Sandbox.start(new SandboxState(SandboxSettings.defaults(), clock,
                BrandCatalogue.bundled()), 0);
             HubbleClient client = new HubbleClient(settingsFor(sandbox), clock)) {
            client.listProducts(ProductQuery.all());
            clock.advance(Duration.ofSeconds(3601));
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 20; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        start.await();
                        client.listProducts(ProductQuery.all());
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            start.countDown();
            for (Thread thread : threads) {
                assertTrue(thread.join(Duration.ofSeconds(30)), "a racing call did not finish");
            }
            assertEquals(List.of(), failures);
            assertEquals(2, logins(sandbox).size(), "the first login and exactly one refresh");
            assertEquals(21, calls(sandbox).size());
            assertTrue(calls(sandbox).stream()
                    .allMatch(e -> e.authorization().orElseThrow().status() == TokenStatus.LIVE),
                    "no call carried the expired token");
        }
    }

    @Test
    void failsWithHubblesErrorEnvelopeAndTheRequestIdButNotTheSecret() {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults());
             HubbleClient client = new HubbleClient(ClientSettings.of(sandbox.baseUri(), "test-client-id",
                     Secret.of("not-the-secret-77")), java.time.Clock.systemUTC())) {
            HubbleApiException failure = assertThrows(HubbleApiException.class, client::login);
            assertEquals(401, failure.status());
            assertEquals("UNAUTHORIZED", failure.error().orElseThrow().code());
            assertEquals(failure.requestId(), failure.error().orElseThrow().requestId());
            assertEquals(failure.requestId(), logins(sandbox).getFirst().requestId().orElseThrow());
            assertTrue(failure.getMessage().contains(failure.requestId()));
            assertFalse(failure.getMessage().contains("not-the-secret-77"));
        }
    }

    @Test
    void surfacesA429WithItsRetryAfterInsteadOfRetrying() {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults()
                .withFaults(FaultPlan.NONE.withThrottleAtCall(1, 7)));
             HubbleClient client = clientFor(sandbox)) {
            HubbleApiException failure = assertThrows(HubbleApiException.class,
                    () -> client.listProducts(ProductQuery.all()));
            assertEquals(429, failure.status());
            assertEquals(java.util.Optional.of(Duration.ofSeconds(7)), failure.retryAfter());
            assertEquals(1, calls(sandbox).size(), "no automatic retry of a 429");
        }
    }

    @Test
    void reportsAnUnknownBrandAsATypedErrorWithHubblesCode() {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults());
             HubbleClient client = clientFor(sandbox)) {
            HubbleApiException failure = assertThrows(HubbleApiException.class,
                    () -> client.getProduct("no-such-brand"));
            assertEquals(404, failure.status());
            assertEquals("E100", failure.error().orElseThrow().code());
        }
    }

    @Test
    void logsEveryRequestIdWithItsOutcomeAndNeverTheToken() {
        Logger logger = Logger.getLogger(HubbleClient.class.getName());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults());
             HubbleClient client = clientFor(sandbox)) {
            String token = client.login().token().reveal();
            client.listProducts(ProductQuery.all());
            String logged = String.join("\n", records.stream()
                    .map(r -> new java.util.logging.SimpleFormatter().formatMessage(r)).toList());
            for (RecordedExchange exchange : sandbox.exchanges()) {
                String id = exchange.requestId().orElseThrow();
                assertTrue(logged.contains(id + "]"), "request id " + id + " logged");
            }
            assertTrue(logged.contains("-> 200"));
            assertFalse(logged.contains(token), "the token was logged");
            assertFalse(logged.contains("test-client-secret"), "the secret was logged");
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(previous);
        }
    }

    static HubbleClient clientFor(Sandbox sandbox) {
        return HubbleClient.create(settingsFor(sandbox));
    }

    static ClientSettings settingsFor(Sandbox sandbox) {
        return ClientSettings.of(sandbox.baseUri(), SandboxSettings.DEFAULT_CLIENT_ID,
                Secret.of(SandboxSettings.DEFAULT_CLIENT_SECRET));
    }

    static List<RecordedExchange> logins(Sandbox sandbox) {
        return sandbox.exchanges().stream().filter(RecordedExchange::isLogin).toList();
    }

    static List<RecordedExchange> calls(Sandbox sandbox) {
        return sandbox.exchanges().stream().filter(RecordedExchange::isAuthenticatedCall).toList();
    }
    /** A raw loopback server: for each connection, reads the request head and hands the socket's output to {@code answer}. */
    private static java.net.ServerSocket rawServer(java.util.function.Consumer<java.io.OutputStream> answer) throws Exception {
        java.net.ServerSocket listener = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try (java.net.Socket socket = listener.accept()) {
                    socket.getInputStream().read(new byte[8192]);
                    answer.accept(socket.getOutputStream());
                } catch (java.io.IOException | RuntimeException e) {
                    // the client hung up, or the listener closed
                }
            }
        });
        return listener;
    }

    @Test
    void aDrippingLoginBodyEndsAtTheTimeoutAsAFailureNotAHang() throws Exception {
        try (java.net.ServerSocket listener = rawServer(out -> {
            try {
                out.write("HTTP/1.1 401 Unauthorized\r\nContent-Length: 100000\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                for (int i = 0; i < 100_000; i++) { // one byte every 100 ms: each read succeeds, the body takes hours
                    out.write(' ');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (java.io.IOException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        })) {
            ClientSettings settings = new ClientSettings(java.net.URI.create("http://127.0.0.1:" + listener.getLocalPort()),
                    "id", Secret.of("a-secret-value"), ClientSettings.RECOMMENDED_REFRESH_FRACTION, Duration.ofSeconds(2));
            long started = System.nanoTime();
            try (HubbleClient client = HubbleClient.create(settings)) {
                HubbleApiException e = assertThrows(HubbleApiException.class, client::login);
                assertEquals(401, e.status());
            }
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(15).toNanos(), "ends near the 2 s timeout");
        }
    }

    @Test
    void anEndlessBodyIsReadOnlyUpToItsCap() throws Exception {
        try (java.net.ServerSocket listener = rawServer(out -> {
            try {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                byte[] chunk = ("10000\r\n" + " ".repeat(0x10000) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                for (long sent = 0; sent < 4L << 30; sent += chunk.length) {
                    out.write(chunk);
                }
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
        })) {
            ClientSettings settings = ClientSettings.of(java.net.URI.create("http://127.0.0.1:" + listener.getLocalPort()),
                    "id", Secret.of("a-secret-value"));
            try (HubbleClient client = HubbleClient.create(settings)) {
                HubbleApiException e = assertThrows(HubbleApiException.class, client::login);
                assertEquals(200, e.status(), "a cut body of blanks holds no token: " + e.getMessage());
            }
        }
    }

    @Test
    void everyTokenALoginReturnsIsHandedToTheListenerBeforeItIsUsed() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults().withFaults(FaultPlan.NONE.withRevokeTokenAtCall(2)));
             HubbleClient client = new HubbleClient(settingsFor(sandbox), java.time.Clock.systemUTC(),
                     token -> seen.add(token.reveal()))) {
            for (int i = 0; i < 3; i++) {
                client.listProducts(ProductQuery.all());
            }
            List<String> issued = sandbox.state().tokens().issued().stream().map(t -> t.value().reveal()).toList();
            assertEquals(2, issued.size(), "the revoked token was replaced");
            assertEquals(issued, seen);
        }
    }
}
