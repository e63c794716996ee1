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

import org.junit.jupiter.api.Test;

import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.report.Status;
import com.hubble.kit.runner.report.TransportFailure;
import com.hubble.kit.runner.sso.probe.Observed;

/** The sso.token.* checks, judged from recorded exchanges. */
class TokenRejectionChecksTest {
    private static final List<SsoCheck<Observed>> SIMPLE_REJECTIONS = List.of(
            new TokenRandom(), new TokenTampered(), new TokenEmpty(), new TokenMissing(), new TokenExpired());

    @Test
    void aRejectionIs401Or400WithANullUserIdAndExtraFieldsAllowed() {
        for (SsoCheck<Observed> check : SIMPLE_REJECTIONS) {
            assertEquals(Status.PASS, check.evaluate(of(json(401, REJECTION))).status(), check.id());
            assertEquals(Status.PASS, check.evaluate(of(response(400, "application/json; charset=utf-8",
                    "{\"userId\":null,\"error\":\"expired\"}"))).status(), check.id());
        }
    }

    @Test
    void userDataForAnInvalidTokenFailsEveryRejectionCheck() {
        for (SsoCheck<Observed> check : SIMPLE_REJECTIONS) {
            assertEquals(Status.FAIL, check.evaluate(of(json(200, PROFILE))).status(), check.id());
        }
    }

    private static final String PROFILE_WITH_NULL_ID = "{\"userId\":null,\"email\":\"a@example.com\",\"firstName\":\"A\","
            + "\"phoneNumber\":\"123\"}";

    @Test
    void aRejectionCarryingProfileFieldsNextToANullUserIdFailsEveryRejectionCheck() {
        Observed leaky = of(json(401, PROFILE_WITH_NULL_ID));
        List<SsoCheck<Observed>> all = new java.util.ArrayList<>(SIMPLE_REJECTIONS);
        all.addAll(List.of(new TokenWrongType(), new TokenInjection(), new SecretMissing(), new SecretEmpty(),
                new SecretWrong(), new SecretVariants()));
        for (SsoCheck<Observed> check : all) {
            Outcome outcome = check.evaluate(leaky);
            assertEquals(Status.FAIL, outcome.status(), check.id());
            assertTrue(outcome.message().contains("user data"), check.id() + ": " + outcome.message());
        }
    }

    @Test
    void aReplayedOrUnknownFieldsRejectionCarryingProfileFieldsFails() {
        Observed replay = of(json(200, PROFILE), json(401, PROFILE_WITH_NULL_ID));
        assertEquals(Status.FAIL, new TokenReplay(true).evaluate(replay).status());
        assertEquals(Status.FAIL, new BodyUnknownFields().evaluate(replay).status());
    }

    @Test
    void emptyOrNullProfileFieldsInARejectionAreNotUserData() {
        Observed harmless = of(json(401, "{\"userId\":null,\"email\":\"\",\"firstName\":null,\"cohorts\":[]}"));
        for (SsoCheck<Observed> check : SIMPLE_REJECTIONS) {
            assertEquals(Status.PASS, check.evaluate(harmless).status(), check.id());
        }
    }

    @Test
    void anEmptyOrMissingTokenMayGetAFrameworkErrorPageWithoutUserId() {
        Observed spring = of(json(400, "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"status\":400,\"error\":\"Bad Request\",\"path\":\"/sso\"}"));
        assertEquals(Status.PASS, new TokenEmpty().evaluate(spring).status());
        assertEquals(Status.PASS, new TokenMissing().evaluate(spring).status());
        assertEquals(Status.PASS, new TokenEmpty().evaluate(of(response(401, "text/html", "<h1>Bad</h1>"))).status());
        assertEquals(Status.FAIL, new TokenMissing().evaluate(of(json(403, REJECTION))).status());
    }

