package com.hubble.kit.runner.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.TransportFailure;
import com.hubble.kit.runner.sso.probe.SsoClient;

/** Transport failures are named from the exception type, never "null". */
class SsoClientFailuresTest {

    @Test
    void aClosedPortIsReportedAsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (SsoClient client = new SsoClient(Duration.ofSeconds(2), false, new Redactor())) {
            Exchange exchange = client.send("refused", "POST", URI.create("http://127.0.0.1:" + port + "/sso"), List.of(), "{}");
            TransportFailure failure = exchange.failure().orElseThrow();
            assertEquals(TransportFailure.Kind.CONNECT, failure.kind());
            assertTrue(failure.message().contains("connection refused"), failure.message());
            assertFalse(failure.message().contains("null"), failure.message());
        }
    }

    @Test
    void aServerThatClosesWithoutAnsweringOrSpeaksAnotherProtocolIsNamedInPlainWords() throws Exception {
        for (String greeting : List.of("", "SSH-2.0-OpenSSH_9.6\r\n")) {
            try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
                Thread.ofVirtual().start(() -> {
                    try (var socket = server.accept()) {
                        socket.getInputStream().read(new byte[512]);
                        socket.getOutputStream().write(greeting.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    } catch (java.io.IOException ignored) {
                        // the client side decides what it saw
                    }
                });
                try (SsoClient client = new SsoClient(Duration.ofSeconds(2), false, new Redactor())) {
                    Exchange exchange = client.send("raw", "POST",
                            URI.create("http://127.0.0.1:" + server.getLocalPort() + "/sso"), List.of(), "{}");
                    String message = exchange.failure().orElseThrow().message();
                    assertTrue(message.contains(greeting.isEmpty()
                            ? "the server closed the connection without an HTTP response"
                            : "the server did not answer with HTTP"), message);
                }
            }
        }
    }
}
