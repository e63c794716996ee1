package com.hubble.kit.reference.sso;

import static com.hubble.kit.reference.sso.SsoFixtures.CURRENT;
import static com.hubble.kit.reference.sso.SsoFixtures.NEXT;
import static com.hubble.kit.reference.sso.SsoFixtures.REJECTION;
import static com.hubble.kit.reference.sso.SsoFixtures.USER;
import static com.hubble.kit.reference.sso.SsoFixtures.isJson;
import static com.hubble.kit.reference.sso.SsoFixtures.postSso;
import static com.hubble.kit.reference.sso.SsoFixtures.postToken;
import static com.hubble.kit.reference.sso.SsoFixtures.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubble.kit.reference.Secret;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

@ServerTest
class SsoServiceTest {
    private static final SsoComponents COMPONENTS = SsoFixtures.components();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Http1Client client;

    SsoServiceTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder builder) {
        Main.routing(builder, COMPONENTS);
    }

    private MintedToken fresh() {
        return COMPONENTS.tokens().mint(USER);
    }

    @Test
    void returnsTheFullUserProfileForAFreshTokenAndTheCurrentSecret() throws Exception {
        SsoFixtures.Reply reply = postToken(client, CURRENT, fresh());

        assertEquals(200, reply.status());
        assertTrue(isJson(reply), reply.headers().toString());
        JsonNode body = JSON.readTree(reply.body());
        assertEquals(USER, body.get("userId").asText());
        assertEquals("testuser@example.com", body.get("email").asText());
        assertEquals("Test", body.get("firstName").asText());
        assertEquals("User", body.get("lastName").asText());
        assertEquals("1234567890", body.get("phoneNumber").asText());
        assertEquals(List.of("premium", "beta"), List.of(body.get("cohorts").get(0).asText(), body.get("cohorts").get(1).asText()));
    }

    @Test
    void marksASuccessfulResponseCacheControlNoStore() {
        SsoFixtures.Reply reply = postToken(client, CURRENT, fresh());

        assertEquals(200, reply.status());
        assertEquals("no-store", reply.header("Cache-Control"));
    }

    @Test
    void omitsProfileFieldsTheUserDoesNotHave() throws Exception {
        SsoFixtures.Reply reply = postToken(client, CURRENT, COMPONENTS.tokens().mint("minimal-user"));

        assertEquals(200, reply.status());
        JsonNode body = JSON.readTree(reply.body());
        assertEquals("minimal-user", body.get("userId").asText());
        assertFalse(body.has("email"), reply.body());
        assertFalse(body.has("cohorts"), reply.body());
    }

    @Test
    void acceptsTheNextSecretDuringARotation() {
        assertEquals(200, postToken(client, NEXT, fresh()).status());
    }

    @Test
    void rejectsARequestWithoutTheSecretHeaderWith401AndNullUserId() {
        SsoFixtures.Reply reply = postToken(client, null, fresh());

        assertEquals(401, reply.status());
        assertEquals(REJECTION, reply.body());
        assertTrue(isJson(reply));
    }

    @Test
    void rejectsAnEmptySecretWith401() {
        assertRejected(401, postToken(client, Secret.of(""), fresh()));
    }

    @Test
    void rejectsAWrongSecretWith401() {
        assertRejected(401, postToken(client, Secret.of("current-secret-0123456788"), fresh()));
    }

    @Test
    void rejectsAPrefixOfTheSecretWith401() {
        assertRejected(401, postToken(client, Secret.of("current-secret"), fresh()));
    }

    @Test
    void aRequestWithAWrongSecretDoesNotConsumeTheToken() {
        MintedToken token = fresh();

        assertRejected(401, postToken(client, Secret.of("wrong-secret-0000000000"), token));
        assertEquals(200, postToken(client, CURRENT, token).status());
    }

    @Test
    void aRequestWithoutTheSecretIsRejectedEvenWithAMalformedBody() {
        assertRejected(401, postSso(client, null, "{not json"));
    }

    @Test
    void rejectsATokenWhoseSignatureWasTampered() {
        String token = fresh().token().reveal();
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);

        assertRejected(401, postSso(client, CURRENT, "{\"token\":\"" + tampered + "\"}"));
    }

    @Test
    void rejectsATokenSignedWithAnotherKey() {
        HmacTokenVerifier other = new HmacTokenVerifier(new byte[32], "hubble", Duration.ofSeconds(120), java.time.Clock.systemUTC());

        assertRejected(401, postToken(client, CURRENT, other.mint(USER)));
    }

    @Test
    void rejectsAnExpiredToken() {
        assertRejected(401, postToken(client, CURRENT, COMPONENTS.tokens().mintExpired(USER)));
    }

    @Test
    void rejectsAReplayedToken() {
        MintedToken token = fresh();

        assertEquals(200, postToken(client, CURRENT, token).status());
        assertRejected(401, postToken(client, CURRENT, token));
    }

    @Test
    void rejectsATokenForAnotherAudience() {
        assertRejected(401, postToken(client, CURRENT, COMPONENTS.tokens().mint(USER, Duration.ofSeconds(60), "not-hubble")));
    }

    @Test
    void rejectsATokenForAnUnknownUserLikeAnInvalidOne() {
        assertRejected(401, postToken(client, CURRENT, COMPONENTS.tokens().mint("nobody-here")));
    }

    @Test
    void rejectsARandomStringTokenWith401() {
        assertRejected(401, postSso(client, CURRENT, "{\"token\":\"sso-token\"}"));
    }

    @Test
    void rejectsMalformedJsonWith400() {
        assertRejected(400, postSso(client, CURRENT, "{\"token\": "));
    }

    @Test
    void rejectsABodyWithoutATokenWith400() {
        assertRejected(400, postSso(client, CURRENT, "{\"tokn\":\"abc\"}"));
    }

    @Test
    void rejectsANonStringTokenWith400() {
        assertRejected(400, postSso(client, CURRENT, "{\"token\":12345}"));
    }

    @Test
    void rejectsAnEmptyTokenWith400() {
        assertRejected(400, postSso(client, CURRENT, "{\"token\":\"\"}"));
    }

    @Test
    void rejectsAJsonArrayBodyWith400() {
        assertRejected(400, postSso(client, CURRENT, "[\"token\"]"));
    }

    @Test
    void rejectsAnEmptyBodyWith400() {
        assertRejected(400, reply(client.post("/sso").header(SsoService.SECRET_HEADER, CURRENT.reveal()).request()));
    }

    @Test
    void rejectsADuplicatedTokenFieldWith400() {
        String token = fresh().token().reveal();
        assertRejected(400, postSso(client, CURRENT, "{\"token\":\"" + token + "\",\"token\":\"other\"}"));
    }

    @Test
    void ignoresUnknownBodyFields() {
        String body = "{\"token\":\"" + fresh().token().reveal() + "\",\"extra\":{\"a\":[1,2]},\"locale\":\"en\"}";

        assertEquals(200, postSso(client, CURRENT, body).status());
    }

    @Test
    void rejectsABodyOverTheLimitWith413() {
        String body = "{\"token\":\"" + "a".repeat(SsoConfig.DEFAULT_BODY_LIMIT) + "\"}";

        assertRejected(413, postSso(client, CURRENT, body));
    }

    @Test
    void acceptsABodyExactlyAtTheLimit() {
        String prefix = "{\"token\":\"" + fresh().token().reveal() + "\",\"pad\":\"";
        String body = prefix + "x".repeat(SsoConfig.DEFAULT_BODY_LIMIT - prefix.length() - 2) + "\"}";

        assertEquals(SsoConfig.DEFAULT_BODY_LIMIT, body.length());
        assertEquals(200, postSso(client, CURRENT, body).status());
    }

    @Test
    void answersOtherMethodsWith405AndAllowPost() {
        for (Method method : List.of(Method.GET, Method.PUT, Method.DELETE, Method.PATCH)) {
            SsoFixtures.Reply reply = reply(client.method(method).path("/sso").request());

            assertEquals(405, reply.status(), method.text());
            assertEquals("POST", reply.header("Allow"), method.text());
            assertTrue(isJson(reply), method.text());
        }
    }

    @Test
    void answersUnknownPathsWith404Json() throws Exception {
        SsoFixtures.Reply reply = reply(client.get("/no/such/path").request());

        assertEquals(404, reply.status());
        assertTrue(isJson(reply));
        assertEquals("not_found", JSON.readTree(reply.body()).get("error").asText());
    }

    @Test
    void echoesTheCallersRequestId() {
        SsoFixtures.Reply reply = reply(client.post("/sso").header(AccessLog.REQUEST_ID, "req-42.abc")
                .contentType(MediaTypes.APPLICATION_JSON).submit("{}"));

        assertEquals("req-42.abc", reply.header("X-REQUEST-ID"));
    }

    @Test
    void generatesARequestIdWhenTheCallerSendsNone() {
        SsoFixtures.Reply reply = postToken(client, CURRENT, fresh());

        assertTrue(reply.header("X-REQUEST-ID").matches("[0-9a-f-]{36}"), String.valueOf(reply.header("X-REQUEST-ID")));
    }

    @Test
    void replacesARequestIdThatCouldInjectIntoLogs() {
        SsoFixtures.Reply reply = reply(client.post("/sso").header(AccessLog.REQUEST_ID, "a b%0d%0aforged=1")
                .submit("{}"));

        assertNotEquals("a b%0d%0aforged=1", reply.header("X-REQUEST-ID"));
        assertTrue(reply.header("X-REQUEST-ID").matches("[0-9a-f-]{36}"));
    }

    @Test
    void writesTheRequestIdAndAShortTokenHashButNeverTheTokenToTheAccessLog() throws Exception {
        MintedToken token = fresh();
        try (SsoFixtures.LogCapture log = new SsoFixtures.LogCapture(AccessLog.LOGGER_NAME)) {
            reply(client.post("/sso").header(AccessLog.REQUEST_ID, "trace-me-7")
                    .header(SsoService.SECRET_HEADER, CURRENT.reveal())
                    .submit("{\"token\":\"" + token.token().reveal() + "\"}"));

            String line = log.awaitLineContaining("requestId=trace-me-7");
            assertTrue(line.contains("status=200"), line);
            assertTrue(line.contains("path=/sso "), line);
            assertTrue(line.contains("token=#" + token.token().fingerprint()), line);
            for (String logged : log.lines()) {
                assertFalse(logged.contains(token.token().reveal()), logged);
                assertFalse(logged.contains(CURRENT.reveal()), logged);
            }
        }
    }

    @Test
    void reportsHealthAsJsonAtObserveHealth() throws Exception {
        SsoFixtures.Reply reply = reply(client.get("/observe/health").request());

        assertEquals(200, reply.status());
        assertTrue(isJson(reply));
        assertEquals("UP", JSON.readTree(reply.body()).get("status").asText());
    }

    @Test
    void neverPutsTheTokenOrSecretInAnyRejection() {
        MintedToken token = fresh();
        postToken(client, CURRENT, token);
        List<SsoFixtures.Reply> replies = List.of(
                postToken(client, CURRENT, token),
                postToken(client, Secret.of("wrong-secret-0000000000"), token),
                postSso(client, CURRENT, "{\"token\":" + token.token().reveal() + "}"),
                postSso(client, CURRENT, "{\"token\":\"" + token.token().reveal() + "x\"}"));
        for (SsoFixtures.Reply reply : replies) {
            assertFalse(reply.body().contains(token.token().reveal()), reply.body());
            assertFalse(reply.body().contains(CURRENT.reveal()), reply.body());
            assertFalse(reply.toString().contains("Exception"), reply.toString());
            assertNull(reply.header("Set-Cookie"));
        }
    }

    private static void assertRejected(int status, SsoFixtures.Reply reply) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(REJECTION, reply.body());
        assertTrue(isJson(reply), reply.headers().toString());
    }
}
