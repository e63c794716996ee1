package com.hubble.kit.reference.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real requests to a real sandbox: where a client sent the clientSecret outside the login body is recorded by place,
 * and the recording holds the secret in none of the forms it was sent in.
 */
class SandboxSecretRecordingTest {
    private static final String SECRET = SandboxSettings.DEFAULT_CLIENT_SECRET;
    private static final String BASIC = Base64.getEncoder()
            .encodeToString((SandboxSettings.DEFAULT_CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static RecordedExchange send(String target, String method, String body, String... headers)
            throws Exception {
        String requestId = UUID.randomUUID().toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUri() + target))
                .header("X-REQUEST-ID", requestId)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
        return sandbox.exchanges().stream().filter(e -> e.requestId().equals(java.util.Optional.of(requestId)))
                .findFirst().orElseThrow();
    }

    private static RecordedExchange login(String query, String... headers) throws Exception {
        return send("/v1/partners/auth/login" + query, "POST",
                "{\"clientId\":\"test-client-id\",\"clientSecret\":\"" + SECRET + "\"}",
                concat(headers, "Content-Type", "application/json"));
    }

    private static String[] concat(String[] headers, String... more) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    private static String token() throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUri()
                        + "/v1/partners/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"test-client-id\",\"clientSecret\":\""
                        + SECRET + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        String body = res.body();
        int start = body.indexOf("\"token\":\"") + 9;
        return body.substring(start, body.indexOf('"', start));
    }

    private static void assertNoSecretIn(RecordedExchange exchange) {
        String recorded = exchange.toString();
        for (String form : List.of(SECRET, BASIC, URLEncoder.encode(SECRET, StandardCharsets.UTF_8).replace("-", "%2D"),
                Base64.getUrlEncoder().withoutPadding().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)))) {
            assertFalse(recorded.contains(form), "the recording holds the secret: " + recorded.length());
        }
    }

    @Test
    void aCompliantLoginAndCallCarryTheSecretNowhereElseEvenWithTheClientIdInAHeaderAndQuery() throws Exception {
        RecordedExchange login = login("?clientId=test-client-id", "X-Client-Id", "test-client-id");
        assertEquals(200, login.status());
        assertEquals(List.of(), login.clientSecretAt());
        RecordedExchange call = send("/v1/partners/products?limit=2&clientId=test-client-id", "GET", null,
                "Authorization", "Bearer " + token(), "X-Client-Id", "test-client-id");
        assertEquals(200, call.status());
        assertEquals(List.of(), call.clientSecretAt());
        assertEquals("limit=2&clientId=test-client-id", call.query());
    }

    @Test
    void recordsTheSecretInTheLoginsQueryPercentEncodedAndKeepsTheParameterName() throws Exception {
        RecordedExchange login = login("?clientSecret=test%2Dclient%2dsecret");
        assertEquals(List.of(SecretPlace.QUERY), login.clientSecretAt());
        assertEquals("clientSecret=[REDACTED]", login.query());
        assertNoSecretIn(login);
    }

    @Test
    void recordsTheSecretInALoginHeaderByTheHeadersName() throws Exception {
        RecordedExchange login = login("", "X-Client-Secret", SECRET);
        assertEquals(List.of(SecretPlace.header("X-Client-Secret")), login.clientSecretAt());
        assertNoSecretIn(login);
    }

    @Test
    void recordsBasicCredentialsAndABase64SecretOnAnAuthenticatedCall() throws Exception {
        RecordedExchange basic = send("/v1/partners/products", "GET", null, "Authorization", "Basic " + BASIC);
        assertEquals(List.of(SecretPlace.header("Authorization")), basic.clientSecretAt());
        assertNoSecretIn(basic);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
        RecordedExchange query = send("/v1/partners/products?limit=1&s=" + encoded, "GET", null,
                "Authorization", "Bearer " + token(), "X-Client-Secret", Base64.getEncoder()
                        .encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(SecretPlace.QUERY, SecretPlace.header("X-Client-Secret")), query.clientSecretAt());
        assertEquals("limit=1&s=[REDACTED]", query.query());
        assertNoSecretIn(query);
    }

    @Test
    void recordsTheSecretInAPathSegment() throws Exception {
        RecordedExchange call = send("/v1/partners/products/" + SECRET, "GET", null, "Authorization", "Bearer " + token());
        assertEquals(List.of(SecretPlace.PATH), call.clientSecretAt());
        assertEquals("/v1/partners/products/[REDACTED]", call.path());
    }
}
