package com.hubble.kit.runner.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.hubble.kit.reference.sandbox.FaultPlan;
import com.hubble.kit.reference.sandbox.Sandbox;
import com.hubble.kit.reference.sandbox.SandboxSettings;
import com.hubble.kit.runner.cli.HubbleKit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** login-doctor against the sandbox: success, and an explanation for each way a login or call fails. */
class LoginDoctorCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run doctor(String baseUrl, String clientId, String secret, String... extra) throws Exception {
        Path secretFile = dir.resolve("secret");
        Files.writeString(secretFile, secret + "\n");
        List<String> args = new ArrayList<>(List.of("login-doctor", "--base-url", baseUrl, "--client-id", clientId,
                "--secret-file", secretFile.toString()));
        args.addAll(Arrays.asList(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HubbleKit.mainWithoutExit(new PrintWriter(out, true), new PrintWriter(err, true),
                args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void confirmsAWorkingLoginAndAuthenticatedCall() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults())) {
            Run run = doctor(sandbox.baseUri().toString(), "test-client-id", "test-client-secret");
            assertEquals(0, run.exit(), run.out() + run.err());
            assertTrue(run.out().contains("OK    login: 200"), run.out());
            assertTrue(run.out().contains("OK    authenticated call"), run.out());
            assertFalse(run.out().contains("test-client-secret"));
        }
    }

