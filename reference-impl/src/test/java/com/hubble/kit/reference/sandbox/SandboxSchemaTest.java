package com.hubble.kit.reference.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubble.kit.schemas.Schemas;

import org.junit.jupiter.api.Test;

/** The sandbox speaks the kit's own schemas: a client tested against it meets the shapes Hubble documents. */
class SandboxSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyBundledBrandIsValidAgainstTheBrandSchema() {
        for (JsonNode brand : BrandCatalogue.bundled().brands()) {
            assertEquals(List.of(), Schemas.validate("brand", brand), brand.path("title").asText());
        }
    }

    @Test
    void theBundledCatalogueHoldsAbout12DistinctBrands() {
        List<JsonNode> brands = BrandCatalogue.bundled().brands();
        assertEquals(12, brands.size());
        assertEquals(12, brands.stream().map(b -> b.path("id").asText()).distinct().count());
    }

    @Test
    void everyListingPageServedIsValidAgainstTheProductsPageSchema() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults())) {
            String login = post(sandbox, "{\"clientId\":\"test-client-id\",\"clientSecret\":\"test-client-secret\"}")
                    .body();
            assertEquals(List.of(), Schemas.validate("login-response", login));
            String token = JSON.readTree(login).path("token").asText();
            for (int pageNo = 1; pageNo <= 3; pageNo++) {
                HttpResponse<String> page = get(sandbox, "/v1/partners/products?limit=5&pageNo=" + pageNo, token);
                assertEquals(200, page.statusCode());
                assertEquals(List.of(), Schemas.validate("products-page", page.body()), "page " + pageNo);
            }
        }
    }

    @Test
    void everyErrorIsValidAgainstTheHubbleErrorSchema() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults())) {
            List<HttpResponse<String>> errors = List.of(
                    post(sandbox, "{\"clientId\":\"test-client-id\",\"clientSecret\":\"nope\"}"),
                    post(sandbox, "{\"clientId\":\"test-client-id\"}"),
                    post(sandbox, "{\"clientId\":\"blocked-client-id\",\"clientSecret\":\"blocked-client-secret\"}"),
                    get(sandbox, "/v1/partners/products", "unknown"),
                    get(sandbox, "/v1/partner/products", "unknown"));
            assertEquals(List.of(401, 400, 403, 401, 404), errors.stream().map(HttpResponse::statusCode).toList());
            for (HttpResponse<String> error : errors) {
                assertEquals(List.of(), Schemas.validate("hubble-error", error.body()), error.body());
            }
        }
    }

    private HttpResponse<String> post(Sandbox sandbox, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/v1/partners/auth/login"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(Sandbox sandbox, String pathAndQuery, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUri() + pathAndQuery))
                .header("Authorization", "Bearer " + token).header("X-REQUEST-ID", UUID.randomUUID().toString())
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
