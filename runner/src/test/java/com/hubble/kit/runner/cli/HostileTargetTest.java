package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.sso.PartnerServer;
import com.hubble.kit.runner.sso.PartnerServer.Defect;
import com.sun.net.httpserver.HttpServer;

/**
 * Targets that try to hang, flood or misdirect the kit: each run ends within its bounds, with FAILs, and a
 * redirect target never sees the secret. The bounds are generous ceilings, not performance assertions.
 */
class HostileTargetTest {
    private static final Duration CEILING = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Cli runCheck(String baseUrl, String timeout, String... more) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret"), "hostile-test-secret-5551234");
        List<String> args = new ArrayList<>(List.of("check", "--base-url", baseUrl, "--secret-file", secret.toString(),
                "--token", "tok-valid-a", "--expired-token", "tok-expired-b", "--timeout", timeout,
                "--load-duration", "200ms", "--concurrency", "2", "--report-dir", dir.resolve("report").toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private JsonNode check(String id) throws IOException {
        for (JsonNode check : JSON.readTree(dir.resolve("report/report.json").toFile()).get("checks")) {
            if (check.get("id").asText().equals(id)) {
                return check;
            }
        }
        throw new AssertionError("no check " + id);
    }

    @Test
    void aTargetThatNeverAnswersFailsEveryCheckByTimeout() throws IOException {
        try (RawServer silent = new RawServer(socket -> Thread.sleep(Long.MAX_VALUE))) {
            Cli cli = assertTimeoutPreemptively(CEILING, () -> runCheck(silent.baseUrl(), "250ms"));
            assertEquals(1, cli.exit(), cli.both());
            JsonNode status = check("sso.valid.status");
            assertEquals("FAIL", status.get("status").asText());
            assertTrue(status.get("message").asText().contains("timed out"), status.toString());
            assertEquals("FAIL", check("sso.perf.concurrency").get("status").asText());
        }
    }

    @Test
    void aSilentTargetIsNoLongerProbedAfterThreeTimeoutsAndTheReportSaysSo() throws IOException {
        try (RawServer silent = new RawServer(socket -> Thread.sleep(Long.MAX_VALUE))) {
            Cli cli = assertTimeoutPreemptively(CEILING, () -> runCheck(silent.baseUrl(), "300ms"));
            assertEquals(1, cli.exit(), cli.both());
            for (String id : List.of("sso.secret.missing", "sso.body.malformed", "sso.perf.latency")) {
                JsonNode later = check(id);
                assertEquals("FAIL", later.get("status").asText(), later.toString());
                String message = later.get("message").asText();
                assertTrue(message.contains(com.hubble.kit.runner.sso.probe.SsoClient.NOT_SENT)
                        || message.contains("no HTTP response") || message.contains("timed out"), later.toString());
            }
            JsonNode echo = check("sso.errors.no-secret-echo");
            assertEquals("FAIL", echo.get("status").asText(), echo.toString());
            // The load is not sent to a silent target; its evidence is a recorded, not-sent call, redacted like any.
            JsonNode load = check("sso.perf.concurrency");
            assertEquals("FAIL", load.get("status").asText(), load.toString());
            assertTrue(load.toString().contains("NOT_SENT"), load.toString());
            StringBuilder written = new StringBuilder(cli.both());
            try (var files = Files.list(dir.resolve("report"))) {
                for (Path file : files.toList()) {
                    written.append(Files.readString(file));
                }
            }
            LeakMatrixTest.assertNoLeak("silent target", written.toString(),
                    List.of("hostile-test-secret-5551234", "tok-valid-a", "tok-expired-b"));
        }
    }

    @Test
    void timedCallsThatGotNoAnswerAreShownInTheLatencyEvidence() throws IOException {
        // Every other connection is closed at once without an answer (fast, unlike a timeout); the rest get a 401
        // after 30 ms.
        java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        RawServer.Behaviour flaky = socket -> {
            RawServer.readHead(socket);
            if (connections.incrementAndGet() % 2 == 0) {
                socket.close();
                return;
            }
            Thread.sleep(30); // answered calls are the slow ones: the slowest call shown is never a failed one
            RawServer.write(socket, "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 15\r\n"
                    + "Connection: close\r\n\r\n{\"userId\":null}");
        };
        try (RawServer server = new RawServer(flaky)) {
            assertTimeoutPreemptively(CEILING, () -> runCheck(server.baseUrl(), "2s"));
            JsonNode latency = check("sso.perf.latency");
            assertEquals("FAIL", latency.get("status").asText(), latency.toString());
            assertTrue(latency.get("message").asText().contains("got no HTTP response"), latency.toString());
            boolean failedCallShown = false;
            for (JsonNode exchange : latency.get("evidence")) {
                failedCallShown |= exchange.hasNonNull("failure");
            }
            assertTrue(failedCallShown, "a call that got no HTTP response, with its error, in the evidence: " + latency);
        }
    }

    @Test
    void aTargetThatTricklesItsBodyIsCutOffByTheWholeExchangeDeadline() throws IOException {
        RawServer.Behaviour trickle = socket -> {
            RawServer.readHead(socket);
            RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{");
            while (true) {
                RawServer.write(socket, " ");
                Thread.sleep(50);
            }
        };
        try (RawServer server = new RawServer(trickle)) {
            Cli cli = assertTimeoutPreemptively(CEILING, () -> runCheck(server.baseUrl(), "250ms"));
            assertEquals(1, cli.exit(), cli.both());
            JsonNode status = check("sso.valid.status");
            assertTrue(status.get("message").asText().contains("timed out"), status.toString());
        }
    }

    @Test
    void aHundredMebibyteBodyIsReadOnlyUpToTheCap() throws IOException {
        long size = 100L * 1024 * 1024;
        RawServer.Behaviour flood = socket -> {
            RawServer.readHead(socket);
            RawServer.write(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + size + "\r\n\r\n");
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            for (long sent = 0; sent < size; sent += chunk.length) {
                socket.getOutputStream().write(chunk);
            }
        };
        try (RawServer server = new RawServer(flood)) {
            Cli cli = assertTimeoutPreemptively(CEILING, () -> runCheck(server.baseUrl(), "5s",
                    "--only", "sso.valid.status", "--only", "sso.valid.schema", "--only", "sso.token.random"));
            assertEquals(1, cli.exit(), cli.both());
            JsonNode schema = check("sso.valid.schema");
            assertEquals("FAIL", schema.get("status").asText());
            assertTrue(schema.get("evidence").get(0).get("response").get("truncated").asBoolean(), schema.toString());
            assertTrue(schema.get("message").asText().contains("larger than the 1 MiB read limit"), schema.toString());
            assertEquals("FAIL", check("sso.token.random").get("status").asText());
        }
    }

    @Test
    void aRedirectToAnotherPortIsNeverFollowedAndThatPortNeverSeesTheSecret() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger secrets = new AtomicInteger();
        HttpServer elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere.createContext("/", exchange -> {
            calls.incrementAndGet();
            if (exchange.getRequestHeaders().containsKey("X-Hubble-Secret")) {
                secrets.incrementAndGet();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        elsewhere.start();
        Secret secret = Secret.of("hostile-test-secret-5551234");
        try (PartnerServer redirecting = PartnerServer.start(secret, Defect.REDIRECTS)
                .redirectingTo(java.net.URI.create("http://127.0.0.1:" + elsewhere.getAddress().getPort()))) {
            Cli cli = assertTimeoutPreemptively(CEILING, () -> runCheck(redirecting.baseUri().toString(), "250ms"));
            assertEquals(1, cli.exit(), cli.both());
            assertEquals("FAIL", check("sso.transport.no-redirect").get("status").asText());
            assertEquals("FAIL", check("sso.valid.status").get("status").asText());
            assertEquals(0, calls.get(), "the kit followed a redirect");
            assertEquals(0, secrets.get(), "the secret reached the redirect target");
        } finally {
            elsewhere.stop(0);
        }
    }
}
