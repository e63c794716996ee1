package com.hubble.kit.runner.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.Status;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.SsoClient;

/** A partner may answer 413 as soon as it sees the headers and close without reading the body (RFC 9112 section 9.5). */
class EarlyRefusalTest {

    /** Answers every connection with 413 right after the request headers, then closes, never reading the body. */
    private static final class EarlyCloser implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread acceptor;

        EarlyCloser() throws IOException {
            socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket connection = socket.accept()) {
                        readHeaders(connection.getInputStream());
                        OutputStream out = connection.getOutputStream();
                        out.write(("HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 16\r\nConnection: close\r\n\r\n{\"userId\":null}\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException closed) {
                        // the socket was closed by close(), or the client went away
                    }
                }
            });
        }

        private static void readHeaders(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            for (int b = in.read(); b >= 0; b = in.read()) {
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == end.length) {
                    return;
                }
            }
        }

        URI sso() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/sso");
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join(Duration.ofSeconds(2));
        }
    }

    @Test
    void aPartnerClosingTheConnectionAfterAnEarly413PassesTheOversizedBodyCheck() throws Exception {
        String body = "{\"token\":\"hk-oversized\",\"padding\":\"" + "a".repeat(1024 * 1024) + "\"}";
        try (EarlyCloser server = new EarlyCloser();
             SsoClient client = new SsoClient(Duration.ofSeconds(5), false, new Redactor())) {
            // Several rounds: the race between the early close and the upload decides which error the JDK sees.
            for (int round = 0; round < 10; round++) {
                Exchange exchange = client.send("1 MiB body", "POST", server.sso(), List.of(), body);
                Outcome outcome = new BodyOversized().evaluate(Observed.of(exchange));
                assertEquals(Status.PASS, outcome.status(), "round " + round + ": " + outcome.message() + " / " + exchange.summary());
            }
        }
    }
}
