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
import com.hubble.kit.runner.report.Status;
import com.hubble.kit.runner.sso.probe.Observed;

/** The sso.secret.* checks, judged from recorded exchanges. */
class SecretChecksTest {
    private static final List<SsoCheck<Observed>> DENIALS = List.of(new SecretMissing(), new SecretEmpty(), new SecretWrong());

    @Test
    void a401OrA403WithoutUserDataIsADenial() {
        for (SsoCheck<Observed> check : DENIALS) {
            assertEquals(Status.PASS, check.evaluate(of(json(401, REJECTION))).status(), check.id());
            assertEquals(Status.PASS, check.evaluate(of(response(403, "text/plain", "forbidden"))).status(), check.id());
        }
    }

    @Test
    void userDataWithoutTheRightSecretFailsEvenWithA401() {
        for (SsoCheck<Observed> check : DENIALS) {
            Outcome outcome = check.evaluate(of(json(401, PROFILE)));
            assertEquals(Status.FAIL, outcome.status(), check.id());
            assertTrue(outcome.message().contains("user data"), outcome.message());
        }
    }

    @Test
    void aFrameworks400WithoutUserDataIsADenialOfABadSecret() {
        // The spec names no status for a bad secret, and Spring answers 400 for a missing required header.
        String springPage = "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"status\":400,\"error\":\"Bad Request\",\"path\":\"/sso\"}";
        for (SsoCheck<Observed> check : List.of(new SecretMissing(), new SecretEmpty(), new SecretWrong(), new SecretVariants())) {
            assertEquals(Status.PASS, check.evaluate(of(json(400, springPage))).status(), check.id());
        }
    }

    @Test
    void statusesOtherThan400Or401Or403AreNotADenialOfABadSecret() {
        assertEquals(Status.FAIL, new SecretWrong().evaluate(of(json(404, REJECTION))).status());
        assertEquals(Status.FAIL, new SecretMissing().evaluate(of(json(500, REJECTION))).status());
    }

    @Test
    void variantsFailWhenAnyNearMissIsAccepted() {
        Observed upperAccepted = of(json(401, REJECTION), json(200, PROFILE), json(401, REJECTION));
        Outcome outcome = new SecretVariants().evaluate(upperAccepted);
        assertEquals(Status.FAIL, outcome.status());
        assertEquals(1, outcome.evidence().size());
    }

    @Test
    void variantsPassWhenAllNearMissesAreRefused() {
        assertEquals(Status.PASS, new SecretVariants().evaluate(of(json(401, REJECTION), json(403, "{}"), json(401, REJECTION))).status());
    }

    @Test
    void beforeTokenPassesWhenTheTokenSurvivesTheRefusedCall() {
        assertEquals(Status.PASS, new SecretBeforeToken().evaluate(of(json(401, REJECTION), json(200, PROFILE))).status());
    }

    @Test
    void beforeTokenFailsWhenTheRefusedCallBurnedTheToken() {
        Outcome outcome = new SecretBeforeToken().evaluate(of(json(401, REJECTION), json(401, REJECTION)));
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("consumed"), outcome.message());
    }

    @Test
    void beforeTokenFailsWhenTheTokenWorksWithoutTheSecret() {
        assertEquals(Status.FAIL, new SecretBeforeToken().evaluate(of(json(200, PROFILE), json(200, PROFILE))).status());
    }
}
