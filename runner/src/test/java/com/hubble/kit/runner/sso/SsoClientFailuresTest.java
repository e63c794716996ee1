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
}
