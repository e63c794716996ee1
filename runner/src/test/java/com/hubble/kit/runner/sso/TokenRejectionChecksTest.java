package com.hubble.kit.runner.sso;

import static com.hubble.kit.runner.sso.Recorded.PROFILE;
import static com.hubble.kit.runner.sso.Recorded.REJECTION;
import static com.hubble.kit.runner.sso.Recorded.json;
import static com.hubble.kit.runner.sso.Recorded.of;
import static com.hubble.kit.runner.sso.Recorded.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.report.Status;
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
        assertEquals(Severity.MUST, check.severity());
        assertEquals(Status.FAIL, check.evaluate(of(json(200, PROFILE), json(200, PROFILE))).status());
    }

    @Test
    void replayIsOnlyAWarningWithoutSingleUse() {
        TokenReplay check = new TokenReplay(false);
        assertEquals(Severity.INFO, check.severity());
        assertEquals(Status.WARN, check.evaluate(of(json(200, PROFILE), json(200, PROFILE))).status());
    }

    @Test
    void replayFailsWhenTheFreshTokenDidNotWorkInTheFirstPlace() {
        Outcome outcome = new TokenReplay(false).evaluate(of(json(401, REJECTION), json(401, REJECTION)));
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("fresh token"), outcome.message());
    }
}
