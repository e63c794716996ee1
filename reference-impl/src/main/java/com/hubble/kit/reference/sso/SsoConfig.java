package com.hubble.kit.reference.sso;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import com.hubble.kit.reference.Secret;
import io.helidon.config.Config;
import io.helidon.config.ConfigException;

/**
 * The {@code app.sso} settings, read and validated once. See reference-impl/SSO.md for every key and its
 * environment variable.
 */
public record SsoConfig(List<Secret> secrets, Secret signingKey, Duration tokenLifetime, String audience,
                        int bodyLimit, int replayCapacity, boolean demo, List<SsoUser> users,
                        java.util.logging.Level accessLogLevel, RedisSettings redis) {

    public static final int DEFAULT_BODY_LIMIT = 16 * 1024;
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(120);
    public static final String DEFAULT_AUDIENCE = "hubble";
    public static final int DEFAULT_REPLAY_CAPACITY = 100_000;
    /** Outside demo mode a shared secret shorter than this is refused. */
    public static final int MIN_SECRET_LENGTH = 16;

    public SsoConfig {
        secrets = List.copyOf(secrets);
        users = List.copyOf(users);
    }

    /** Reads {@code app.sso} from the root config; throws {@link SsoConfigException} naming what to fix. */
    public static SsoConfig from(Config root) {
        return from(root, System.getenv());
    }

    /**
     * As {@link #from(Config)}, with the process environment given: the one value read from it directly is the Redis
     * password ({@value RedisSettings#PASSWORD_ENV}), which never comes from configuration.
     */
    public static SsoConfig from(Config root, java.util.Map<String, String> env) {
        Config sso = root.get("app.sso");
        try {
            boolean demo = sso.get("demo").asBoolean().orElse(false);
            List<Secret> secrets = secrets(sso.get("secrets"));
            requireStrongSecrets(secrets, demo);
            Secret signingKey = signingKey(sso.get("signing.key"), demo);
            long lifetimeSeconds = sso.get("token.lifetime").asLong().orElse(DEFAULT_TOKEN_LIFETIME.toSeconds());
            if (lifetimeSeconds < 1 || lifetimeSeconds > 3600) {
                throw new SsoConfigException("app.sso.token.lifetime (env APP_SSO_TOKEN_LIFETIME) must be 1..3600 seconds");
            }
            String audience = sso.get("token.audience").asString().orElse(DEFAULT_AUDIENCE);
            if (audience.isBlank()) {
                throw new SsoConfigException("app.sso.token.audience (env APP_SSO_TOKEN_AUDIENCE) must not be empty");
            }
            int bodyLimit = sso.get("body.limit").asInt().orElse(DEFAULT_BODY_LIMIT);
            if (bodyLimit < 64 || bodyLimit > 1024 * 1024) {
                throw new SsoConfigException("app.sso.body.limit (env APP_SSO_BODY_LIMIT) must be 64..1048576 bytes");
            }
            int replayCapacity = sso.get("replay.capacity").asInt().orElse(DEFAULT_REPLAY_CAPACITY);
            if (replayCapacity < 1) {
                throw new SsoConfigException("app.sso.replay.capacity (env APP_SSO_REPLAY_CAPACITY) must be positive");
            }
            String store = sso.get("replay.store").asString().orElse("memory").trim().toLowerCase(java.util.Locale.ROOT);
            RedisSettings redis = switch (store) {
                case "memory" -> null;
                case "redis" -> RedisSettings.from(sso.get("replay.redis"), env);
                default -> throw new SsoConfigException("app.sso.replay.store (env APP_SSO_REPLAY_STORE) must be memory or redis");
            };
            return new SsoConfig(secrets, signingKey, Duration.ofSeconds(lifetimeSeconds), audience, bodyLimit,
                    replayCapacity, demo, users(sso.get("users"), demo), accessLogLevel(sso.get("log.access")), redis);
        } catch (ConfigException e) {
            // Helidon's mapping messages name the key and the expected type, not the value.
            throw new SsoConfigException("invalid configuration: " + e.getMessage());
        }
    }

    /**
     * The rule every shared secret list must meet, at start and on every live reload: outside the demo no secret
     * is shorter than {@value #MIN_SECRET_LENGTH} characters. The message names the key, never the value.
     */
    static void requireStrongSecrets(List<Secret> secrets, boolean demo) {
        if (demo) {
            return;
        }
        for (Secret secret : secrets) {
            if (secret.reveal().length() < MIN_SECRET_LENGTH) {
                throw new SsoConfigException("a shared secret in app.sso.secrets (env APP_SSO_SECRETS) is shorter than "
                        + MIN_SECRET_LENGTH + " characters; use a long random value");
            }
        }
    }

    /** Parses the secret list: a YAML list, or one string of comma-separated values (as an env var gives). */
    static List<Secret> secrets(Config node) {
        List<String> raw = new ArrayList<>();
        // A direct value (an env var) wins over a YAML list under the same key.
        if (node.hasValue()) {
            raw.addAll(Arrays.asList(node.asString().get().split(",")));
        } else if (node.exists()) {
            raw.addAll(node.asList(String.class).get());
        }
        List<Secret> secrets = new ArrayList<>();
        for (String value : raw) {
            String trimmed = value.trim();
            if (!trimmed.isEmpty()) {
                secrets.add(Secret.of(trimmed));
            }
        }
        return secrets;
    }

    /**
     * {@code app.sso.log.access}: INFO (every request), WARNING (only 5xx answers) or OFF; null when unset, which
     * leaves the logger's level to the JUL configuration (INFO by default).
     */
    private static java.util.logging.Level accessLogLevel(Config node) {
        if (!node.exists()) {
            return null;
        }
        String value = node.asString().orElse("").trim().toUpperCase(java.util.Locale.ROOT);
        return switch (value) {
            case "INFO" -> java.util.logging.Level.INFO;
            case "WARNING" -> java.util.logging.Level.WARNING;
            case "OFF" -> java.util.logging.Level.OFF;
            default -> throw new SsoConfigException("app.sso.log.access (env APP_SSO_LOG_ACCESS) must be INFO, WARNING or OFF");
        };
    }

    private static Secret signingKey(Config node, boolean demo) {
        String encoded = node.asString().orElseThrow(() -> new SsoConfigException(
                "app.sso.signing.key (env APP_SSO_SIGNING_KEY) is not set; generate one with: openssl rand -base64 32"));
        byte[] key = decodeKey(encoded).orElseThrow(() -> new SsoConfigException(
                "app.sso.signing.key (env APP_SSO_SIGNING_KEY) is not valid base64"));
        if (key.length < 32) {
            throw new SsoConfigException("app.sso.signing.key (env APP_SSO_SIGNING_KEY) must decode to at least 32 bytes");
        }
        if (!demo && isDemoKey(key)) {
            throw new SsoConfigException("app.sso.signing.key is the public demo key; generate your own with: openssl rand -base64 32");
        }
        // Kept in one canonical spelling, so signingKeyBytes() decodes exactly the bytes checked here.
        return Secret.of(Base64.getEncoder().encodeToString(key));
    }

    /**
     * Decodes a base64 key leniently: standard or URL-safe alphabet, with or without {@code =} padding (the bits
     * a last character carries beyond the key are ignored, as every decoder does). Empty when it is not base64.
     */
    static java.util.Optional<byte[]> decodeKey(String encoded) {
        String text = encoded.trim();
        boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
        try {
            return java.util.Optional.of((urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * True when {@code key} is the public demo signing key. Compared as bytes, so no spelling of the same key
     * (padding, URL-safe alphabet, an equivalent last character) gets past the guard.
     */
    static boolean isDemoKey(byte[] key) {
        byte[] demo = decodeKey(SsoConfigLoader.demoSigningKey().reveal()).orElseThrow();
        return java.security.MessageDigest.isEqual(key, demo);
    }

    private static List<SsoUser> users(Config node, boolean demo) {
        List<SsoUser> users = new ArrayList<>();
        if (!node.exists()) {
            return users;
        }
        for (Config user : node.asNodeList().get()) {
            String id = user.get("id").asString().orElseThrow(
                    () -> new SsoConfigException("every entry of app.sso.users needs an id (" + user.key() + ")"));
            if (!demo && user.get("demo-only").asBoolean().orElse(false)) {
                throw new SsoConfigException("user " + id + " in app.sso.users is marked demo-only; remove it outside the demo");
            }
            List<String> cohorts = user.get("cohorts").exists() ? user.get("cohorts").asList(String.class).get() : null;
            users.add(new SsoUser(id,
                    user.get("email").asString().orElse(null),
                    user.get("first-name").asString().orElse(null),
                    user.get("last-name").asString().orElse(null),
                    user.get("phone-number").asString().orElse(null),
                    cohorts));
        }
        return users;
    }

    /** The signing key's bytes. */
    public byte[] signingKeyBytes() {
        return Base64.getDecoder().decode(signingKey.reveal());
    }
}
