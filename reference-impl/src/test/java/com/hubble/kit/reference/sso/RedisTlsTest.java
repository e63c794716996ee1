package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.hubble.kit.reference.sso.ReplayStore.Consumption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://} against a real redis-server that speaks only TLS on loopback, with certificates made by openssl for
 * the test: the store trusts a private CA from {@code app.sso.replay.redis.tls.ca-file}, verifies the host name, and
 * fails closed (UNAVAILABLE, never FIRST_USE) when it cannot trust the server.
 */
class RedisTlsTest {
    private static Path dir;
    private static Process redis;
    private static int port;

    @BeforeAll
    static void startTlsRedis() throws Exception {
        Path server = Path.of("/usr/bin/redis-server");
        Assumptions.assumeTrue(Files.isExecutable(server),
                "redis-server is not installed (apt-get install redis-server; .ci/run does it): Redis TLS tests skipped");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        dir = Files.createTempDirectory("hubble-redis-tls-");
        // A CA, a server certificate it signs for 127.0.0.1, and one for another name (the host-name test).
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=hubble-test-ca");
        serverCertificate("server", "subjectAltName=IP:127.0.0.1");
        serverCertificate("elsewhere", "subjectAltName=DNS:redis.elsewhere.invalid");
        port = freePort();
        redis = new ProcessBuilder(server.toString(), "--port", "0", "--tls-port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no",
                "--tls-cert-file", dir.resolve("server.pem").toString(), "--tls-key-file", dir.resolve("server.key").toString(),
                "--tls-ca-cert-file", dir.resolve("ca.pem").toString(), "--tls-auth-clients", "no",
                "--daemonize", "no", "--logfile", dir.resolve("redis.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (RedisReplayStore probe = store(settings(dir.resolve("ca.pem")))) {
            while (!probe.health().up()) {
                if (!redis.isAlive()) {
                    Assumptions.abort("this redis-server cannot serve TLS: " + Files.readString(dir.resolve("redis.log")));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("redis-server did not answer over TLS within 10 s: "
                            + Files.readString(dir.resolve("redis.log")));
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.destroy();
            if (!redis.waitFor(5, TimeUnit.SECONDS)) {
                redis.destroyForcibly();
            }
        }
    }

    private static void serverCertificate(String name, String altName) throws Exception {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
        Files.writeString(dir.resolve(name + ".ext"), altName + "\n");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: "
                    + Files.readString(dir.resolve("openssl.log")));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static RedisSettings settings(Path caFile) {
        return new RedisSettings(URI.create("rediss://127.0.0.1:" + port), null, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 2, RedisSettings.DEFAULT_KEY_PREFIX, caFile);
    }

    private static RedisReplayStore store(RedisSettings settings) {
        return new RedisReplayStore(settings, Clock.systemUTC());
    }

    private static Instant inAMinute() {
        return Instant.now().plusSeconds(60);
    }

    @Test
    void overTlsWithAPrivateCaTheFirstUseWinsAndTheSecondIsRejected() {
        try (RedisReplayStore store = store(settings(dir.resolve("ca.pem")))) {
            String id = UUID.randomUUID().toString();

            assertEquals(Consumption.FIRST_USE, store.consume(id, inAMinute()));
            assertEquals(Consumption.REJECTED, store.consume(id, inAMinute()));
            assertTrue(store.health().up(), store.health().detail());
            assertTrue(store.health().detail().startsWith("rediss://127.0.0.1:"), store.health().detail());
        }
    }

    @Test
    void aServerTheStoreCannotTrustFailsClosed() {
        // Without the CA file the JVM's default trust store is used, which does not know the test CA.
        try (RedisReplayStore store = store(settings(null))) {
            assertEquals(Consumption.UNAVAILABLE, store.consume(UUID.randomUUID().toString(), inAMinute()));
            assertFalse(store.health().up());
        }
    }

    @Test
    void aCertificateForAnotherHostFailsClosed(@TempDir Path elsewhere) throws Exception {
        // A second TLS redis-server whose certificate, signed by the trusted CA, names another host.
        int otherPort = freePort();
        Process other = new ProcessBuilder("/usr/bin/redis-server", "--port", "0", "--tls-port", Integer.toString(otherPort),
                "--bind", "127.0.0.1", "--dir", elsewhere.toString(), "--save", "", "--appendonly", "no",
                "--tls-cert-file", dir.resolve("elsewhere.pem").toString(), "--tls-key-file", dir.resolve("elsewhere.key").toString(),
                "--tls-ca-cert-file", dir.resolve("ca.pem").toString(), "--tls-auth-clients", "no", "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(elsewhere.resolve("stdout.log").toFile()).start();
        try {
            waitForListening(otherPort);
            RedisSettings wrongName = new RedisSettings(URI.create("rediss://127.0.0.1:" + otherPort), null,
                    Duration.ofSeconds(1), Duration.ofSeconds(1), 2, RedisSettings.DEFAULT_KEY_PREFIX, dir.resolve("ca.pem"));
            try (RedisReplayStore store = store(wrongName)) {
                assertEquals(Consumption.UNAVAILABLE, store.consume(UUID.randomUUID().toString(), inAMinute()));
                assertFalse(store.health().up());
            }
        } finally {
            other.destroy();
            other.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void waitForListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("the second redis-server did not listen within 10 s");
    }

    @Test
    void theCaFileIsCheckedAtStartAndOnlyForRediss(@TempDir Path files) throws Exception {
        Path empty = Files.writeString(files.resolve("empty.pem"), "no certificate here\n");
        SsoConfigException missing = assertThrows(SsoConfigException.class, () -> SsoConfig.from(SsoFixtures.testConfig(Map.of(
                "app.sso.replay.store", "redis", "app.sso.replay.redis.uri", "rediss://127.0.0.1:6380",
                "app.sso.replay.redis.tls.ca-file", files.resolve("absent.pem").toString())), Map.of()));
        assertTrue(missing.getMessage().contains("app.sso.replay.redis.tls.ca-file") && missing.getMessage().contains("cannot read"),
                missing.getMessage());
        SsoConfigException noCertificate = assertThrows(SsoConfigException.class, () -> SsoConfig.from(SsoFixtures.testConfig(Map.of(
                "app.sso.replay.store", "redis", "app.sso.replay.redis.uri", "rediss://127.0.0.1:6380",
                "app.sso.replay.redis.tls.ca-file", empty.toString())), Map.of()));
        assertTrue(noCertificate.getMessage().contains("APP_SSO_REPLAY_REDIS_TLS_CA_FILE"), noCertificate.getMessage());
        SsoConfigException plain = assertThrows(SsoConfigException.class, () -> SsoConfig.from(SsoFixtures.testConfig(Map.of(
                "app.sso.replay.store", "redis", "app.sso.replay.redis.uri", "redis://127.0.0.1:6379",
                "app.sso.replay.redis.tls.ca-file", dir.resolve("ca.pem").toString())), Map.of()));
        assertTrue(plain.getMessage().contains("rediss:// only"), plain.getMessage());
        RedisSettings read = SsoConfig.from(SsoFixtures.testConfig(Map.of(
                "app.sso.replay.store", "redis", "app.sso.replay.redis.uri", "rediss://127.0.0.1:6380",
                "app.sso.replay.redis.tls.ca-file", dir.resolve("ca.pem").toString())), Map.of()).redis();
        assertEquals(dir.resolve("ca.pem"), read.caFile());
    }
}
