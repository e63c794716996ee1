package com.hubble.kit.runner.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.Status;
import com.hubble.kit.runner.access.FixedTokens;
import com.hubble.kit.runner.sso.probe.ProbeContext;
import com.hubble.kit.runner.sso.probe.SsoClient;
import com.sun.net.httpserver.HttpServer;

/**
 * sso.token.oversized against real loopback partners: tokens of 64 KiB, 256 KiB and 1 MiB are each sent, so a partner
 * that breaks only on the larger ones fails, and a refusal by 4xx or by an early close passes.
 */
class OversizedTokenTest {
    private static final Secret SECRET = Secret.of("oversized-token-secret-0123");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A partner on the JDK HttpServer reading bodies up to 4 MiB; {@code statusForTokenLength} picks the answer. */
    private static final class TokenLengthPartner implements AutoCloseable {
        private final HttpServer server;

        TokenLengthPartner(IntUnaryOperator statusForTokenLength) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                if (!exchange.getRequestMethod().equals("POST")) {
                    // the kit's one OPTIONS request (SsoClient) only asks which HTTP version the server speaks
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                    return;
                }
                byte[] body = exchange.getRequestBody().readNBytes(4 * 1024 * 1024);
                JsonNode token = JSON.readTree(body).path("token");
                int status = statusForTokenLength.applyAsInt(token.asText().length());
                byte[] answer = (status >= 500 ? "{\"error\":\"internal\"}" : "{\"userId\":null}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.start();
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Reads each request whole, then closes without a word when its body is over {@code limit} bytes. */
    private static final class DropsLargeRequests implements AutoCloseable {
        private final ServerSocket socket;

        DropsLargeRequests(int limit) throws IOException {
            socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket connection = socket.accept()) {
                        InputStream in = connection.getInputStream();
                        int length = contentLength(new String(readHeaders(in), StandardCharsets.ISO_8859_1));
                        in.readNBytes(length);
                        if (length > limit) {
                            continue; // the dropped connection: no answer at all
                        }
                        connection.getOutputStream().write(("HTTP/1.1 401 Unauthorized\r\nContent-Type: "
                                + "application/json\r\nContent-Length: 15\r\nConnection: close\r\n\r\n{\"userId\":null}")
                                .getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException closed) {
                        // closed by close(), or the kit went away
                    }
                }
            });
        }

        private static byte[] readHeaders(InputStream in) throws IOException {
            var headers = new java.io.ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            for (int b = in.read(); b >= 0 && matched < end.length; b = in.read()) {
                headers.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == end.length) {
                    break;
                }
            }
            return headers.toByteArray();
        }

        private static int contentLength(String headers) {
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    return Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
                }
            }
            return 0;
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static CheckResult judge(URI base) {
        FixedTokens none = new FixedTokens(List.of(), false, "no tokens are needed for oversized tokens");
        try (SsoClient client = new SsoClient(Duration.ofSeconds(5), false, new Redactor())) {
            ProbeContext context = new ProbeContext(base, client, SECRET, none, none, SsoRuns.FAST);
            Report report = new SsoRun(context).run(base.toString(), List.of(new TokenOversized()), Set.of(), false,
                    List.of(), r -> { });
            return report.checks().getFirst();
        }
    }

    @Test
    void sendsTokensOf64KiB256KiBAnd1MiB() throws IOException {
        List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (TokenLengthPartner partner = new TokenLengthPartner(length -> {
            seen.add(length);
            return 400;
        })) {
            CheckResult result = judge(partner.base());
            assertEquals(Status.PASS, result.status(), result.outcome().message());
            assertEquals(List.of(64 * 1024, 256 * 1024, 1024 * 1024), seen);
        }
    }

    @Test
    void aPartnerThatCrashesOnlyOnTokensOver128KiBFails() throws IOException {
        try (TokenLengthPartner partner = new TokenLengthPartner(length -> length > 128 * 1024 ? 500 : 401)) {
            CheckResult result = judge(partner.base());
            assertEquals(Status.FAIL, result.status(), result.outcome().message());
            assertTrue(result.outcome().message().contains("256 KiB token"), result.outcome().message());
            assertTrue(result.outcome().message().contains("1 MiB token"), result.outcome().message());
            assertEquals(2, result.outcome().evidence().size());
        }
    }

    @Test
    void aPartnerAnswering500ToA1MiBTokenFails() throws IOException {
        try (TokenLengthPartner partner = new TokenLengthPartner(length -> length >= 1024 * 1024 ? 500 : 401)) {
            CheckResult result = judge(partner.base());
            assertEquals(Status.FAIL, result.status(), result.outcome().message());
            assertTrue(result.outcome().message().contains("1 MiB token: expected a 4xx, got 500"),
                    result.outcome().message());
        }
    }

    @Test
    void aPartnerThatDropsTheConnectionAfterReadingALargeTokenFails() throws IOException {
        try (DropsLargeRequests partner = new DropsLargeRequests(512 * 1024)) {
            CheckResult result = judge(partner.base());
            assertEquals(Status.FAIL, result.status(), result.outcome().message());
            assertTrue(result.outcome().message().contains("1 MiB token"), result.outcome().message());
        }
    }

    @Test
    void aPartnerWithA16KiBBodyLimitAnswering413PassesAsDoesTheGallerysCompliantPartner() throws IOException {
        try (TokenLengthPartner partner = new TokenLengthPartner(length -> length > 16 * 1024 ? 413 : 401);
             PartnerServer compliant = PartnerServer.start(SECRET)) {
            CheckResult limited = judge(partner.base());
            assertEquals(Status.PASS, limited.status(), limited.outcome().message());
            CheckResult gallery = judge(compliant.baseUri());
            assertEquals(Status.PASS, gallery.status(), gallery.outcome().message());
        }
    }
}
