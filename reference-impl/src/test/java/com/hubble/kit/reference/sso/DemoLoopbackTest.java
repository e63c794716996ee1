package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;

/** The demo configuration (public signing key) listens on loopback only, whichever key says where to bind. */
class DemoLoopbackTest {
    private static final Map<String, String> SECRET = Map.of("HUBBLE_SECRET", "s3cret");

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static Map<String, String> env(String key, String value) {
        java.util.HashMap<String, String> env = new java.util.HashMap<>(SECRET);
        env.put(key, value);
        return env;
    }

    @Test
    void refusesABindAddressOnAllInterfacesAndNeverBindsIt() throws Exception {
        int port = freePort();
        var config = SsoConfigLoader.demo(env("SERVER_BIND_dash_ADDRESS", "0.0.0.0:" + port), true);

        SsoConfigException e = assertThrows(SsoConfigException.class, () -> Main.start(config).stop());

        assertTrue(e.getMessage().contains("0.0.0.0") && e.getMessage().contains("loopback"), e.getMessage());
        assertTrue(e.getMessage().contains("SERVER_BIND_dash_ADDRESS"), e.getMessage());
        try (ServerSocket mine = new ServerSocket()) {
            mine.bind(new InetSocketAddress("0.0.0.0", port)); // would fail had the demo server bound it
        }
    }

    @Test
    void refusesANamedSocketOnAllInterfacesEvenWhenTheDefaultOneIsLoopback() {
        var config = SsoConfigLoader.demo(SECRET, true, Map.of(
                "server.port", "0",
                "server.sockets.0.name", "admin",
                "server.sockets.0.host", "0.0.0.0",
                "server.sockets.0.port", "0"));

        SsoConfigException e = assertThrows(SsoConfigException.class, () -> Main.start(config).stop());

        assertTrue(e.getMessage().contains("socket admin"), e.getMessage());
    }

    @Test
    void printsTheAddressTheServerBoundNotTheHostSetting() {
        var config = SsoConfigLoader.demo(env("SERVER_BIND_dash_ADDRESS", "127.0.0.2:0"), true);

        WebServer server = Main.start(config);
        try {
            assertEquals("http://127.0.0.2:" + server.port(), Main.baseUri(server));
        } finally {
            server.stop();
        }
    }

    @Test
    void printsAWildcardBindOfAnOwnConfigurationAsTheLoopbackAddress() {
        var config = SsoFixtures.testConfig(Map.of("server.host", "0.0.0.0"));

        WebServer server = Main.start(config);
        try {
            assertEquals("http://127.0.0.1:" + server.port(), Main.baseUri(server));
        } finally {
            server.stop();
        }
    }
}
