package com.hubble.kit.reference.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.hubble.kit.reference.Secret;

import io.helidon.config.Config;

/** What the sandbox accepts and how it misbehaves: credentials, token lifetime, injected faults. */
public record SandboxSettings(List<SandboxClient> clients, long tokenLifetimeSecs, boolean lifetimeAsString,
                              FaultPlan faults, long firstTokenLifetimeSecs) {
    public static final String DEFAULT_CLIENT_ID = "test-client-id";
    public static final String DEFAULT_CLIENT_SECRET = "test-client-secret";
    /** Credentials that are right but belong to a client that is not allow-listed (403), for trying out failures. */
    public static final String BLOCKED_CLIENT_ID = "blocked-client-id";
    public static final String BLOCKED_CLIENT_SECRET = "blocked-client-secret";
    public static final long DEFAULT_TOKEN_LIFETIME_SECS = 3600;

    public SandboxSettings {
        clients = List.copyOf(clients);
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("the sandbox needs at least one client");
        }
        if (tokenLifetimeSecs < 1) {
            throw new IllegalArgumentException("tokenLifetimeSecs must be at least 1");
        }
        if (firstTokenLifetimeSecs < 0) {
            throw new IllegalArgumentException("firstTokenLifetimeSecs must be 0 (as the others) or positive");
        }
    }

    /** The test-client-id / test-client-secret client (allow-listed), a blocked client, 3600 s tokens, no faults. */
    public static SandboxSettings defaults() {
        return new SandboxSettings(defaultClients(), DEFAULT_TOKEN_LIFETIME_SECS, false, FaultPlan.NONE, 0);
    }

    private static List<SandboxClient> defaultClients() {
        return List.of(new SandboxClient(DEFAULT_CLIENT_ID, Secret.of(DEFAULT_CLIENT_SECRET), true),
                new SandboxClient(BLOCKED_CLIENT_ID, Secret.of(BLOCKED_CLIENT_SECRET), false));
    }

    /** Reads {@code app.sandbox} (see sandbox.yaml); anything missing keeps its default. */
    public static SandboxSettings fromConfig(Config sandbox) {
        List<SandboxClient> clients = new ArrayList<>();
        for (Config client : sandbox.get("clients").asNodeList().orElse(List.of())) {
            clients.add(new SandboxClient(client.get("client-id").asString().get(),
                    Secret.of(client.get("client-secret").asString().get()),
                    client.get("allow-listed").asBoolean().orElse(true)));
        }
        Config faults = sandbox.get("faults");
        FaultPlan plan = new FaultPlan(faults.get("revoke-token-at-call").asInt().orElse(0),
                faults.get("throttle-at-call").asInt().orElse(0),
                faults.get("retry-after-secs").asInt().orElse(1),
                faults.get("unavailable-at-call").asInt().orElse(0));
        return new SandboxSettings(clients.isEmpty() ? defaultClients() : clients,
                sandbox.get("token-lifetime-secs").asLong().orElse(DEFAULT_TOKEN_LIFETIME_SECS),
                sandbox.get("expires-in-as-string").asBoolean().orElse(false),
                plan, sandbox.get("first-token-lifetime-secs").asLong().orElse(0L));
    }

    public SandboxSettings withTokenLifetimeSecs(long secs) {
        return new SandboxSettings(clients, secs, lifetimeAsString, faults, firstTokenLifetimeSecs);
    }

    /** Older Hubble pages show expiresInSecs as a string ("3600"); a client must accept both. */
    public SandboxSettings withLifetimeAsString(boolean asString) {
        return new SandboxSettings(clients, tokenLifetimeSecs, asString, faults, firstTokenLifetimeSecs);
    }

    public SandboxSettings withFaults(FaultPlan plan) {
        return new SandboxSettings(clients, tokenLifetimeSecs, lifetimeAsString, plan, firstTokenLifetimeSecs);
    }

    public SandboxSettings withClients(List<SandboxClient> replacement) {
        return new SandboxSettings(replacement, tokenLifetimeSecs, lifetimeAsString, faults, firstTokenLifetimeSecs);
    }

    /**
     * The first token a login issues lives this long (0: as long as the others), and so does the token that replaces
     * it if the injected 401 revoked it: a short token brings a refresh within a short client run, while the later,
     * long-lived tokens keep judging caching fair to clients that refresh minutes before expiry.
     */
    public SandboxSettings withFirstTokenLifetimeSecs(long secs) {
        return new SandboxSettings(clients, tokenLifetimeSecs, lifetimeAsString, faults, secs);
    }


    public Optional<SandboxClient> client(String clientId) {
        return clients.stream().filter(c -> c.clientId().equals(clientId)).findFirst();
    }
}
