package com.hubble.kit.reference.sso;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * A {@link ReplayStore} shared by every instance that points at one Redis (6.2+): consuming a token is the single
 * atomic command {@code SET <prefix><tokenId> 1 NX PXAT <expiresAtMillis>}, so the first use at any instance wins
 * and the key expires with the token. Anything but a clear answer (Redis down, slower than the command timeout,
 * an error reply) is {@link Consumption#UNAVAILABLE}: the request is refused, never accepted unchecked.
 */
public final class RedisReplayStore implements ReplayStore, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisReplayStore.class.getName());
    /**
     * Jedis logs each broken pooled connection with a stack trace; this store reports an outage in one line of its
     * own, so Jedis is held to SEVERE unless JUL was configured. Held strongly: JUL keeps loggers weakly.
     */
    private static final java.util.logging.Logger JEDIS = java.util.logging.Logger.getLogger("redis.clients.jedis");

    static {
        if (JEDIS.getLevel() == null && System.getProperty("java.util.logging.config.file") == null) {
            JEDIS.setLevel(java.util.logging.Level.SEVERE);
        }
    }

    private final RedisClient redis;
    private final RedisSettings settings;
    private final Clock clock;
    /** Logs the first failure of an outage and the recovery, not one line per request. */
    private final AtomicBoolean failing = new AtomicBoolean();

    public RedisReplayStore(RedisSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) settings.connectTimeout().toMillis())
                .socketTimeoutMillis((int) settings.commandTimeout().toMillis())
                .database(settings.database())
                .ssl(settings.tls())
                .clientName("hubble-sso");
        if (settings.user() != null) {
            client.user(settings.user());
        }
        if (settings.password() != null) {
            client.password(settings.password().reveal());
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(settings.poolSize());
        pool.setMaxIdle(settings.poolSize());
        pool.setMinIdle(0);
        // Waiting for a free connection counts against the same budget as the command: a request never queues longer.
        pool.setMaxWait(settings.commandTimeout());
        pool.setBlockWhenExhausted(true);
        // Idle connections broken by a Redis restart are found and dropped in the background.
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(java.time.Duration.ofSeconds(5));
        pool.setJmxEnabled(false);
        this.redis = RedisClient.builder()
                .hostAndPort(new HostAndPort(settings.uri().getHost(), settings.port()))
                .clientConfig(client.build())
                .poolConfig(pool)
                .build();
    }

    @Override
    public Consumption consume(String tokenId, Instant expiresAt) {
        long expiresAtMillis = expiresAt.toEpochMilli();
        // An expired token is never accepted; Redis would also refuse a PXAT in the past.
        if (expiresAtMillis <= clock.millis()) {
            return Consumption.REJECTED;
        }
        String reply;
        try {
            reply = redis.set(settings.keyPrefix() + tokenId, "1", SetParams.setParams().nx().pxAt(expiresAtMillis));
        } catch (JedisException | IllegalStateException e) {
            failed(e);
            return Consumption.UNAVAILABLE;
        }
        recovered();
        // "OK": this call set the key, the first use. null: NX found the key, a replay.
        return "OK".equals(reply) ? Consumption.FIRST_USE : Consumption.REJECTED;
    }

    @Override
    public Health health() {
        try {
            String pong = redis.ping();
            if ("PONG".equals(pong)) {
                recovered();
                return new Health(true, "redis", settings.address());
            }
            return new Health(false, "redis", settings.address() + " answered PING with something else");
        } catch (JedisException | IllegalStateException e) {
            failed(e);
            return new Health(false, "redis", settings.address() + " unreachable: " + e.getClass().getSimpleName());
        }
    }

    private void failed(RuntimeException e) {
        if (failing.compareAndSet(false, true)) {
            // The exception's message can carry the server's reply, never the token: the key is not in it.
            LOG.log(Level.WARNING, "replay store: Redis at " + settings.address() + " failed ("
                    + e.getClass().getSimpleName() + "); /sso answers 503 until it is back");
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
