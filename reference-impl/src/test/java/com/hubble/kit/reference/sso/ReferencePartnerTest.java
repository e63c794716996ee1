package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.hubble.kit.reference.Secret;
import org.junit.jupiter.api.Test;

class ReferencePartnerTest {
    private static final Secret SECRET = Secret.of("runner-secret");

    private static HttpResponse<String> post(ReferencePartner partner, Secret secret, MintedToken token) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(partner.baseUri().resolve("/sso"))
                    .timeout(Duration.ofSeconds(10))
                    .header("X-Hubble-Secret", secret.reveal())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token.token().reveal() + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void theDemoPartnerReturnsTheDemoUserForAMintedToken() throws Exception {
        try (ReferencePartner partner = ReferencePartner.startDemo(SECRET)) {
            HttpResponse<String> response = post(partner, SECRET, partner.mint(partner.demoUserId()));

            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("\"userId\":\"test-user-123\""), response.body());
            assertTrue(response.body().contains("\"phoneNumber\""), response.body());
        }
    }

    @Test
    void theDemoPartnerRejectsAnExpiredMintedToken() throws Exception {
        try (ReferencePartner partner = ReferencePartner.startDemo(SECRET)) {
            HttpResponse<String> response = post(partner, SECRET, partner.mintExpired(partner.demoUserId()));

            assertEquals(401, response.statusCode());
            assertEquals("{\"userId\":null}", response.body());
        }
    }

    @Test
    void theDemoPartnerListensOnLoopbackWithoutATrailingSlash() {
        try (ReferencePartner partner = ReferencePartner.startDemo(SECRET)) {
            assertEquals("127.0.0.1", partner.baseUri().getHost());
            assertFalse(partner.baseUri().toString().endsWith("/"));
            assertTrue(partner.baseUri().getPort() > 0);
        }
    }
}
