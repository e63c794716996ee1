package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServeCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void restore() {
        ServeCommand.environment = System::getenv;
        MintCommand.environment = System::getenv;
        ServeCommand.whenReady = null;
    }

    private int run(String... args) {
        return HubbleKit.mainWithoutExit(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void withoutHubbleSecretTheDemoServerRefusesToStartAndNamesTheFix() {
        ServeCommand.environment = Map::of;

        assertEquals(2, run("serve", "--port", "0"));
        assertTrue(err.toString().contains("HUBBLE_SECRET"), err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void refusesAnOutOfRangePort() {
        ServeCommand.environment = () -> Map.of("HUBBLE_SECRET", "s3cret");

        assertEquals(2, run("serve", "--port", "70000"));
    }

    @Test
    void theDemoServerRefusesANonLoopbackHost() {
        ServeCommand.environment = () -> Map.of("HUBBLE_SECRET", "s3cret", "SERVER_HOST", "0.0.0.0");

        assertEquals(2, run("serve", "--port", "0"));
        assertTrue(err.toString().contains("loopback"), err.toString());
    }

    @Test
    void printsItsUrlOnceReadyAndAcceptsATokenFromMint() throws Exception {
        ServeCommand.environment = () -> Map.of("HUBBLE_SECRET", "s3cret");
        MintCommand.environment = Map::of;
        AtomicReference<WebServer> started = new AtomicReference<>();
        ServeCommand.whenReady = started::set;
        try {
            assertEquals(0, run("serve", "--port", "0"));
            String url = out.toString().strip();
            assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+"), url);

            StringWriter minted = new StringWriter();
            assertEquals(0, HubbleKit.mainWithoutExit(new PrintWriter(minted, true), new PrintWriter(new StringWriter(), true), "mint"));
            String token = new ObjectMapper().readTree(minted.toString()).get("token").asText();
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/sso"))
                        .timeout(Duration.ofSeconds(10))
                        .header("X-Hubble-Secret", "s3cret")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"token\": \"" + token + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), response.body());
                assertTrue(response.body().contains("\"userId\":\"test-user-123\""), response.body());
            }
        } finally {
            if (started.get() != null) {
                started.get().stop();
            }
        }
    }

    /** Starts one in-process {@code serve} with {@code args} and returns it with its printed URL. */
    private record Started(WebServer server, String url) {
    }

    private Started serve(String... args) {
        StringWriter own = new StringWriter();
        AtomicReference<WebServer> started = new AtomicReference<>();
        ServeCommand.whenReady = started::set;
        int code = HubbleKit.mainWithoutExit(new PrintWriter(own, true), new PrintWriter(err, true), args);
        assertEquals(0, code, err.toString());
        return new Started(started.get(), own.toString().strip());
    }

    private static String mintToken() throws Exception {
        StringWriter minted = new StringWriter();
        assertEquals(0, HubbleKit.mainWithoutExit(new PrintWriter(minted, true), new PrintWriter(new StringWriter(), true), "mint"));
        return new ObjectMapper().readTree(minted.toString()).get("token").asText();
    }

    private static HttpResponse<String> postToken(HttpClient http, String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/sso"))
                .timeout(Duration.ofSeconds(10))
                .header("X-Hubble-Secret", "s3cret")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\": \"" + token + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void twoServeInstancesWithTheSameDemoSecretAndKeyAcceptTheSameMintedTokens() throws Exception {
        ServeCommand.environment = () -> Map.of("HUBBLE_SECRET", "s3cret");
        MintCommand.environment = Map::of;
        Started one = serve("serve", "--port", "0");
        Started two = serve("serve", "--port", "0");
        try (HttpClient http = HttpClient.newHttpClient()) {
            assertEquals(200, postToken(http, one.url(), mintToken()).statusCode());
            assertEquals(200, postToken(http, two.url(), mintToken()).statusCode());
        } finally {
            one.server().stop();
            two.server().stop();
        }
    }

    @Test
    void withARedisUriThatAnswersNothingServeStartsAndRefusesEveryTokenWith503UntilRedisAnswers() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ServeCommand.environment = () -> Map.of("HUBBLE_SECRET", "s3cret");
        MintCommand.environment = Map::of;
        Started server = serve("serve", "--port", "0", "--redis-uri", "redis://127.0.0.1:" + closedPort);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = postToken(http, server.url(), mintToken());
            assertEquals(503, response.statusCode(), response.body());
            assertEquals("{\"userId\":null}", response.body());
            assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/observe/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, health.statusCode(), health.body());
            assertTrue(health.body().contains("redis://127.0.0.1:" + closedPort), health.body());
        } finally {
            server.server().stop();
        }
    }

    @Test
    void aRedisUriCarryingAPasswordIsRefusedWithoutEchoingItAndNamesTheVariable() {
        ServeCommand.environment = () -> Map.of("HUBBLE_SECRET", "s3cret");

        assertEquals(2, run("serve", "--port", "0", "--redis-uri", "redis://:hunter2-password@127.0.0.1:6379"));
        assertTrue(err.toString().contains("HUBBLE_SSO_REDIS_PASSWORD"), err.toString());
        assertFalse(err.toString().contains("hunter2"), err.toString());
    }

    @Test
    void aRedisUriOfAnotherSchemeIsAUsageError() {
        ServeCommand.environment = () -> Map.of("HUBBLE_SECRET", "s3cret");

        assertEquals(2, run("serve", "--port", "0", "--redis-uri", "http://127.0.0.1:6379"));
        assertTrue(err.toString().contains("redis://"), err.toString());
    }
}
