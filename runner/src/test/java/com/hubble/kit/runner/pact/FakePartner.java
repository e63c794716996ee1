package com.hubble.kit.runner.pact;

import java.net.URI;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** A small partner /sso server for tests: compliant, or with one defect a real partner makes. */
final class FakePartner implements AutoCloseable {
    static final String SECRET = "fake-partner-secret-0123456789";
    static final String USER = "fake-user-42";

    /** What the partner gets wrong. */
    enum Defect { NONE, WRONG_USER, TEXT_CONTENT_TYPE, ACCEPTS_ANY_TOKEN, SLOW, HUGE_BODY }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> seenSecrets = ConcurrentHashMap.newKeySet();
    private final Defect defect;
    private final WebServer server;

    private FakePartner(Defect defect) {
        this.defect = defect;
        this.server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.post("/sso", this::ssoHandler))
                .build()
                .start();
    }

    static FakePartner start(Defect defect) {
        return new FakePartner(defect);
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** A fresh single-use token for {@link #USER}. */
    String mint() {
        String token = "tok-" + UUID.randomUUID();
        validTokens.add(token);
        return token;
    }

    Set<String> seenSecrets() {
        return seenSecrets;
    }

    private void ssoHandler(ServerRequest request, ServerResponse response) throws Exception {
        String secret = request.headers().first(HeaderNames.create("X-Hubble-Secret")).orElse("");
        seenSecrets.add(secret);
        JsonNode body = JSON.readTree(request.content().as(String.class));
        String token = body.path("token").asText("");
        boolean valid = SECRET.equals(secret) && (validTokens.remove(token) || defect == Defect.ACCEPTS_ANY_TOKEN);
        response.header(HeaderNames.CONTENT_TYPE, defect == Defect.TEXT_CONTENT_TYPE ? "text/plain" : "application/json");
        if (!valid) {
            response.status(Status.UNAUTHORIZED_401).send("{\"userId\":null}");
            return;
        }
        if (defect == Defect.SLOW) {
            Thread.sleep(3_000);
        }
        if (defect == Defect.HUGE_BODY) {
            response.send("{\"userId\":\"" + USER + "\",\"padding\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");
            return;
        }
        String user = defect == Defect.WRONG_USER ? "someone-else" : USER;
        response.send("{\"userId\":\"" + user + "\",\"firstName\":\"Fake\",\"lastName\":\"User\",\"phoneNumber\":\"5550100\"}");
    }

    @Override
    public void close() {
        server.stop();
    }
}
