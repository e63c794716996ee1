package com.hubble.kit.reference.sso;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import com.hubble.kit.reference.Secret;
import io.helidon.config.Config;

/**
 * How {@link RedisReplayStore} reaches Redis: {@code app.sso.replay.redis.*}, the password from the environment
 * variable {@value #PASSWORD_ENV} only (never from a file).
 *
 * @param uri            {@code redis://host:port[/db]} or {@code rediss://...} (TLS), without a password
 * @param password       from {@value #PASSWORD_ENV}, or null
 * @param connectTimeout to open a connection
 * @param commandTimeout the longest a request waits for its answer, queueing included; past it the request gets 503
 * @param poolSize       connections to Redis; concurrent requests' commands are pipelined on them, so a few suffice
 * @param keyPrefix      put before every token id, so that several services can share one Redis
 * @param caFile         for {@code rediss://}: a PEM file of the certificate authorities to trust instead of the
 *                       JVM's default trust store (a private CA), or null; the host name is verified either way
 */
public record RedisSettings(URI uri, Secret password, Duration connectTimeout, Duration commandTimeout, int poolSize,
                            String keyPrefix, Path caFile) {
    /** The only place the Redis password is read from. */
    public static final String PASSWORD_ENV = "HUBBLE_SSO_REDIS_PASSWORD";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(1000);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(250);
    public static final int DEFAULT_POOL_SIZE = 2;
    public static final String DEFAULT_KEY_PREFIX = "hubble-sso:used:";

    public RedisSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (caFile != null && !"rediss".equals(uri.getScheme())) {
            throw new SsoConfigException("app.sso.replay.redis.tls.ca-file (env APP_SSO_REPLAY_REDIS_TLS_CA_FILE) is for "
                    + "rediss:// only; use a rediss:// URI or remove the key");
        }
    }

    /** Without a CA file: the JVM's default trust store for {@code rediss://}. */
    public RedisSettings(URI uri, Secret password, Duration connectTimeout, Duration commandTimeout, int poolSize,
                         String keyPrefix) {
        this(uri, password, connectTimeout, commandTimeout, poolSize, keyPrefix, null);
    }

    /** Defaults for everything but the address; tests and embedders start here. */
    public static RedisSettings of(URI uri) {
        return new RedisSettings(uri, null, DEFAULT_CONNECT_TIMEOUT, DEFAULT_COMMAND_TIMEOUT, DEFAULT_POOL_SIZE,
                DEFAULT_KEY_PREFIX);
    }

    /** True for {@code rediss://}. */
    public boolean tls() {
        return "rediss".equals(uri.getScheme());
    }

    /** {@code redis://host:port/db}: what logs and health may show. */
    public String address() {
        return uri.getScheme() + "://" + uri.getHost() + ":" + port() + (uri.getPath() == null ? "" : uri.getPath());
    }

    int port() {
        return uri.getPort() == -1 ? 6379 : uri.getPort();
    }

    /** The database index from the URI path ({@code /2}), 0 when absent. */
    int database() {
        String path = uri.getPath();
        return path == null || path.isEmpty() || path.equals("/") ? 0 : Integer.parseInt(path.substring(1));
    }

    /** The user named in the URI ({@code redis://user@host}, Redis 6 ACL), or null. */
    String user() {
        String info = uri.getUserInfo();
        return info == null || info.isEmpty() ? null : info;
    }

    /** Reads {@code app.sso.replay.redis}; throws {@link SsoConfigException} naming the key to fix. */
    static RedisSettings from(Config redis, Map<String, String> env) {
        if (redis.get("password").exists()) {
            throw new SsoConfigException("app.sso.replay.redis.password is not read from configuration: set the "
                    + "environment variable " + PASSWORD_ENV + " instead, and remove the key");
        }
        String text = redis.get("uri").asString().orElseThrow(() -> new SsoConfigException(
                "app.sso.replay.store is redis but app.sso.replay.redis.uri (env APP_SSO_REPLAY_REDIS_URI) is not set; "
                        + "e.g. redis://127.0.0.1:6379"));
        URI uri = uri(text.trim());
        long connect = redis.get("timeout.connect").asLong().orElse(DEFAULT_CONNECT_TIMEOUT.toMillis());
        long command = redis.get("timeout.command").asLong().orElse(DEFAULT_COMMAND_TIMEOUT.toMillis());
        if (connect < 1 || connect > 60_000) {
            throw new SsoConfigException("app.sso.replay.redis.timeout.connect (env APP_SSO_REPLAY_REDIS_TIMEOUT_CONNECT) "
                    + "must be 1..60000 milliseconds");
        }
        if (command < 1 || command > 60_000) {
            throw new SsoConfigException("app.sso.replay.redis.timeout.command (env APP_SSO_REPLAY_REDIS_TIMEOUT_COMMAND) "
                    + "must be 1..60000 milliseconds");
        }
        int pool = redis.get("pool.size").asInt().orElse(DEFAULT_POOL_SIZE);
        if (pool < 1 || pool > 256) {
            throw new SsoConfigException("app.sso.replay.redis.pool.size (env APP_SSO_REPLAY_REDIS_POOL_SIZE) must be 1..256 "
                    + "(connections, each carrying pipelined batches; 2 is the default)");
        }
        String prefix = redis.get("prefix").asString().orElse(DEFAULT_KEY_PREFIX);
        String password = env.get(PASSWORD_ENV);
        Path caFile = redis.get("tls.ca-file").asString().map(String::trim).filter(t -> !t.isEmpty()).map(Path::of)
                .orElse(null);
        if (caFile != null) {
            RedisTrust.load(caFile); // refuses an unreadable file or one without a certificate now, at start
        }
        return new RedisSettings(uri, password == null || password.isEmpty() ? null : Secret.of(password),
                Duration.ofMillis(connect), Duration.ofMillis(command), pool, prefix, caFile);
    }

    /** A {@code redis://} or {@code rediss://} URI with a host, no password, and a numeric database if any. */
    static URI uri(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new SsoConfigException("the Redis URI is not a URI; expected redis://HOST:PORT or rediss://HOST:PORT");
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw new SsoConfigException("the Redis URI must start with redis:// or rediss:// (TLS), e.g. redis://127.0.0.1:6379");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new SsoConfigException("the Redis URI names no host; expected redis://HOST:PORT");
        }
        if (uri.getRawUserInfo() != null && uri.getRawUserInfo().contains(":")) {
            // Never echo the URI here: it holds the password.
            throw new SsoConfigException("the Redis URI contains a password; remove it and set the environment variable "
                    + PASSWORD_ENV + " instead");
        }
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/") && !path.substring(1).matches("[0-9]{1,2}")) {
            throw new SsoConfigException("the Redis URI's path must be a database number (redis://HOST:PORT/0), not " + path);
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new SsoConfigException("the Redis URI takes no query or fragment; expected redis://HOST:PORT[/DB]");
        }
        return uri;
    }

    @Override
    public String toString() {
        return "RedisSettings[" + address() + ", pool " + poolSize + "]";
    }
}
