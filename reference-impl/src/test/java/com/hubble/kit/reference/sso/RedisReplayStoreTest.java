package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.reference.sso.ReplayStore.Consumption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis store against a real redis-server on loopback. */
class RedisReplayStoreTest {
    private static RedisProcess redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisProcess.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    private static RedisReplayStore store(RedisSettings settings) {
        return new RedisReplayStore(settings, Clock.systemUTC());
    }

    private static Instant inAMinute() {
        return Instant.now().plusSeconds(60);
    }

    @Test
    void theFirstUseOfATokenIdWinsAndEveryLaterUseIsRejected() {
        try (RedisReplayStore store = store(RedisSettings.of(redis.uri()))) {
            String id = UUID.randomUUID().toString();

            assertEquals(Consumption.FIRST_USE, store.consume(id, inAMinute()));
            assertEquals(Consumption.REJECTED, store.consume(id, inAMinute()));
        }
    }

    @Test
    void twoStoresOnOneRedisShareWhatWasConsumed() {
        try (RedisReplayStore a = store(RedisSettings.of(redis.uri()));
             RedisReplayStore b = store(RedisSettings.of(redis.uri()))) {
            String id = UUID.randomUUID().toString();

            assertEquals(Consumption.FIRST_USE, a.consume(id, inAMinute()));
            assertEquals(Consumption.REJECTED, b.consume(id, inAMinute()));
        }
    }

    @Test
    void theMarkerExpiresWhenTheTokenDoes() throws Exception {
        try (RedisReplayStore store = store(RedisSettings.of(redis.uri()))) {
            String id = UUID.randomUUID().toString();
            Instant expiresAt = Instant.now().plusSeconds(30);
            store.consume(id, expiresAt);

            long expireTimeMillis = Long.parseLong(redis.command("PEXPIRETIME " + RedisSettings.DEFAULT_KEY_PREFIX + id)
                    .substring(1));
            assertEquals(expiresAt.toEpochMilli(), expireTimeMillis);
        }
    }

    @Test
    void anExpiredTokenIsRejectedAndLeavesNoMarker() throws Exception {
        try (RedisReplayStore store = store(RedisSettings.of(redis.uri()))) {
            String id = UUID.randomUUID().toString();

            assertEquals(Consumption.REJECTED, store.consume(id, Instant.now().minusSeconds(1)));
            assertEquals(":0", redis.command("EXISTS " + RedisSettings.DEFAULT_KEY_PREFIX + id));
        }
    }

    @Test
    void theKeyPrefixSeparatesServicesSharingOneRedis() {
        RedisSettings base = RedisSettings.of(redis.uri());
        RedisSettings other = new RedisSettings(base.uri(), null, base.connectTimeout(), base.commandTimeout(),
                base.poolSize(), "other-service:");
        try (RedisReplayStore a = store(base); RedisReplayStore b = store(other)) {
            String id = UUID.randomUUID().toString();

            assertEquals(Consumption.FIRST_USE, a.consume(id, inAMinute()));
            assertEquals(Consumption.FIRST_USE, b.consume(id, inAMinute()));
        }
    }

    @Test
    void aRedisSlowerThanTheCommandTimeoutMakesTheStoreUnavailableNotPermissive() throws Exception {
        RedisSettings base = RedisSettings.of(redis.uri());
        RedisSettings fast = new RedisSettings(base.uri(), null, base.connectTimeout(), Duration.ofMillis(100),
                base.poolSize(), base.keyPrefix());
        try (RedisReplayStore store = store(fast)) {
            Thread sleeper = Thread.ofPlatform().start(() -> {
                try {
                    assertEquals("+OK", redis.command("DEBUG SLEEP 2"));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            // Not a fixed pause (150 ms raced the sleeper's start on a loaded machine): until a PING goes unanswered
            // for 200 ms, Redis is not yet asleep. From then on it stays busy at least another 1.8 s.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (!asleep(redis.uri().getPort())) {
                assertTrue(System.nanoTime() < deadline, "Redis never went to sleep");
            }
            long start = System.nanoTime();
            Consumption consumption = store.consume(UUID.randomUUID().toString(), inAMinute());
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            sleeper.join();

            assertEquals(Consumption.UNAVAILABLE, consumption);
            assertTrue(tookMillis < 1_200, "gave up after the command timeout, not after Redis answered: " + tookMillis + " ms");
        }
    }

    /** Whether a PING on a fresh connection goes unanswered for 200 ms (Redis runs one command at a time). */
    private static boolean asleep(int port) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(200);
            socket.getOutputStream().write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            try {
                socket.getInputStream().read(); // an answer (or a close): awake
                return false;
            } catch (java.net.SocketTimeoutException quiet) {
                return true;
            }
        }
    }

