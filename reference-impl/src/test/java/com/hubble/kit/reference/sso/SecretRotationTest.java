package com.hubble.kit.reference.sso;

import static com.hubble.kit.reference.sso.SsoFixtures.CURRENT;
import static com.hubble.kit.reference.sso.SsoFixtures.NEXT;
import static com.hubble.kit.reference.sso.SsoFixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.hubble.kit.reference.Secret;
import io.helidon.config.Config;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ServerTest
class SecretRotationTest {
    private static final SsoComponents COMPONENTS = SsoFixtures.components();
    private final Http1Client client;

    SecretRotationTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder builder) {
        Main.routing(builder, COMPONENTS);
    }

    @Test
    void bothConfiguredSecretsAreAcceptedAndARemovedOneStopsWorkingWithoutARestart() {
        assertEquals(200, SsoFixtures.postToken(client, CURRENT, COMPONENTS.tokens().mint(USER)).status());
        assertEquals(200, SsoFixtures.postToken(client, NEXT, COMPONENTS.tokens().mint(USER)).status());
        try {
            COMPONENTS.secrets().replace(List.of(NEXT));

            assertEquals(401, SsoFixtures.postToken(client, CURRENT, COMPONENTS.tokens().mint(USER)).status());
            assertEquals(200, SsoFixtures.postToken(client, NEXT, COMPONENTS.tokens().mint(USER)).status());
        } finally {
            COMPONENTS.secrets().replace(List.of(CURRENT, NEXT));
        }
    }

    @Test
    void editingTheConfigFileRotatesTheSecretsOfARunningServer(@TempDir Path dir) throws Exception {
        String template = new String(SecretRotationTest.class.getClassLoader()
                .getResourceAsStream("sso-test.yaml").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        Path file = dir.resolve("sso.yaml");
        Files.writeString(file, template);
        Config config = SsoConfigLoader.file(file, Map.of(), Duration.ofMillis(100));
        WebServer server = Main.start(config);
        try {
            HmacTokenVerifier tokens = SsoComponents.create(SsoConfig.from(config), java.time.Clock.systemUTC()).tokens();
            URI sso = URI.create("http://127.0.0.1:" + server.port() + "/sso");
            assertEquals(200, post(sso, CURRENT, tokens.mint(USER)));

            // Drop the current secret, as an operator finishing a rotation would.
            Files.writeString(file, template.replace("      - \"current-secret-0123456789\"\n", ""));

            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            int status = 200;
            while (status == 200 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                status = post(sso, CURRENT, tokens.mint(USER));
            }
            assertEquals(401, status, "the removed secret was still accepted 15 s after the file changed");
            assertEquals(200, post(sso, NEXT, tokens.mint(USER)));
        } finally {
            server.stop();
        }
    }

    private static int post(URI sso, Secret secret, MintedToken token) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(sso)
                    .timeout(Duration.ofSeconds(10))
                    .header("X-Hubble-Secret", secret.reveal())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token.token().reveal() + "\"}"))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
