package com.hubble.kit.reference.sso;

import java.time.Clock;
import java.util.Objects;

/**
 * Everything {@link SsoService} depends on. Start from {@link #create(SsoConfig, Clock)} and swap in your own
 * parts with {@link #withVerifier}, {@link #withUsers} or {@link #withReplayStore}.
 *
 * @param tokens the default HMAC token codec built from the config (used to mint, and to verify unless replaced)
 */
public record SsoComponents(SharedSecrets secrets, TokenVerifier verifier, ReplayStore replayStore,
                            UserDirectory users, HmacTokenVerifier tokens, int bodyLimit) {

    public SsoComponents {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(replayStore, "replayStore");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * The defaults: HMAC tokens, the configured replay store (in memory unless {@code app.sso.replay.store} is
     * redis), users from config. Needs at least one secret.
     */
    public static SsoComponents create(SsoConfig config, Clock clock) {
        if (config.secrets().isEmpty()) {
            throw new SsoConfigException("no shared secret configured: set app.sso.secrets (env APP_SSO_SECRETS, "
                    + "comma-separated for rotation)");
        }
        HmacTokenVerifier tokens = new HmacTokenVerifier(config.signingKeyBytes(), config.audience(),
                config.tokenLifetime(), clock);
        return new SsoComponents(new SharedSecrets(config.secrets()), tokens,
                config.redis() == null
                        ? new InMemoryReplayStore(config.replayCapacity(), clock)
                        : new RedisReplayStore(config.redis(), clock),
                new ConfigUserDirectory(config.users()),
                tokens, config.bodyLimit());
    }

    public SsoComponents withVerifier(TokenVerifier newVerifier) {
        return new SsoComponents(secrets, newVerifier, replayStore, users, tokens, bodyLimit);
    }

    public SsoComponents withUsers(UserDirectory newUsers) {
        return new SsoComponents(secrets, verifier, replayStore, newUsers, tokens, bodyLimit);
    }

    public SsoComponents withReplayStore(ReplayStore newReplayStore) {
        return new SsoComponents(secrets, verifier, newReplayStore, users, tokens, bodyLimit);
    }
}