    @Test
    void anErrorReplyMakesTheStoreUnavailable() throws Exception {
        try (RedisProcess locked = RedisProcess.start("redis-test-password-0123");
             RedisReplayStore store = store(RedisSettings.of(locked.uri()))) {

            assertEquals(Consumption.UNAVAILABLE, store.consume(UUID.randomUUID().toString(), inAMinute()));
            assertFalse(store.health().up());
        }
    }

    @Test
    void thePasswordComesFromTheEnvironmentVariable() throws Exception {
        try (RedisProcess locked = RedisProcess.start("redis-test-password-0123")) {
            var config = SsoFixtures.testConfig(Map.of("app.sso.replay.store", "redis",
                    "app.sso.replay.redis.uri", locked.uri().toString()));
            SsoConfig sso = SsoConfig.from(config, Map.of(RedisSettings.PASSWORD_ENV, "redis-test-password-0123"));
            try (RedisReplayStore store = store(sso.redis())) {
                assertEquals(Consumption.FIRST_USE, store.consume(UUID.randomUUID().toString(), inAMinute()));
                assertTrue(store.health().up());
            }
        }
    }

    @Test
    void aStoppedRedisIsUnavailableAndTheStoreRecoversWhenItIsBack() throws Exception {
        try (RedisProcess own = RedisProcess.start();
             RedisReplayStore store = store(RedisSettings.of(own.uri()))) {
            String before = UUID.randomUUID().toString();
            assertEquals(Consumption.FIRST_USE, store.consume(before, inAMinute()));

            own.stop();
            assertEquals(Consumption.UNAVAILABLE, store.consume(UUID.randomUUID().toString(), inAMinute()));
            assertEquals(Consumption.UNAVAILABLE, store.consume(before, inAMinute()));
            assertFalse(store.health().up());

            own.restart();
            assertTrue(eventually(() -> store.health().up()), "health came back without a restart of the store");
            assertEquals(Consumption.REJECTED, store.consume(before, inAMinute()), "the marker survived the restart");
            assertEquals(Consumption.FIRST_USE, eventuallyConsumed(store, UUID.randomUUID().toString()));
        }
    }

    /** The pool may hold connections the restart broke; each such one fails once (503) and is replaced. */
    private static Consumption eventuallyConsumed(RedisReplayStore store, String id) throws InterruptedException {
        Consumption last = null;
        for (int i = 0; i < 100; i++) {
            last = store.consume(id, inAMinute());
            if (last != Consumption.UNAVAILABLE) {
                return last;
            }
            Thread.sleep(20);
        }
        return last;
    }

    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 250; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    void healthNamesTheStoreAndItsAddressButNeverThePassword() throws Exception {
        try (RedisProcess locked = RedisProcess.start("redis-test-password-0123")) {
            RedisSettings base = RedisSettings.of(locked.uri());
            RedisSettings withPassword = new RedisSettings(base.uri(), Secret.of("redis-test-password-0123"),
                    base.connectTimeout(), base.commandTimeout(), base.poolSize(), base.keyPrefix());
            try (RedisReplayStore store = store(withPassword)) {
                ReplayStore.Health health = store.health();

                assertEquals("redis", health.kind());
                assertTrue(health.detail().contains("127.0.0.1:"), health.detail());
                assertFalse(health.detail().contains("redis-test-password"), health.detail());
            }
        }
    }
}
