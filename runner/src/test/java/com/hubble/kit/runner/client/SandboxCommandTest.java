package com.hubble.kit.runner.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hubble.kit.runner.cli.HubbleKit;

import org.junit.jupiter.api.Test;

/** hubble-kit sandbox serves until interrupted, with the lifetime it was given. */
class SandboxCommandTest {

    @Test
    void servesLoginsWithTheGivenLifetimeUntilInterrupted() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread command = Thread.ofPlatform().start(() -> exit.set(HubbleKit.mainWithoutExit(
                new PrintWriter(out, true), new PrintWriter(err, true),
                "sandbox", "--port", "0", "--expires-in", "42")));
        Matcher url = Pattern.compile("Hubble API sandbox on (http://127\\.0\\.0\\.1:\\d+)").matcher("");
        for (int i = 0; i < 300 && !url.reset(out.toString()).find(); i++) {
            Thread.sleep(100);
        }
        assertTrue(url.reset(out.toString()).find(), "the sandbox never announced its URL: " + out);
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url.group(1) + "/v1/partners/auth/login"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"clientId\":\"test-client-id\",\"clientSecret\":\"test-client-secret\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("\"expiresInSecs\":42"), login.body());
        assertTrue(err.toString().contains("#1 POST /v1/partners/auth/login (no X-REQUEST-ID) -> 200 issued token-1"),
                "a live log of the exchange: " + err);
        command.interrupt();
        assertTrue(command.join(Duration.ofSeconds(20)), "the sandbox command did not stop");
        assertEquals(0, exit.get());
    }

    @Test
    void refusesANegativePort() {
        assertEquals(2, HubbleKit.mainWithoutExit(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), "sandbox", "--port", "-1"));
    }
    @Test
    void aTokenTheClientSendsEncodedNeverReachesTheLiveLog() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread command = Thread.ofPlatform().start(() -> HubbleKit.mainWithoutExit(
                new PrintWriter(out, true), new PrintWriter(err, true), "sandbox", "--port", "0"));
        try {
            Matcher url = Pattern.compile("Hubble API sandbox on (http://127\\.0\\.0\\.1:\\d+)").matcher("");
            for (int i = 0; i < 300 && !url.reset(out.toString()).find(); i++) {
                Thread.sleep(100);
            }
            assertTrue(url.reset(out.toString()).find(), "the sandbox never announced its URL: " + out);
            HttpClient http = HttpClient.newHttpClient();
            String body = http.send(HttpRequest.newBuilder(URI.create(url.group(1) + "/v1/partners/auth/login"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"clientId\":\"test-client-id\",\"clientSecret\":\"test-client-secret\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String token = body.replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            byte[] bytes = token.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String base64 = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            String hex = java.util.HexFormat.of().formatHex(bytes);
            String encoded = java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8).replace(".", "%2E");
            int status = http.send(HttpRequest.newBuilder(URI.create(url.group(1) + "/v1/partners/products/" + base64
                            + "?debug=" + hex + "&t=" + encoded))
                    .header("Authorization", "Bearer " + token).header("X-REQUEST-ID", hex)
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            assertEquals(404, status, "an unknown brand");
            for (int i = 0; i < 100 && !err.toString().contains("#2 "); i++) {
                Thread.sleep(50);
            }
            assertTrue(err.toString().contains("#2 GET /v1/partners/products/[REDACTED:token]"), err.toString());
            LeakScan.assertNoForm(out + "\n" + err, java.util.List.of(token));
        } finally {
            command.interrupt();
            assertTrue(command.join(Duration.ofSeconds(20)), "the sandbox command did not stop");
        }
    }
}
