package com.hubble.kit.runner.sso;

import static com.hubble.kit.runner.sso.Recorded.PROFILE;
import static com.hubble.kit.runner.sso.Recorded.REJECTION;
import static com.hubble.kit.runner.sso.Recorded.json;
import static com.hubble.kit.runner.sso.Recorded.of;
import static com.hubble.kit.runner.sso.Recorded.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.sso.probe.Observed;

import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.Status;

/** Request handling, error and redirect checks, judged from recorded exchanges. */
class RequestAndErrorChecksTest {

    @Test
    void getPassesWith405s() {
        assertEquals(Status.PASS, new MethodGet().evaluate(of(json(405, REJECTION), json(405, REJECTION))).status());
    }

    @Test
    void getFailsWhenAQueryTokenYieldsTheUser() {
        Outcome outcome = new MethodGet().evaluate(of(json(405, REJECTION), json(200, PROFILE)));
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("user data"), outcome.message());
    }

    @Test
    void getFailsOnA404() {
        assertEquals(Status.FAIL, new MethodGet().evaluate(of(json(404, "{}"), json(405, "{}"))).status());
    }

    @Test
    void malformedBodyPassesWith400AndFailsWith500() {
        assertEquals(Status.PASS, new BodyMalformed().evaluate(of(json(400, REJECTION), json(415, "{}"))).status());
        assertEquals(Status.FAIL, new BodyMalformed().evaluate(of(json(400, REJECTION), json(500, "{}"))).status());
    }

    @Test
    void unknownFieldsPassWhenIgnored() {
        assertEquals(Status.PASS, new BodyUnknownFields().evaluate(of(json(200, PROFILE), json(401, REJECTION))).status());
    }

    @Test
    void unknownFieldsFailWhenAStrictParserRefusesThem() {
        assertEquals(Status.FAIL, new BodyUnknownFields().evaluate(of(json(400, REJECTION), json(401, REJECTION))).status());
    }

    @Test
    void unknownFieldsFailWhenABodyUserIdAuthenticates() {
        Outcome outcome = new BodyUnknownFields().evaluate(of(json(200, PROFILE), json(200, "{\"userId\":\"admin\"}")));
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("admin"), outcome.message());
    }

    @Test
    void oversizedBodyPassesWith413Or400AndFailsOtherwise() {
        assertEquals(Status.PASS, new BodyOversized().evaluate(of(json(413, "{}"))).status());
        assertEquals(Status.PASS, new BodyOversized().evaluate(of(json(400, "{}"))).status());
        assertEquals(Status.FAIL, new BodyOversized().evaluate(of(json(401, REJECTION))).status());
        assertEquals(Status.FAIL, new BodyOversized().evaluate(of(Recorded.timeout())).status());
    }

    @Test
    void errorsJsonIgnoresSuccessesAndAcceptsProblemJson() {
        assertEquals(Status.PASS, new ErrorsJson().evaluate(of(response(200, "text/plain", "ok"),
                response(401, "application/problem+json", "{\"title\":\"x\"}"))).status());
    }

    @Test
    void errorsJsonFailsOnAnHtmlErrorPage() {
        Outcome outcome = new ErrorsJson().evaluate(of(json(401, REJECTION), response(413, "text/html", "<html>too big</html>")));
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("text/html"), outcome.message());
    }

    @Test
    void errorsJsonFailsOnABodyLabelledJsonThatDoesNotParse() {
        assertEquals(Status.FAIL, new ErrorsJson().evaluate(of(json(400, "{oops"))).status());
    }

    @Test
    void stackTraceFailsOnAJavaFrame() {
        assertEquals(Status.FAIL, new ErrorsNoStackTrace().evaluate(of(json(500,
                "{\"error\":\"boom\\n\"}\n\tat com.partner.Sso.handle(Sso.java:42)"))).status());
    }

    @Test
    void stackTraceFailsOnAnExceptionNameOrAServerPath() {
        assertEquals(Status.FAIL, new ErrorsNoStackTrace().evaluate(of(json(400, "{\"error\":\"NullPointerException\"}"))).status());
        assertEquals(Status.FAIL, new ErrorsNoStackTrace().evaluate(of(json(400, "{\"error\":\"Traceback (most recent call last)\"}"))).status());
        assertEquals(Status.FAIL, new ErrorsNoStackTrace().evaluate(of(json(400, "{\"error\":\"open /var/app/config.yml\"}"))).status());
    }

    @Test
    void stackTracePassesOnOrdinaryErrorCodes() {
        assertEquals(Status.PASS, new ErrorsNoStackTrace().evaluate(of(json(401, "{\"userId\":null,\"error\":\"invalid_token\"}"),
                json(200, PROFILE))).status());
    }

    private static final String LONG_SECRET = "s3cret-shared-value";

    private static Observed judgedWith(Redactor secrets, Exchange... exchanges) {
        return new Observed(List.of(exchanges), Optional.empty(), secrets);
    }

    private static Redactor secrets(String secret, String token) {
        return new Redactor().add(Secret.of(secret), "secret").add(Secret.of(token), "token");
    }

    @Test
    void secretEchoFailsWhenTheRawSecretAppearsInsideABody() {
        Outcome outcome = new ErrorsNoSecretEcho().evaluate(judgedWith(secrets(LONG_SECRET, "tok-0123456789"),
                json(401, "{\"userId\":null,\"got\":\"bad secret " + LONG_SECRET + "\"}")));
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("the secret"), outcome.message());
    }

    @Test
    void secretEchoFailsWhenATokenAppearsInAHeader() {
        Outcome outcome = new ErrorsNoSecretEcho().evaluate(judgedWith(secrets(LONG_SECRET, "tok-0123456789"),
                json(401, REJECTION, "X-Debug-Token", "tok-0123456789")));
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("token"), outcome.message());
    }

    /** Finding F5: a backslash before an encoded echo, and a secret holding escape-like text echoed HTML-escaped. */
    @Test
    void secretEchoFailsWhenABackslashPrecedesAnEncodedEchoOrTheSecretHoldsEscapeLikeText() {
        Redactor token = secrets(LONG_SECRET, "tokenvalue/abc");
        for (String body : List.of("error: \\tokenvalue%2Fabc", "x\\tokenvalue\\/abc")) {
            Outcome outcome = new ErrorsNoSecretEcho().evaluate(judgedWith(token, json(401, body)));
            assertEquals(Status.FAIL, outcome.status(), body);
            assertTrue(outcome.message().contains("token came back in the response body"), outcome.message());
        }
        Outcome header = new ErrorsNoSecretEcho().evaluate(judgedWith(secrets(LONG_SECRET, "nSaMZaA~~"),
                json(401, REJECTION, "WWW-Authenticate", "Bearer error=\"\\nSaMZaA&#x7E;&#x7E;\"")));
        assertEquals(Status.FAIL, header.status(), header.message());
        Outcome escapeLike = new ErrorsNoSecretEcho().evaluate(judgedWith(secrets("&e\\/4=:=", "tok-0123456789"),
                json(401, "<p>bad secret &amp;e\\/4=:=</p>")));
        assertEquals(Status.FAIL, escapeLike.status(), escapeLike.message());
        assertTrue(escapeLike.message().contains("the secret"), escapeLike.message());
    }

    /** A partner echoing the base64 or hex of the secret or the token it received, in the body or a header. */
    @Test
    void secretEchoFailsOnTheBase64OrHexOfTheSecretOrAToken() {
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        String secretB64 = java.util.Base64.getEncoder().encodeToString(LONG_SECRET.getBytes(utf8));
        String insideB64 = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("secret=" + LONG_SECRET + "&user=1").getBytes(utf8));
        String tokenHex = java.util.HexFormat.of().withUpperCase().formatHex("tok-0123456789".getBytes(utf8));
        for (String body : List.of("{\"debug\":\"" + secretB64 + "\"}", "{\"trace\":\"" + insideB64 + "\"}",
                "{\"t\":\"" + tokenHex + "\"}")) {
            Outcome outcome = new ErrorsNoSecretEcho().evaluate(judgedWith(secrets(LONG_SECRET, "tok-0123456789"),
                    json(401, body)));
            assertEquals(Status.FAIL, outcome.status(), body);
            assertFalse(outcome.message().contains(secretB64.substring(0, 12)), outcome.message());
        }
        Outcome header = new ErrorsNoSecretEcho().evaluate(judgedWith(secrets(LONG_SECRET, "tok-0123456789"),
                json(401, REJECTION, "X-Debug", secretB64.replace("=", ""))));
        assertEquals(Status.FAIL, header.status(), header.message());
        assertTrue(header.message().contains("the secret"), header.message());
    }

    @Test
    void secretEchoPassesOnCleanResponses() {
        assertEquals(Status.PASS, new ErrorsNoSecretEcho().evaluate(judgedWith(secrets(LONG_SECRET, "tok-0123456789"),
                json(401, REJECTION), json(200, PROFILE))).status());
    }

    @Test
    void runWideChecksFailWhenTheTargetAnsweredNothingAtAll() {
        Observed silent = of(Recorded.timeout(), Recorded.timeout());
        List<SsoCheck<Observed>> runWide = List.of(new ErrorsJson(), new ErrorsNoStackTrace(), new ErrorsNoSecretEcho(),
                new TransportNoRedirect());
        for (SsoCheck<Observed> check : runWide) {
            Outcome outcome = check.evaluate(silent);
            assertEquals(Status.FAIL, outcome.status(), check.id() + ": " + outcome.message());
            assertTrue(outcome.message().contains("answered none of the 2 requests"), outcome.message());
        }
    }

    @Test
    void errorsJsonIsSkippedWhenTheRunRecordedNoErrorResponse() {
        Outcome outcome = new ErrorsJson().evaluate(of(json(200, PROFILE), Recorded.timeout()));
        assertEquals(Status.SKIP, outcome.status(), outcome.message());
    }

    @Test
    void aShortSecretOccurringInsideOrdinaryProfileDataIsNotAnEcho() {
        Outcome outcome = new ErrorsNoSecretEcho().evaluate(judgedWith(secrets("test", "tok-0123456789"),
                json(200, "{\"userId\":\"test-user-123\",\"email\":\"testuser@example.com\"}")));
        assertEquals(Status.PASS, outcome.status(), outcome.message());
        assertTrue(outcome.message().contains("shorter than 8"), outcome.message());
    }

    @Test
    void aShortSecretEchoedAsAWholeFieldOrHeaderValueIsStillAnEcho() {
        Redactor shortSecret = secrets("test", "tok-0123456789");
        assertEquals(Status.FAIL, new ErrorsNoSecretEcho().evaluate(judgedWith(shortSecret,
                json(401, "{\"userId\":null,\"secret\":\"test\"}"))).status());
        assertEquals(Status.FAIL, new ErrorsNoSecretEcho().evaluate(judgedWith(shortSecret,
                json(401, REJECTION, "X-Hubble-Secret", "test"))).status());
    }

    @Test
    void outcomesAreRedactedWhenRenderedNotWhenJudged() {
        Redactor secrets = secrets(LONG_SECRET, "tok-0123456789");
        Outcome judged = new ErrorsNoSecretEcho().evaluate(judgedWith(secrets,
                json(401, "{\"userId\":null,\"got\":\"" + LONG_SECRET + "\"}")));
        Outcome rendered = secrets.redact(judged);
        String body = rendered.evidence().get(0).response().orElseThrow().body();
        assertFalse(body.contains(LONG_SECRET), body);
        assertTrue(body.contains(Redactor.marker("secret")), body);
    }

    @Test
    void noRedirectFailsOnA307NamingTheLocation() {
        Outcome outcome = new TransportNoRedirect().evaluate(of(json(307, "", "Location", "https://elsewhere.example/sso")));
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("elsewhere.example"), outcome.message());
    }

    @Test
    void noRedirectPassesWithoutRedirects() {
        assertEquals(Status.PASS, new TransportNoRedirect().evaluate(of(json(401, REJECTION), json(200, PROFILE))).status());
    }
}
