package com.hubble.kit.reference.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubble.kit.reference.Secret;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslResponse;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import au.com.dius.pact.core.model.annotations.PactDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HubbleClient as the consumer {@code partner-client} of {@code hubble-partner-api}: the interactions of
 * contracts/partner-client-hubble-partner-api.json, written to target/pacts. {@link PartnerClientPactFileTest}
 * holds the committed file to the same interactions.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = HubbleClientPactTest.PROVIDER, pactVersion = PactSpecVersion.V4)
@PactDirectory("target/pacts")
public class HubbleClientPactTest {
    static final String CONSUMER = "partner-client";
    static final String PROVIDER = "hubble-partner-api";
    static final String TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ0ZXN0LWNsaWVudC1pZCJ9.c2lnbmF0dXJl";
    static final String UUID_REGEX = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    static final String JSON_TYPE = "application/json.*";

    @Pact(consumer = CONSUMER)
    public V4Pact loginWithValidCredentials(PactDslWithProvider builder) {
        return validLogin(builder).toPact(V4Pact.class);
    }

    @Pact(consumer = CONSUMER)
    public V4Pact loginWithWrongCredentials(PactDslWithProvider builder) {
        return builder.uponReceiving("a login with wrong credentials")
                .method("POST").path(HubbleClient.LOGIN_PATH)
                .matchHeader("Content-Type", JSON_TYPE, "application/json")
                .body(new PactDslJsonBody().stringType("clientId", "test-client-id")
                        .stringType("clientSecret", "wrong-client-secret"))
                .willRespondWith().status(401)
                .matchHeader("Content-Type", JSON_TYPE, "application/json")
                .body(errorEnvelope("UNAUTHORIZED", "Invalid client credentials"))
                .toPact(V4Pact.class);
    }

    @Pact(consumer = CONSUMER)
    public V4Pact loginWithMissingClientSecret(PactDslWithProvider builder) {
        return builder.uponReceiving("a login with a missing clientSecret")
                .method("POST").path(HubbleClient.LOGIN_PATH)
                .matchHeader("Content-Type", JSON_TYPE, "application/json")
                .body(new PactDslJsonBody().stringType("clientId", "test-client-id"))
                .willRespondWith().status(400)
                .matchHeader("Content-Type", JSON_TYPE, "application/json")
                .body(errorEnvelope("BAD_REQUEST", "clientSecret is required"))
                .toPact(V4Pact.class);
    }

    @Pact(consumer = CONSUMER)
    public V4Pact productsWithValidToken(PactDslWithProvider builder) {
        return validLogin(builder)
                .given("a valid access token")
                .uponReceiving("a products listing with a valid token")
                .method("GET").path(HubbleClient.PRODUCTS_PATH)
                .headerFromProviderState("Authorization", "Bearer ${accessToken}", "Bearer " + TOKEN)
                .matchHeader("X-REQUEST-ID", UUID_REGEX, "239774a8-f59c-496c-bb52-ceb683d60af3")
                .willRespondWith().status(200)
                .matchHeader("Content-Type", JSON_TYPE, "application/json")
                .body(new PactDslJsonBody().minArrayLike("data", 1)
                        .stringType("id", "brand-amazon-pay")
                        .stringMatcher("status", "^(ACTIVE|INACTIVE)$", "ACTIVE")
                        .stringType("title", "Amazon Pay")
                        .closeObject().closeArray())
                .toPact(V4Pact.class);
    }

    @Pact(consumer = CONSUMER)
    public V4Pact productsWithExpiredToken(PactDslWithProvider builder) {
        return validLogin(builder)
                .given("an expired access token")
                .uponReceiving("a products listing with an expired token")
                .method("GET").path(HubbleClient.PRODUCTS_PATH)
                .headerFromProviderState("Authorization", "Bearer ${accessToken}", "Bearer " + TOKEN)
                .matchHeader("X-REQUEST-ID", UUID_REGEX, "239774a8-f59c-496c-bb52-ceb683d60af3")
                .willRespondWith().status(401)
                .matchHeader("Content-Type", JSON_TYPE, "application/json")
                .body(errorEnvelope("UNAUTHORIZED", "Access token expired"))
                .toPact(V4Pact.class);
    }

    static PactDslResponse validLogin(PactDslWithProvider builder) {
        return builder.uponReceiving("a login with valid credentials")
                .method("POST").path(HubbleClient.LOGIN_PATH)
                .matchHeader("Content-Type", JSON_TYPE, "application/json")
                .body(new PactDslJsonBody().stringType("clientId", "test-client-id")
                        .stringType("clientSecret", "test-client-secret"))
                .willRespondWith().status(200)
                .matchHeader("Content-Type", JSON_TYPE, "application/json")
                .body(new PactDslJsonBody().stringType("token", TOKEN).integerType("expiresInSecs", 3600));
    }

    static PactDslJsonBody errorEnvelope(String code, String message) {
        return new PactDslJsonBody().stringType("code", code).stringType("message", message);
    }

    @Test
    @PactTestFor(pactMethod = "loginWithValidCredentials")
    void logsInAndReadsTheTokenLifetime(MockServer mockServer) {
        try (HubbleClient client = client(mockServer, "test-client-secret")) {
            LoginResult login = client.login();
            assertEquals(3600, login.expiresInSecs());
            assertEquals(TOKEN, login.token().reveal());
        }
    }

    @Test
    @PactTestFor(pactMethod = "loginWithWrongCredentials")
    void reportsWrongCredentialsWithHubblesErrorCode(MockServer mockServer) {
        try (HubbleClient client = client(mockServer, "wrong-client-secret")) {
            HubbleApiException failure = assertThrows(HubbleApiException.class, client::login);
            assertEquals(401, failure.status());
            assertEquals("UNAUTHORIZED", failure.error().orElseThrow().code());
        }
    }

    /** HubbleClient never sends a login without a secret, so this interaction is exercised with a raw request. */
    @Test
    @PactTestFor(pactMethod = "loginWithMissingClientSecret")
    void aLoginWithoutClientSecretGetsAnErrorEnvelopeTheClientCanRead(MockServer mockServer) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(mockServer.getUrl() + HubbleClient.LOGIN_PATH))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"test-client-id\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        assertEquals("BAD_REQUEST", new ObjectMapper().readValue(response.body(), ApiError.class).code());
    }

    @Test
    @PactTestFor(pactMethod = "productsWithValidToken")
    void listsProductsWithTheTokenFromLogin(MockServer mockServer) {
        try (HubbleClient client = client(mockServer, "test-client-secret")) {
            ProductsPage page = client.listProducts(ProductQuery.all());
            assertEquals("Amazon Pay", page.data().getFirst().title());
            assertEquals(1, client.loginCount());
        }
    }

    @Test
    @PactTestFor(pactMethod = "productsWithExpiredToken")
    void logsInAgainOnceOnA401AndThenGivesUp(MockServer mockServer) {
        try (HubbleClient client = client(mockServer, "test-client-secret")) {
            HubbleApiException failure = assertThrows(HubbleApiException.class,
                    () -> client.listProducts(ProductQuery.all()));
            assertEquals(401, failure.status());
            assertEquals(2, client.loginCount(), "one login, one re-login, no more");
        }
    }

    private static HubbleClient client(MockServer mockServer, String secret) {
        return HubbleClient.create(ClientSettings.of(URI.create(mockServer.getUrl()), "test-client-id",
                Secret.of(secret)));
    }
}
