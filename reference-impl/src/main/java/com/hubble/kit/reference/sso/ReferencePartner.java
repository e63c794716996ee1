package com.hubble.kit.reference.sso;

import java.net.URI;
import java.time.Clock;

import com.hubble.kit.reference.Secret;
import io.helidon.config.Config;
import io.helidon.webserver.WebServer;

/** A running reference /sso server with the demo users and signing key, for the runner and for tests. */
public final class ReferencePartner implements AutoCloseable {
    /** The demo user with a full profile. */
    public static final String DEMO_USER_ID = "test-user-123";

    private final WebServer server;
    private final SsoComponents components;

    private ReferencePartner(WebServer server, SsoComponents components) {
        this.server = server;
        this.components = components;
    }

    /** Starts the reference /sso server on 127.0.0.1, a free port, demo users and signing key, the given secret. */
    public static ReferencePartner startDemo(Secret sharedSecret) {
        Config config = SsoConfigLoader.demoIsolated(sharedSecret);
        SsoConfig sso = SsoConfig.from(config);
        SsoComponents components = SsoComponents.create(sso, Clock.systemUTC());
        return new ReferencePartner(Main.start(config, sso, components), components);
    }

    /** http://127.0.0.1:PORT, no trailing slash; POST baseUri + "/sso". */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** A fresh valid single-use token. */
    public MintedToken mint(String userId) {
        return components.tokens().mint(userId);
    }

    /** A well-signed token whose expiry has passed. */
    public MintedToken mintExpired(String userId) {
        return components.tokens().mintExpired(userId);
    }

    /** A user present in the demo directory, with full profile. */
    public String demoUserId() {
        return DEMO_USER_ID;
    }

    /** The parts this server runs with (to rotate secrets in tests, for example). */
    public SsoComponents components() {
        return components;
    }

    @Override
    public void close() {
        server.stop();
    }
}
