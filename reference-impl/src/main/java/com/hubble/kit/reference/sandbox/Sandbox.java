package com.hubble.kit.reference.sandbox;

import java.net.URI;
import java.util.List;

import io.helidon.webserver.WebServer;

/** A running Hubble API sandbox on 127.0.0.1, with its recording: the Java API graders and tests use. */
public final class Sandbox implements AutoCloseable {
    private final WebServer server;
    private final SandboxState state;

    private Sandbox(WebServer server, SandboxState state) {
        this.server = server;
        this.state = state;
    }

    /** Starts on a free loopback port. */
    public static Sandbox start(SandboxSettings settings) {
        return start(settings, 0);
    }

    /** Starts on the given loopback port (0 = a free one). */
    public static Sandbox start(SandboxSettings settings, int port) {
        return start(SandboxState.create(settings), port);
    }

    /** As above; a port that cannot be bound is a {@link com.hubble.kit.reference.StartFailure}. */
    public static Sandbox start(SandboxState state, int port) {
        WebServer server = com.hubble.kit.reference.ServerStart.start(WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(routing -> SandboxMain.routing(routing, state))
                .build());
        return new Sandbox(server, state);
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public int port() {
        return server.port();
    }

    public SandboxSettings settings() {
        return state.settings();
    }

    public SandboxState state() {
        return state;
    }

    /** Every exchange so far, in arrival order, secrets removed. */
    public List<RecordedExchange> exchanges() {
        return state.recorder().exchanges();
    }

    @Override
    public void close() {
        server.stop();
    }
}
