package com.hubble.kit.reference.sso;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import com.hubble.kit.reference.sso.RedisPipeline.Failed;
import com.hubble.kit.reference.sso.RedisPipeline.Nil;
import com.hubble.kit.reference.sso.RedisPipeline.Reply;
import com.hubble.kit.reference.sso.RedisPipeline.Value;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;

/**
 * A {@link ReplayStore} shared by every instance that points at one Redis (6.2+): consuming a token is the single
 * atomic command {@code SET <prefix><tokenId> 1 NX PXAT <expiresAtMillis>}, so the first use at any instance wins
 * and the key expires with the token. Anything but a clear answer (Redis down, slower than the command timeout,
 * an error reply) is {@link Consumption#UNAVAILABLE}: the request is refused, never accepted unchecked.
 * Concurrent requests' commands share a few connections through {@link RedisPipeline} (written together, answered
 * in order), which is what lets one Redis keep up with the server.
 */
public final class RedisReplayStore implements ReplayStore, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisReplayStore.class.getName());
    /**
     * Jedis logs some connection failures with a stack trace; this store reports an outage in one line of its own,
     * so Jedis is held to SEVERE unless JUL was configured. Held strongly: JUL keeps loggers weakly.
     */
    private static final java.util.logging.Logger JEDIS = java.util.logging.Logger.getLogger("redis.clients.jedis");
    private static final byte[] OK = bytes("OK");
    private static final byte[] PONG = bytes("PONG");
    private static final byte[] ONE = bytes("1");
    private static final byte[] NX = bytes("NX");
    private static final byte[] PXAT = bytes("PXAT");

    static {
        if (JEDIS.getLevel() == null && System.getProperty("java.util.logging.config.file") == null) {
            JEDIS.setLevel(java.util.logging.Level.SEVERE);
        }
    }

    private final RedisPipeline redis;
    private final RedisSettings settings;
    private final Clock clock;
    private final byte[] keyPrefix;
    /** Logs the first failure of an outage and the recovery, not one line per request. */
    private final AtomicBoolean failing = new AtomicBoolean();

    public RedisReplayStore(RedisSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keyPrefix = settings.keyPrefix().getBytes(StandardCharsets.UTF_8);
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) settings.connectTimeout().toMillis())
                .socketTimeoutMillis((int) settings.commandTimeout().toMillis())
                .database(settings.database())
                // RESP2: no push messages can slip between the replies of a batch, and nil is one plain $-1.
                .protocol(RedisProtocol.RESP2)
                .ssl(settings.tls())
                .clientName("hubble-sso");
        if (settings.caFile() != null) {
            // Trust these authorities instead of the JVM's; Jedis still verifies the host name (HTTPS rules).
            client.sslSocketFactory(RedisTrust.load(settings.caFile()).getSocketFactory());
        }
        if (settings.user() != null) {
            client.user(settings.user());
        }
        if (settings.password() != null) {
            client.password(settings.password().reveal());
        }
        this.redis = new RedisPipeline(new HostAndPort(settings.uri().getHost(), settings.port()), client.build(),
                settings.poolSize(), settings.commandTimeout());
    }

    @Override
    public Consumption consume(String tokenId, Instant expiresAt) {
        long expiresAtMillis = expiresAt.toEpochMilli();
        // An expired token is never accepted; Redis would also refuse a PXAT in the past.
        if (expiresAtMillis <= clock.millis()) {
            return Consumption.REJECTED;
        }
        byte[] id = tokenId.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[keyPrefix.length + id.length];
        System.arraycopy(keyPrefix, 0, key, 0, keyPrefix.length);
        System.arraycopy(id, 0, key, keyPrefix.length, id.length);
        Reply reply = redis.call(Protocol.Command.SET, key, ONE, NX, PXAT, bytes(Long.toString(expiresAtMillis)));
        // +OK: this call set the key, the first use. nil: NX found the key, a replay. Anything else: fail closed.
        return switch (reply) {
            case Value value when value.is(OK) -> {
                recovered();
                yield Consumption.FIRST_USE;
            }
            case Nil nil -> {
                recovered();
                yield Consumption.REJECTED;
            }
            default -> {
                failed(reply);
                yield Consumption.UNAVAILABLE;
            }
        };
    }

    @Override
    public Health health() {
        Reply reply = redis.call(Protocol.Command.PING);
        if (reply instanceof Value value && value.is(PONG)) {
            recovered();
            return new Health(true, "redis", settings.address());
        }
        failed(reply);
        return new Health(false, "redis", settings.address() + (reply instanceof Failed failure
                ? " unreachable: " + failure.cause() : " answered PING with " + describe(reply)));
    }

    /** A reply for a log line or health: the kind and Redis's error code, never a key or a value. */
    private static String describe(Reply reply) {
        return switch (reply) {
            case Failed failure -> failure.cause();
            case RedisPipeline.ErrorReply error -> "error " + error.code();
            case RedisPipeline.Unexpected unexpected -> "a reply of type " + unexpected.type();
            case Nil nil -> "nil";
            case Value value -> "another value";
        };
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    private void failed(Reply reply) {
        if (failing.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "replay store: Redis at " + settings.address() + " failed ("
                    + describe(reply) + "); /sso answers 503 until it is back");
        }
    }

    private void recovered() {
        if (failing.get() && failing.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "replay store: Redis at " + settings.address() + " answers again");
        }
    }

    @Override
    public void close() {
        redis.close();
    }
}
