package com.partner.example;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The partner's client of Hubble's partner API: logs in once, caches the token until 80% of its lifetime, sends a
 * fresh X-REQUEST-ID on every call, logs in again once after a 401, and retries a 429 or 503 at most twice.
 */
public final class HubbleApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final String clientId;
    private final String clientSecret;
    private final boolean cacheToken;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant refreshAt = Instant.MIN;

    /**
     * @param cacheToken false plants the defect {@code client-login-every-call}: a login before every call
     */
    public HubbleApiClient(URI base, String clientId, String clientSecret, boolean cacheToken, Clock clock) {
        this.base = base;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.cacheToken = cacheToken;
        this.clock = clock;
    }

    /** GET /v1/partners/products?pageNo=N&limit=L: the page's JSON. */
    public JsonNode products(int pageNo, int limit) throws IOException, InterruptedException {
        return get("/v1/partners/products?pageNo=" + pageNo + "&limit=" + limit);
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        boolean relogged = false;
        for (int attempt = 0; attempt < 3; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token()).header("X-REQUEST-ID", UUID.randomUUID().toString())
                    .GET();
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            switch (response.statusCode()) {
                case 200 -> {
                    return JSON.readTree(response.body());
                }
                case 401 -> {
                    if (relogged) {
                        throw new IOException("Hubble refused a fresh token (401)");
                    }
                    relogged = true;
                    refreshAt = Instant.MIN;
                }
                case 429, 503 -> Thread.sleep(Math.min(2_000, 1_000L * retryAfter(response)));
                default -> throw new IOException("Hubble answered " + response.statusCode());
            }
        }
        throw new IOException("Hubble kept refusing " + pathAndQuery);
    }

    private static long retryAfter(HttpResponse<?> response) {
        try {
            return Long.parseLong(response.headers().firstValue("Retry-After").orElse("1").strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private String token() throws IOException, InterruptedException {
        if (cacheToken && token != null && clock.instant().isBefore(refreshAt)) {
            return token;
        }
        String body = JSON.writeValueAsString(java.util.Map.of("clientId", clientId, "clientSecret", clientSecret));
        HttpRequest.Builder login = HttpRequest.newBuilder(base.resolve("/v1/partners/auth/login"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("X-REQUEST-ID", UUID.randomUUID().toString()).POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(login.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Hubble login failed with " + response.statusCode());
        }
        JsonNode json = JSON.readTree(response.body());
        long lifetime = json.path("expiresInSecs").asLong(Long.parseLong(json.path("expiresInSecs").asText("60")));
        token = json.path("token").asText();
        refreshAt = clock.instant().plusMillis(lifetime * 800);
        return token;
    }
}