    @Test
    void explainsWrongCredentialsWithTheWrongEnvironmentAndTheRequestId() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults())) {
            Run run = doctor(sandbox.baseUri().toString(), "test-client-id", "staging-secret-on-prod");
            assertEquals(1, run.exit());
            assertTrue(run.out().contains("FAIL  login (POST /v1/partners/auth/login): 401"), run.out());
            assertTrue(run.out().contains("wrong environment"), run.out());
            String requestId = sandbox.exchanges().getFirst().requestId().orElseThrow();
            assertTrue(run.out().contains(requestId), "the X-REQUEST-ID to give support");
            assertFalse(run.out().contains("staging-secret-on-prod"), "the secret is never printed");
        }
    }

    @Test
    void explainsA403AsTheIpAllowList() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults())) {
            Run run = doctor(sandbox.baseUri().toString(), SandboxSettings.BLOCKED_CLIENT_ID,
                    SandboxSettings.BLOCKED_CLIENT_SECRET);
            assertEquals(1, run.exit());
            assertTrue(run.out().contains("allow-list"), run.out());
        }
    }

    @Test
    void explainsA404AsTheWrongPathOrBaseUrl() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults())) {
            Run run = doctor(sandbox.baseUri() + "/api", "test-client-id", "test-client-secret");
            assertEquals(1, run.exit(), run.out());
            assertTrue(run.out().contains("plural partners"), run.out());
            assertEquals("/api/v1/partners/auth/login", sandbox.exchanges().getFirst().path());
        }
    }

    @Test
    void refusesABaseUrlThatAlreadyHoldsTheSingularApiPath() throws Exception {
        Run run = doctor("https://api.dev.myhubble.money/v1/partner", "test-client-id", "x");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("plural"), run.err());
    }

    @Test
    void explainsAFailingAuthenticatedCallAfterAGoodLogin() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults()
                .withFaults(FaultPlan.NONE.withUnavailableAtCall(1)))) {
            Run run = doctor(sandbox.baseUri().toString(), "test-client-id", "test-client-secret");
            assertEquals(1, run.exit());
            assertTrue(run.out().contains("OK    login"), run.out());
            assertTrue(run.out().contains("FAIL  authenticated call (GET /v1/partners/products): 503"), run.out());
        }
    }

    @Test
    void saysWhenHubbleCannotBeReached() throws Exception {
        Run run = doctor("http://127.0.0.1:1", "test-client-id", "test-client-secret");
        assertEquals(3, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("no response"), run.out());
    }

    @Test
    void needsASecretAndSaysWhere() throws Exception {
        StringWriter err = new StringWriter();
        int exit = HubbleKit.mainWithoutExit(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                "login-doctor", "--base-url", "http://127.0.0.1:1", "--client-id", "x",
                "--secret-env", "HUBBLE_KIT_TEST_UNSET_VARIABLE");
        assertEquals(2, exit);
        assertTrue(err.toString().contains("HUBBLE_KIT_TEST_UNSET_VARIABLE"), err.toString());
    }
    /** A hostile Hubble API on loopback: {@code login} and {@code call} answer each request (the body as read). */
    private static com.sun.net.httpserver.HttpServer hostileApi(java.util.function.BiFunction<com.sun.net.httpserver.HttpExchange,
            String, String> handler) throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String reply = handler.apply(exchange, body);
            int status = Integer.parseInt(reply.substring(0, 3));
            byte[] bytes = reply.substring(4).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String error(String message) {
        String quoted = com.fasterxml.jackson.databind.node.TextNode.valueOf(message).toString();
        return "{\"code\":\"UNAUTHORIZED\",\"message\":" + quoted + ",\"debugMessage\":" + quoted
                + ",\"subErrors\":[{\"fieldName\":\"clientSecret\",\"message\":" + quoted + "}]}";
    }

    private static String url(com.sun.net.httpserver.HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aServerQuotingTheSecretInItsLoginErrorNeverGetsItPrintedInAnyEncoding() throws Exception {
        String secret = "Zq8-sEcReT/Value+42=xYz";
        com.sun.net.httpserver.HttpServer server = hostileApi((exchange, body) -> {
            String sent = body.replaceAll(".*\"clientSecret\":\"([^\"]*)\".*", "$1");
            return "401 " + error(LeakScan.echo(sent));
        });
        try {
            Run run = doctor(url(server), "cid", secret);
            assertEquals(1, run.exit(), run.out() + run.err());
            assertTrue(run.out().contains("[REDACTED:secret]"), "the message is shown, redacted: " + run.out());
            LeakScan.assertNoForm(run.out() + run.err(), List.of(secret));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aServerQuotingEachTokenItIssuedInTheCallsErrorNeverGetsOnePrinted() throws Exception {
        List<String> issued = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer server = hostileApi((exchange, body) -> {
            if (exchange.getRequestURI().getPath().endsWith("/auth/login")) {
                String token = "hostile-token-" + issued.size() + "-" + java.util.UUID.randomUUID();
                issued.add(token);
                return "200 {\"token\":\"" + token + "\",\"expiresInSecs\":3600}";
            }
            String sent = exchange.getRequestHeaders().getFirst("Authorization").substring("Bearer ".length());
            return "401 " + error(LeakScan.echo(sent)); // the retry after a re-login too: a second token
        });
        try {
            Run run = doctor(url(server), "cid", "a-secret-value");
            assertEquals(1, run.exit(), run.out() + run.err());
            assertEquals(2, issued.size(), "the client logged in again after the 401");
            assertTrue(run.out().contains("[REDACTED:token]"), run.out());
            LeakScan.assertNoForm(run.out() + run.err(), issued);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aServerSendingAnEndlessErrorBodyGetsAnExplanationNotAnOutOfMemoryError() throws Exception {
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread server = Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try (java.net.Socket socket = listener.accept()) {
                        socket.getInputStream().read(new byte[8192]);
                        java.io.OutputStream out = socket.getOutputStream();
                        out.write(("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                        for (long sent = 0; sent < 4L << 30; sent += chunk.length) { // 4 GiB, more than the heap
                            out.write(chunk);
                        }
                    } catch (java.io.IOException e) {
                        // the kit hung up: expected
                    }
                }
            });
            long started = System.nanoTime();
            Run run = doctor("http://127.0.0.1:" + listener.getLocalPort(), "cid", "a-secret-value");
            assertEquals(1, run.exit(), run.out() + run.err());
            assertTrue(run.out().contains("FAIL  login (POST /v1/partners/auth/login): 401"), run.out());
            assertTrue(System.nanoTime() - started < java.util.concurrent.TimeUnit.SECONDS.toNanos(30), "bounded");
            listener.close();
            server.join(5000);
        }
    }
}
