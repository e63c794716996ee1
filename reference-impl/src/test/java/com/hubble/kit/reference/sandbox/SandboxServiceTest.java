package com.hubble.kit.reference.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

@ServerTest
class SandboxServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HeaderName REQUEST_ID = HeaderNames.create("X-REQUEST-ID");
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private static final SandboxState STATE = new SandboxState(SandboxSettings.defaults(), CLOCK,
            BrandCatalogue.bundled());
    private final Http1Client client;

    SandboxServiceTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        SandboxMain.routing(routing, STATE);
    }

    @Test
    void issuesATokenForTheDefaultCredentials() throws Exception {
        JsonNode body = login("{\"clientId\":\"test-client-id\",\"clientSecret\":\"test-client-secret\"}", 200);
        assertFalse(body.path("token").asText().isBlank());
        assertTrue(body.path("expiresInSecs").isNumber());
        assertEquals(3600, body.path("expiresInSecs").asInt());
    }

    @Test
    void rejectsWrongCredentialsWith401AndTheErrorEnvelopeEchoingTheRequestId() throws Exception {
        String requestId = UUID.randomUUID().toString();
        try (HttpClientResponse res = client.post("/v1/partners/auth/login")
                .header(HeaderNames.CONTENT_TYPE, "application/json").header(REQUEST_ID, requestId)
                .submit("{\"clientId\":\"test-client-id\",\"clientSecret\":\"not-the-secret-42\"}")) {
            assertEquals(401, res.status().code());
            JsonNode error = JSON.readTree(res.as(String.class));
            assertEquals(requestId, error.path("requestId").asText());
            for (String field : List.of("id", "code", "message", "requestId", "debugMessage", "subErrors")) {
                assertTrue(error.has(field), "envelope field " + field);
            }
            assertFalse(error.toString().contains("not-the-secret-42"), "the submitted secret is not echoed");
        }
    }

    @Test
    void rejectsALoginWithoutClientSecretWith400NamingTheField() throws Exception {
        JsonNode error = login("{\"clientId\":\"test-client-id\"}", 400);
        assertEquals("clientSecret", error.path("subErrors").get(0).path("fieldName").asText());
    }

    @Test
    void refusesAClientThatIsNotAllowListedWith403() throws Exception {
        login("{\"clientId\":\"blocked-client-id\",\"clientSecret\":\"blocked-client-secret\"}", 403);
    }

    @Test
    void answersTheSingularPathWith404NamingThePluralPath() throws Exception {
        try (HttpClientResponse res = client.post("/v1/partner/auth/login")
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"clientId\":\"test-client-id\",\"clientSecret\":\"test-client-secret\"}")) {
            assertEquals(404, res.status().code());
            assertTrue(JSON.readTree(res.as(String.class)).path("message").asText()
                    .contains("/v1/partners/auth/login"));
        }
    }

    @Test
    void listsTheCatalogueInPagesWithANextCursorUntilTheLastPage() throws Exception {
        String token = token();
        JsonNode first = get("/v1/partners/products", "pageNo=1&limit=5", token, 200);
        assertEquals(5, first.path("data").size());
        assertEquals(2, first.path("nextCursor").path("pageNo").asInt());
        assertEquals(5, first.path("nextCursor").path("limit").asInt());
        JsonNode last = get("/v1/partners/products", "pageNo=3&limit=5", token, 200);
        assertEquals(STATE.catalogue().brands().size() - 10, last.path("data").size());
        assertTrue(last.path("nextCursor").isNull());
    }

    @Test
    void rejectsAPageNumberBelowOneWith400() throws Exception {
        JsonNode error = get("/v1/partners/products", "pageNo=0", token(), 400);
        assertEquals("pageNo", error.path("subErrors").get(0).path("fieldName").asText());
    }

    @Test
    void returnsOneBrandById() throws Exception {
        String id = STATE.catalogue().brands().get(2).path("id").asText();
        JsonNode brand = get("/v1/partners/products/" + id, token(), 200);
        assertEquals(id, brand.path("id").asText());
        get("/v1/partners/products/no-such-brand", token(), 404);
    }

    @Test
    void rejectsAProductsCallWithoutATokenWith401EchoingTheRequestId() throws Exception {
        String requestId = UUID.randomUUID().toString();
        try (HttpClientResponse res = client.get("/v1/partners/products").header(REQUEST_ID, requestId).request()) {
            assertEquals(401, res.status().code());
            assertEquals(requestId, JSON.readTree(res.as(String.class)).path("requestId").asText());
        }
    }

    @Test
    void rejectsATokenItNeverIssuedWith401() throws Exception {
        get("/v1/partners/products", "sbx.not-a-real-token", 401);
    }

    @Test
    void rejectsATokenOnceItsLifetimeHasPassed() throws Exception {
        String token = token();
        get("/v1/partners/products", token, 200);
        CLOCK.advance(Duration.ofSeconds(3601));
        JsonNode error = get("/v1/partners/products", token, 401);
        assertTrue(error.path("message").asText().contains("expired"));
    }

    @Test
    void rejectsAnAuthenticatedCallWithoutRequestIdWith400() throws Exception {
        try (HttpClientResponse res = client.get("/v1/partners/products")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + token()).request()) {
            assertEquals(400, res.status().code());
        }
    }

    @Test
    void recordsWhichTokenACallCarriedButNeverTheTokenOrSecret() throws Exception {
        JsonNode login = login("{\"clientId\":\"test-client-id\",\"clientSecret\":\"test-client-secret\"}", 200);
        String token = login.path("token").asText();
        String requestId = UUID.randomUUID().toString();
        try (HttpClientResponse res = client.get("/v1/partners/products").queryParam("access_token", token)
                .header(HeaderNames.AUTHORIZATION, "Bearer " + token).header(REQUEST_ID, requestId).request()) {
            assertEquals(200, res.status().code());
        }
        String tokenId = STATE.tokens().find(token).orElseThrow().tokenId();
        RecordedExchange call = STATE.recorder().exchanges().stream()
                .filter(e -> e.requestId().equals(java.util.Optional.of(requestId))).findFirst().orElseThrow();
        assertEquals("/v1/partners/products", call.path());
        assertEquals(java.util.Optional.of(tokenId), call.authorization().orElseThrow().tokenId());
        assertEquals(TokenStatus.LIVE, call.authorization().orElseThrow().status());
        assertEquals(java.util.Optional.of(tokenId), call.tokenInUrl());
        RecordedExchange loginExchange = STATE.recorder().exchanges().stream()
                .filter(e -> e.issuedTokenId().equals(java.util.Optional.of(tokenId))).findFirst().orElseThrow();
        LoginAttempt attempt = loginExchange.login().orElseThrow();
        assertTrue(attempt.clientIdPresent() && attempt.clientSecretPresent() && attempt.jsonObject());
        String everything = STATE.recorder().exchanges().toString();
        assertFalse(everything.contains(token), "a raw token in the recording");
        assertFalse(everything.contains("test-client-secret"), "a client secret in the recording");
    }

    private String token() throws Exception {
        return login("{\"clientId\":\"test-client-id\",\"clientSecret\":\"test-client-secret\"}", 200)
                .path("token").asText();
    }

    private JsonNode login(String body, int expectedStatus) throws Exception {
        try (HttpClientResponse res = client.post("/v1/partners/auth/login")
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit(body)) {
            assertEquals(expectedStatus, res.status().code());
            return JSON.readTree(res.as(String.class));
        }
    }

    private JsonNode get(String path, String token, int expectedStatus) throws Exception {
        return get(path, "", token, expectedStatus);
    }

    private JsonNode get(String path, String query, String token, int expectedStatus) throws Exception {
        Http1ClientRequest request = client.get(path);
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                request.queryParam(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        request.header(REQUEST_ID, UUID.randomUUID().toString())
                .header(HeaderNames.AUTHORIZATION, "Bearer " + token);
        try (HttpClientResponse res = request.request()) {
            assertEquals(expectedStatus, res.status().code());
            return JSON.readTree(res.as(String.class));
        }
    }
}
