package com.hubble.kit.reference.sso;

import static com.hubble.kit.reference.sso.SsoFixtures.CURRENT;
import static com.hubble.kit.reference.sso.SsoFixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live reload of app.sso.secrets is held to the rules of startup; a refused list leaves the old one in force. */
class SecretReloadGuardTest {
    /** 15 characters: one short of the minimum. */
    private static final String SHORT = "tiny-but-15char";

    @Test
    void aReloadedSecretShorterThan16CharactersIsRefusedAndThePreviousListStaysInForce(@TempDir Path dir)
            throws Exception {
        String template = new String(SecretReloadGuardTest.class.getClassLoader()
                .getResourceAsStream("sso-test.yaml").readAllBytes(), StandardCharsets.UTF_8);
        Path file = dir.resolve("sso.yaml");
        Files.writeString(file, template);
        Config config = SsoConfigLoader.file(file, Map.of(), Duration.ofMillis(100));
        WebServer server = Main.start(config);
        try (SsoFixtures.LogCapture log = new SsoFixtures.LogCapture(Main.class.getName())) {
            HmacTokenVerifier tokens = SsoComponents.create(SsoConfig.from(config), java.time.Clock.systemUTC()).tokens();
            URI sso = URI.create("http://127.0.0.1:" + server.port() + "/sso");
            assertEquals(200, post(sso, CURRENT.reveal(), tokens.mint(USER)));

            Files.writeString(file, template.replaceAll("(?s)    secrets:\\n.*?\\n    signing:",
                    "    secrets:\n      - \"" + SHORT + "\"\n    signing:"));

            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            String refusal = null;
            while (refusal == null && System.nanoTime() < deadline) {
                assertNotEquals(200, post(sso, SHORT, tokens.mint(USER)), "a 15-character secret was accepted on reload");
                refusal = log.lines().stream().filter(line -> line.contains("refused")).findFirst().orElse(null);
                Thread.sleep(100);
            }
            assertTrue(refusal != null, "no refusal was logged within 15 s of the change: " + log.lines());
            assertTrue(refusal.contains("shorter than 16"), refusal);
            assertTrue(refusal.contains("previous 2 secret(s)"), refusal);
            for (String line : log.lines()) {
                assertFalse(line.contains(SHORT), "a log line shows the refused secret: " + line);
            }
            assertEquals(401, post(sso, SHORT, tokens.mint(USER)));
            assertEquals(200, post(sso, CURRENT.reveal(), tokens.mint(USER)));
        } finally {
            server.stop();
        }
    }

    private static int post(URI sso, String secret, MintedToken token) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(sso)
                    .timeout(Duration.ofSeconds(10))
                    .header("X-Hubble-Secret", secret)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token.token().reveal() + "\"}"))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
