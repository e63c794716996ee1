package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hubble-kit serve} as its own process: its access log keeps every line through a clean shutdown. */
class ServeShutdownTest {

    @Test
    void everyRequestAnsweredBeforeSigtermHasItsAccessLineAfterTheProcessExits(@TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("stderr.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HubbleKit.class.getName(), "serve", "--port", "0")
                .redirectError(stderr.toFile());
        builder.environment().put("HUBBLE_SECRET", "shutdown-secret-0123456789");
        Process serve = builder.start();
        int requests = 300;
        try {
            String url = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(url != null && url.startsWith("http://127.0.0.1:"), "serve printed " + url + "; " + Files.readString(stderr));
            try (HttpClient http = HttpClient.newHttpClient()) {
                List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(url + "/sso"))
                            .timeout(Duration.ofSeconds(30))
                            .header("X-Hubble-Secret", "shutdown-secret-0123456789")
                            .header("X-REQUEST-ID", "shutdown-" + i)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"token\": \"hk1.x.y\"}"))
                            .build(), HttpResponse.BodyHandlers.discarding()));
                }
                for (CompletableFuture<HttpResponse<Void>> answer : answers) {
                    assertEquals(401, answer.get(30, TimeUnit.SECONDS).statusCode());
                }
            }
            serve.destroy(); // SIGTERM, right after the last answer
            assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "serve stopped within 30 s of SIGTERM");
        } finally {
            serve.destroyForcibly();
        }

        List<String> lines = Files.readAllLines(stderr);
        for (int i = 0; i < requests; i++) {
            String id = "requestId=shutdown-" + i + " ";
            assertEquals(1, lines.stream().filter(l -> l.contains(id)).count(), "the access line of request " + i);
        }
        assertFalse(lines.stream().anyMatch(l -> l.contains("\tat ")), "no stack trace: " + lines);
    }
}
