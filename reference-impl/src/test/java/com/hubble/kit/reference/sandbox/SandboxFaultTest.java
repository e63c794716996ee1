package com.hubble.kit.reference.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

class SandboxFaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void revokesTheTokenOnTheConfiguredCallAndKeepsItRevoked() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults()
                .withFaults(FaultPlan.NONE.withRevokeTokenAtCall(2)))) {
            String token = login(sandbox).path("token").asText();
            assertEquals(200, products(sandbox, token).statusCode());
            assertEquals(401, products(sandbox, token).statusCode());
            assertEquals(401, products(sandbox, token).statusCode(), "a revoked token stays revoked");
            String fresh = login(sandbox).path("token").asText();
            assertEquals(200, products(sandbox, fresh).statusCode());
            List<RecordedExchange> calls = sandbox.exchanges().stream().filter(e -> !e.isLogin()).toList();
            assertEquals(List.of(Fault.NONE, Fault.REVOKED_TOKEN, Fault.NONE, Fault.NONE),
                    calls.stream().map(RecordedExchange::fault).toList());
            assertEquals(TokenStatus.REVOKED, calls.get(2).authorization().orElseThrow().status());
        }
    }

    @Test
    void injectsThe401OnlyOnAYoungTokenThatWasUsedBeforeSoNoScheduledRefreshCanPassForARetry() throws Exception {
        MutableClock clock = new MutableClock(java.time.Instant.now());
        SandboxState state = new SandboxState(SandboxSettings.defaults().withTokenLifetimeSecs(100)
                .withFaults(FaultPlan.NONE.withRevokeTokenAtCall(2)), clock, BrandCatalogue.bundled());
        try (Sandbox sandbox = Sandbox.start(state, 0)) {
            String old = login(sandbox).path("token").asText();
            assertEquals(200, products(sandbox, old).statusCode());
            clock.advance(Duration.ofSeconds(60));
            assertEquals(200, products(sandbox, old).statusCode(), "call 2: the token is past half its lifetime");
            String fresh = login(sandbox).path("token").asText();
            assertEquals(200, products(sandbox, fresh).statusCode(), "call 3: the first call on a new token");
            assertEquals(401, products(sandbox, fresh).statusCode(), "call 4: young and used before");
            assertEquals(401, products(sandbox, fresh).statusCode(), "revoked from then on");
            String last = login(sandbox).path("token").asText();
            assertEquals(200, products(sandbox, last).statusCode());
            assertEquals(200, products(sandbox, last).statusCode(), "the 401 is injected once");
            assertEquals(1, sandbox.exchanges().stream().filter(e -> e.fault() == Fault.REVOKED_TOKEN).count());
        }
    }

    @Test
    void aShortFirstTokenIsFollowedByLongOnesUnlessTheInjected401RevokedItThenItsReplacementIsShortToo()
            throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults().withTokenLifetimeSecs(3600)
                .withFirstTokenLifetimeSecs(4).withFaults(FaultPlan.NONE.withRevokeTokenAtCall(2)))) {
            JsonNode first = login(sandbox);
            assertEquals(4, first.path("expiresInSecs").asInt());
            assertEquals(200, products(sandbox, first.path("token").asText()).statusCode());
            assertEquals(401, products(sandbox, first.path("token").asText()).statusCode(), "young, used before");
            JsonNode replacement = login(sandbox);
            assertEquals(4, replacement.path("expiresInSecs").asInt(), "a refresh must still come due");
            assertEquals(3600, login(sandbox).path("expiresInSecs").asInt());
        }
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults().withFirstTokenLifetimeSecs(4))) {
            assertEquals(4, login(sandbox).path("expiresInSecs").asInt());
            assertEquals(3600, login(sandbox).path("expiresInSecs").asInt());
        }
    }

    @Test
    void recordsADigestOfAnAuthenticatedCallsBodySoARetryCanBeToldFromAnotherCall() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults())) {
            String token = login(sandbox).path("token").asText();
            for (String body : List.of("{\"a\":1}", "{\"a\":1}", "{\"a\":2}")) {
                http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/v1/partners/products"))
                        .header("Authorization", "Bearer " + token).header("X-Request-Id", UUID.randomUUID().toString())
                        .method("GET", HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
            }
            products(sandbox, token);
            List<String> digests = sandbox.exchanges().stream().filter(e -> !e.isLogin())
                    .map(RecordedExchange::bodyDigest).toList();
            assertEquals(4, digests.size());
            assertEquals(digests.get(0), digests.get(1));
            assertTrue(digests.get(0).startsWith("sha256:") && digests.get(0).endsWith("/7"), digests.get(0));
            assertTrue(!digests.get(1).equals(digests.get(2)), digests.toString());
            assertEquals("", digests.get(3), "no body, no digest");
            assertEquals("", sandbox.exchanges().getFirst().bodyDigest(), "a login's body is never digested");
        }
    }

    @Test
    void throttlesOnceWithRetryAfterThenFailsOnceWith503() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults()
                .withFaults(FaultPlan.NONE.withThrottleAtCall(1, 7).withUnavailableAtCall(2)))) {
            String token = login(sandbox).path("token").asText();
            HttpResponse<String> throttled = products(sandbox, token);
            assertEquals(429, throttled.statusCode());
            assertEquals("7", throttled.headers().firstValue("Retry-After").orElseThrow());
            assertEquals(503, products(sandbox, token).statusCode());
            assertEquals(200, products(sandbox, token).statusCode());
        }
    }

    @Test
    void sendsExpiresInSecsAsAStringWhenConfiguredSo() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults().withTokenLifetimeSecs(42)
                .withLifetimeAsString(true))) {
            JsonNode body = login(sandbox);
            assertTrue(body.path("expiresInSecs").isTextual());
            assertEquals("42", body.path("expiresInSecs").asText());
        }
    }

    @Test
    void readsItsSettingsFromSandboxYaml() {
        SandboxSettings settings = SandboxSettings.fromConfig(SandboxMain.config().get("app.sandbox"));
        assertEquals(3600, settings.tokenLifetimeSecs());
        assertTrue(settings.client("test-client-id").orElseThrow().allowListed());
        assertTrue(!settings.client("blocked-client-id").orElseThrow().allowListed());
        assertEquals(FaultPlan.NONE, settings.faults());
    }

    private JsonNode login(Sandbox sandbox) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/v1/partners/auth/login"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"clientId\":\"test-client-id\",\"clientSecret\":\"test-client-secret\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode());
        return JSON.readTree(res.body());
    }

    private HttpResponse<String> products(Sandbox sandbox, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/v1/partners/products"))
                .header("Authorization", "Bearer " + token).header("X-Request-Id", UUID.randomUUID().toString())
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
