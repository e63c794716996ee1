package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.hubble.kit.reference.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisSettingsTest {

    private static SsoConfig config(Map<String, String> keys, Map<String, String> env) {
        return SsoConfig.from(SsoFixtures.testConfig(keys), env);
    }

    @Test
    void theReplayStoreStaysInMemoryUnlessRedisIsChosen() {
        assertNull(config(Map.of(), Map.of()).redis());
        assertTrue(SsoComponents.create(config(Map.of(), Map.of()), java.time.Clock.systemUTC()).replayStore()
                instanceof InMemoryReplayStore);
    }

    @Test
    void choosingRedisReadsTheUriTimeoutsPoolAndPrefix() {
        SsoConfig sso = config(Map.of("app.sso.replay.store", "redis",
                "app.sso.replay.redis.uri", "rediss://cache.internal:6380/2",
                "app.sso.replay.redis.timeout.connect", "700",
                "app.sso.replay.redis.timeout.command", "90",
                "app.sso.replay.redis.pool.size", "8",
                "app.sso.replay.redis.prefix", "svc-a:"), Map.of());

        RedisSettings redis = sso.redis();
        assertTrue(redis.tls());
        assertEquals(2, redis.database());
        assertEquals(700, redis.connectTimeout().toMillis());
        assertEquals(90, redis.commandTimeout().toMillis());
        assertEquals(8, redis.poolSize());
        assertEquals("svc-a:", redis.keyPrefix());
        assertEquals("rediss://cache.internal:6380/2", redis.address());
    }

    @Test
    void thePasswordIsTakenFromHubbleSsoRedisPassword() {
        SsoConfig sso = config(Map.of("app.sso.replay.store", "redis", "app.sso.replay.redis.uri", "redis://127.0.0.1:6379"),
                Map.of("HUBBLE_SSO_REDIS_PASSWORD", "from-the-environment"));

        assertEquals(Secret.of("from-the-environment"), sso.redis().password());
        assertFalse(sso.redis().toString().contains("from-the-environment"));
    }

    @Test
    void aPasswordInTheConfigurationFileIsRefusedNamingTheVariable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sso.yaml");
        String yaml = new String(getClass().getClassLoader().getResourceAsStream("sso-test.yaml").readAllBytes())
                .replace("    replay:\n", "    replay:\n      store: redis\n      redis:\n        uri: redis://127.0.0.1:6379\n"
                        + "        password: in-the-file-0123\n");
        Files.writeString(file, yaml);

        SsoConfigException e = assertThrows(SsoConfigException.class,
                () -> SsoConfig.from(SsoConfigLoader.file(file, Map.of()), Map.of()));
        assertTrue(e.getMessage().contains("HUBBLE_SSO_REDIS_PASSWORD"), e.getMessage());
        assertFalse(e.getMessage().contains("in-the-file-0123"), e.getMessage());
    }

    @Test
    void aPasswordInTheUriIsRefusedWithoutEchoingIt() {
        SsoConfigException e = assertThrows(SsoConfigException.class, () -> config(Map.of("app.sso.replay.store", "redis",
                "app.sso.replay.redis.uri", "redis://user:pa55word-in-uri@127.0.0.1:6379"), Map.of()));

        assertTrue(e.getMessage().contains("HUBBLE_SSO_REDIS_PASSWORD"), e.getMessage());
        assertFalse(e.getMessage().contains("pa55word"), e.getMessage());
    }

    @Test
    void redisWithoutAUriIsRefusedNamingTheKeyAndItsVariable() {
        SsoConfigException e = assertThrows(SsoConfigException.class,
                () -> config(Map.of("app.sso.replay.store", "redis"), Map.of()));

        assertTrue(e.getMessage().contains("app.sso.replay.redis.uri") && e.getMessage().contains("APP_SSO_REPLAY_REDIS_URI"),
                e.getMessage());
    }

    @Test
    void anUnknownStoreOrSchemeOrAnOutOfRangeTimeoutIsRefused() {
        assertThrows(SsoConfigException.class, () -> config(Map.of("app.sso.replay.store", "postgres"), Map.of()));
        assertThrows(SsoConfigException.class, () -> config(Map.of("app.sso.replay.store", "redis",
                "app.sso.replay.redis.uri", "tcp://127.0.0.1:6379"), Map.of()));
        assertThrows(SsoConfigException.class, () -> config(Map.of("app.sso.replay.store", "redis",
                "app.sso.replay.redis.uri", "redis://127.0.0.1:6379", "app.sso.replay.redis.timeout.command", "0"), Map.of()));
        assertThrows(SsoConfigException.class, () -> config(Map.of("app.sso.replay.store", "redis",
                "app.sso.replay.redis.uri", "redis://127.0.0.1:6379/not-a-db"), Map.of()));
    }

    @Test
    void aFewPipelinedConnectionsAreTheDefaultAndMoreThan256AreRefused() {
        assertEquals(2, config(Map.of("app.sso.replay.store", "redis", "app.sso.replay.redis.uri", "redis://127.0.0.1:6379"),
                Map.of()).redis().poolSize());
        assertEquals(256, config(Map.of("app.sso.replay.store", "redis", "app.sso.replay.redis.uri", "redis://127.0.0.1:6379",
                "app.sso.replay.redis.pool.size", "256"), Map.of()).redis().poolSize());
        SsoConfigException e = assertThrows(SsoConfigException.class, () -> config(Map.of("app.sso.replay.store", "redis",
                "app.sso.replay.redis.uri", "redis://127.0.0.1:6379", "app.sso.replay.redis.pool.size", "257"), Map.of()));
        assertTrue(e.getMessage().contains("app.sso.replay.redis.pool.size") && e.getMessage().contains("1..256"),
                e.getMessage());
    }

    @Test
    void environmentVariablesSelectRedis(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sso.yaml");
        Files.write(file, getClass().getClassLoader().getResourceAsStream("sso-test.yaml").readAllBytes());

        SsoConfig sso = SsoConfig.from(SsoConfigLoader.file(file, Map.of("APP_SSO_REPLAY_STORE", "redis",
                "APP_SSO_REPLAY_REDIS_URI", "redis://10.0.0.7:6379", "APP_SSO_REPLAY_REDIS_POOL_SIZE", "3")), Map.of());

        assertEquals("redis://10.0.0.7:6379", sso.redis().address());
        assertEquals(3, sso.redis().poolSize());
    }
}
