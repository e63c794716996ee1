package com.hubble.kit.runner.sso;

import static com.hubble.kit.runner.sso.Recorded.PROFILE;
import static com.hubble.kit.runner.sso.Recorded.declaring;
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

/** The sso.valid.* checks and sso.secret.header-case, judged from recorded exchanges. */
class ValidTokenChecksTest {

    @Test
    void statusPassesOn200() {
        assertEquals(Status.PASS, new ValidStatus().evaluate(of(json(200, PROFILE))).status());
    }

    @Test
    void statusFailsOn401WithEvidence() {
        Outcome outcome = new ValidStatus().evaluate(of(json(401, Recorded.REJECTION)));
        assertEquals(Status.FAIL, outcome.status());
        assertEquals(1, outcome.evidence().size());
        assertTrue(outcome.message().contains("expected 200"), outcome.message());
    }

    @Test
    void statusFailsOnATimeoutAsThePartnersFailure() {
        Outcome outcome = new ValidStatus().evaluate(of(Recorded.timeout()));
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("timed out"), outcome.message());
    }

    @Test
    void contentTypeAcceptsJsonWithACharsetInAnyCase() {
        assertEquals(Status.PASS, new ValidContentType().evaluate(of(response(200, "Application/JSON; charset=utf-8", PROFILE))).status());
    }

    @Test
    void contentTypeFailsOnTextPlain() {
        assertEquals(Status.FAIL, new ValidContentType().evaluate(of(response(200, "text/plain", PROFILE))).status());
    }

    @Test
    void contentTypeFailsWithoutAContentTypeHeader() {
        assertEquals(Status.FAIL, new ValidContentType().evaluate(of(response(200, null, PROFILE))).status());
    }

    @Test
    void schemaPassesOnAFullProfileAndOnAUserIdAlone() {
        assertEquals(Status.PASS, new ValidSchema().evaluate(of(json(200, PROFILE))).status());
        assertEquals(Status.PASS, new ValidSchema().evaluate(of(json(200, "{\"userId\":\"u\",\"extra\":1}"))).status());
    }

    @Test
    void schemaFailsOnAPhoneNumberSentAsANumber() {
        Outcome outcome = new ValidSchema().evaluate(of(json(200, "{\"userId\":\"u\",\"phoneNumber\":123}")));
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("phoneNumber"), outcome.message());
    }

    @Test
    void schemaFailsOnANullUserId() {
        assertEquals(Status.FAIL, new ValidSchema().evaluate(of(json(200, "{\"userId\":null}"))).status());
    }

    @Test
    void identityPassesWhenTheDeclaredUserComesBack() {
        assertEquals(Status.PASS, new ValidIdentity().evaluate(declaring("u-1", json(200, PROFILE))).status());
    }

    @Test
    void identityFailsWhenAnotherUserComesBack() {
        Outcome outcome = new ValidIdentity().evaluate(declaring("u-2", json(200, PROFILE)));
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("u-2") && outcome.message().contains("u-1"), outcome.message());
    }

    @Test
    void identityNamesTheMissingInputWhenNoUserIdWasDeclared() {
        Outcome outcome = new ValidIdentity().evaluate(of(json(200, PROFILE)));
        assertEquals(Status.SKIP, outcome.status());
        assertTrue(((Outcome.Skip) outcome).missingInput().orElseThrow().contains("userId"));
    }

    @Test
    void profilePassesWithNameAndPhone() {
        assertEquals(Status.PASS, new ValidProfile().evaluate(of(json(200, PROFILE))).status());
    }

    @Test
    void profileFailsNamingTheEmptyFields() {
        Outcome outcome = new ValidProfile().evaluate(of(json(200, "{\"userId\":\"u\",\"firstName\":\"A\",\"lastName\":\" \"}")));
        assertEquals(Status.FAIL, outcome.status());
        assertEquals("missing or empty: lastName, phoneNumber", outcome.message());
    }

    @Test
    void emailPassesWhenAbsentOrAnAddress() {
        assertEquals(Status.PASS, new ValidEmail().evaluate(of(json(200, "{\"userId\":\"u\"}"))).status());
        assertEquals(Status.PASS, new ValidEmail().evaluate(of(json(200, PROFILE))).status());
    }

    @Test
    void emailPassesForEveryFormOfAddressAMailServerDelivers() {
        for (String address : new String[]{"jane@example.com", "USER@EXAMPLE.COM", "a@b.c", "first.last+tag@mail.example.co.in",
                "\u7528\u6237@\u4f8b\u5b50.\u5e7f\u544a", "Jos\u00e9.N\u00fa\u00f1ez@ex\u00e4mple.de",
                "\\\"john doe\\\"@example.com", "user@[192.0.2.1]", "user@[IPv6:2001:db8::1]"}) {
            Outcome outcome = new ValidEmail().evaluate(of(json(200, "{\"userId\":\"u\",\"email\":\"" + address + "\"}")));
            assertEquals(Status.PASS, outcome.status(), address + ": " + outcome.message());
        }
    }

    @Test
    void emailFailsOnWhatIsNoAddress() {
        for (String address : new String[]{"N/A", "not-an-email", "a@@b.com", "a b@example.com", "x@localhost", "@example.com",
                "user@", "user@.example.com", "\\\"unclosed@example.com"}) {
            Outcome outcome = new ValidEmail().evaluate(of(json(200, "{\"userId\":\"u\",\"email\":\"" + address + "\"}")));
            assertEquals(Status.FAIL, outcome.status(), address + ": " + outcome.message());
        }
    }

    @Test
    void emailFailsOnAPlaceholder() {
        assertEquals(Status.FAIL, new ValidEmail().evaluate(of(json(200, "{\"userId\":\"u\",\"email\":\"N/A\"}"))).status());
        assertEquals(Status.FAIL, new ValidEmail().evaluate(of(json(200, "{\"userId\":\"u\",\"email\":\"a b@example.com\"}"))).status());
    }

    @Test
    void noStorePassesAmongOtherDirectives() {
        assertEquals(Status.PASS, new ValidNoStore().evaluate(of(json(200, PROFILE, "cache-control", "private, No-Store"))).status());
    }

    @Test
    void noStoreFailsOnNoCacheAlone() {
        assertEquals(Status.FAIL, new ValidNoStore().evaluate(of(json(200, PROFILE, "Cache-Control", "no-cache"))).status());
        assertEquals(Status.FAIL, new ValidNoStore().evaluate(of(json(200, PROFILE))).status());
    }

    @Test
    void theProfileChecksFailOnANon200PointingAtTheStatusCheck() {
        List<SsoCheck<Observed>> profileChecks = List.of(new ValidContentType(), new ValidSchema(), new ValidProfile(),
                new ValidEmail(), new ValidNoStore());
        for (SsoCheck<Observed> check : profileChecks) {
            Outcome outcome = check.evaluate(of(json(401, Recorded.REJECTION, "Cache-Control", "no-store")));
            assertEquals(Status.FAIL, outcome.status(), check.id());
            assertTrue(outcome.message().contains("sso.valid.status"), outcome.message());
        }
    }

    @Test
    void headerCasePassesWhenTheLowerCaseHeaderIsAccepted() {
        assertEquals(Status.PASS, new SecretHeaderCase().evaluate(of(json(200, PROFILE))).status());
    }

    @Test
    void headerCaseFailsWhenTheLowerCaseHeaderIsRefused() {
        assertEquals(Status.FAIL, new SecretHeaderCase().evaluate(of(json(401, Recorded.REJECTION))).status());
    }
}
