package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests so broken that Helidon answers before routing still get a JSON body without details. */
class TransportErrorTest {
    private static WebServer server;

    @BeforeAll
    static void start() {
        server = Main.start(SsoFixtures.testConfig());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aMalformedRequestLineGetsA400JsonBodyWithoutParserDetails() throws Exception {
        String response = raw("POST /sso HTTP/1.1 junk\r\nHost: x\r\n\r\n");

        assertTrue(response.startsWith("HTTP/1.1 400"), response);
        assertTrue(response.toLowerCase().contains("content-type: application/json"), response);
        assertFalse(response.contains("Exception"), response);
        assertFalse(response.contains("junk"), response);
    }

    @Test
    void aMalformedHeaderGetsA400JsonBody() throws Exception {
        String response = raw("POST /sso HTTP/1.1\r\nHost: x\r\nBad Header\r\nContent-Length: 0\r\n\r\n");

        assertTrue(response.startsWith("HTTP/1.1 400"), response);
        assertTrue(response.toLowerCase().contains("content-type: application/json"), response);
    }
}