    @Test
    void aReplayRefusedWithTheRightStatusButATextBodyIsNotCalledAccepted() {
        Outcome outcome = new TokenReplay(true).evaluate(of(json(200, PROFILE), response(401, "text/plain", "used")));
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("refused, but not as the spec says"), outcome.message());
    }

    @Test
    void aTruncatedBodyIsCalledLargerThanTheReadLimitNotNotJson() {
        com.hubble.kit.runner.report.Exchange huge = new com.hubble.kit.runner.report.Exchange("recorded",
                json(401, REJECTION).request(), new com.hubble.kit.runner.report.RecordedResponse(401,
                List.of(new com.hubble.kit.runner.report.Header("content-type", "application/json")),
                "{\"userId\":null,\"pad\":\"aaaa", true), java.time.Duration.ofMillis(3));
        Outcome rejection = new TokenRandom().evaluate(of(huge));
        assertEquals(Status.FAIL, rejection.status());
        assertTrue(rejection.message().contains("larger than the 1 MiB read limit"), rejection.message());
        assertTrue(!rejection.message().contains("not JSON"), rejection.message());
        Outcome replay = new TokenReplay(true).evaluate(of(json(200, PROFILE), huge));
        assertTrue(replay.message().contains("larger than the 1 MiB read limit"), replay.message());
        assertTrue(!replay.message().contains("accepted again"), replay.message());
    }

    @Test
    void aRightStatusWithoutTheNullUserIdFails() {
        Outcome outcome = new TokenRandom().evaluate(of(json(401, "{\"error\":\"invalid\"}")));
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("sso-rejection"), outcome.message());
    }

    @Test
    void a403IsNotATokenRejection() {
        assertEquals(Status.FAIL, new TokenExpired().evaluate(of(json(403, REJECTION))).status());
    }

    @Test
    void a500IsAFailureOfTheCheckThatMetIt() {
        assertEquals(Status.FAIL, new TokenMissing().evaluate(of(json(500, REJECTION))).status());
    }

    @Test
    void wrongTypesPassWithAny4xx() {
        Observed allFour = of(json(400, REJECTION), json(422, "{}"), json(401, REJECTION), json(400, REJECTION), json(415, "{}"));
        assertEquals(Status.PASS, new TokenWrongType().evaluate(allFour).status());
    }

    @Test
    void wrongTypesFailOnOne500NamingIt() {
        Observed one500 = of(json(400, REJECTION), json(500, "{}"));
        Outcome outcome = new TokenWrongType().evaluate(one500);
        assertEquals(Status.FAIL, outcome.status());
        assertEquals(1, outcome.evidence().size());
    }

    @Test
    void oversizedPassesOnA4xxAndFailsOnATimeout() {
        assertEquals(Status.PASS, new TokenOversized().evaluate(of(json(400, REJECTION))).status());
        assertEquals(Status.FAIL, new TokenOversized().evaluate(of(Recorded.timeout())).status());
    }

    @Test
    void oversizedPassesOnlyWhenEveryTokenSizeIsRefused() {
        assertEquals(Status.PASS, new TokenOversized().evaluate(
                of(json(401, REJECTION), json(400, REJECTION), json(413, REJECTION))).status());
        Outcome one500 = new TokenOversized().evaluate(of(json(401, REJECTION), json(401, REJECTION), json(500, "{}")));
        assertEquals(Status.FAIL, one500.status());
        assertEquals(1, one500.evidence().size());
    }

    @Test
    void oversizedPassesAnEarlyCloseWhileSendingButFailsAConnectionDroppedAfterwards() {
        Exchange closedEarly = new Exchange("1 MiB token", Recorded.json(401, REJECTION).request(),
                TransportFailure.closedWhileSending("broken pipe"), java.time.Duration.ofMillis(5));
        Exchange dropped = new Exchange("1 MiB token", Recorded.json(401, REJECTION).request(),
                new TransportFailure(TransportFailure.Kind.IO, "the partner closed the connection without answering"),
                java.time.Duration.ofMillis(5));
        assertEquals(Status.PASS, new TokenOversized().evaluate(of(json(401, REJECTION), closedEarly)).status());
        assertEquals(Status.FAIL, new TokenOversized().evaluate(of(json(401, REJECTION), dropped)).status());
    }

    @Test
    void bothOversizedChecksJudgeACloseWhileSendingAlikeAndNeitherClaimsA413ItCouldNotSee() {
        Exchange closedEarly = new Exchange("1 MiB body", Recorded.json(401, REJECTION).request(),
                TransportFailure.closedWhileSending("broken pipe"), java.time.Duration.ofMillis(5));
        Outcome body = new BodyOversized().evaluate(of(closedEarly));
        Outcome token = new TokenOversized().evaluate(of(json(401, REJECTION), json(401, REJECTION), closedEarly));
        assertEquals(body.status(), token.status());
        for (Outcome outcome : List.of(body, token)) {
            assertTrue(outcome.message().contains(TransportFailure.ANSWER_UNSEEN), outcome.message());
            assertFalse(outcome.message().contains("refused the 1 MiB body"), outcome.message());
        }
        assertTrue(token.message().contains("for 1 MiB body the partner closed the connection"), token.message());
    }

    @Test
    void injectionPassesWhenEveryHostileTokenGetsA4xxWithoutEcho() {
        Observed quiet = of(json(400, REJECTION), json(401, REJECTION), json(401, REJECTION), json(401, REJECTION));
        assertEquals(Status.PASS, new TokenInjection().evaluate(quiet).status());
    }

    @Test
    void injectionFailsWhenTheSqlTokenIsEchoed() {
        Observed echo = of(json(401, "{\"userId\":null,\"error\":\"bad token hk' OR '1'='1' --\"}"));
        assertEquals(Status.FAIL, new TokenInjection().evaluate(echo).status());
    }

    @Test
    void injectionFailsWhenTheCrlfTokenIsEchoedJsonEscaped() {
        Observed echo = of(json(401, "{\"userId\":null,\"token\":\"hk-crlf\\r\\nX-Injected: hubble-kit\"}"));
        assertEquals(Status.FAIL, new TokenInjection().evaluate(echo).status());
    }

    @Test
    void replayPassesWhenTheSecondUseIsRejected() {
        assertEquals(Status.PASS, new TokenReplay(true).evaluate(of(json(200, PROFILE), json(401, REJECTION))).status());
    }

    @Test
    void replayIsAMustFailureUnderSingleUse() {
        TokenReplay check = new TokenReplay(true);
        assertEquals(Severity.MUST, check.info().severity());
        assertEquals(Status.FAIL, check.evaluate(of(json(200, PROFILE), json(200, PROFILE))).status());
    }

    @Test
    void replayIsOnlyAWarningWithoutSingleUse() {
        TokenReplay check = new TokenReplay(false);
        assertEquals(Severity.INFO, check.info().severity());
        assertEquals(Status.WARN, check.evaluate(of(json(200, PROFILE), json(200, PROFILE))).status());
    }

    @Test
    void replayFailsWhenTheFreshTokenDidNotWorkInTheFirstPlace() {
        Outcome outcome = new TokenReplay(false).evaluate(of(json(401, REJECTION), json(401, REJECTION)));
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("fresh token"), outcome.message());
    }
}
