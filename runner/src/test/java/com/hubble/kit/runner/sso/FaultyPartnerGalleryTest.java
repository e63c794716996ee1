package com.hubble.kit.runner.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.Status;
import com.hubble.kit.runner.report.Verdict;
import com.hubble.kit.runner.sso.PartnerServer.Defect;

/**
 * A gallery of partner servers, each with one defect real partners make: the whole catalogue runs against each,
 * and exactly the checks that enforce the broken rule fail.
 */
class FaultyPartnerGalleryTest {
    private static final Secret SECRET = Secret.of("gallery-shared-secret-0123456789");

    private static Report runAgainst(Defect... defects) throws IOException {
        try (PartnerServer server = PartnerServer.start(SECRET, defects)) {
            return SsoRuns.run(server.baseUri(), SECRET, server.validTokens(), server.expiredTokens());
        }
    }

    private static void assertFailures(Report report, String... expected) {
        assertEquals(new TreeSet<>(Set.of(expected)), SsoRuns.withStatus(report, Status.FAIL), SsoRuns.describe(report));
    }

    @Test
    void aCompliantPartnerWrittenFromTheSpecPassesEveryCheck() throws IOException {
        Report report = runAgainst();
        assertFailures(report);
        assertEquals(Set.of("sso.transport.https", "sso.transport.tls"), SsoRuns.withStatus(report, Status.SKIP));
        assertEquals(Verdict.PASS, report.verdict(), SsoRuns.describe(report));
    }

    @Test
    void theSpecsExampleProfileWithAShortSecretThatOccursInItPassesEveryCheck() throws IOException {
        // QA: with secret "test", redaction before judging turned "test-user-123" into "[REDACTED:secret]-user-123".
        Secret shortSecret = Secret.of("test");
        try (PartnerServer server = PartnerServer.start(shortSecret, Defect.SPEC_EXAMPLE_PROFILE)) {
            Report report = SsoRuns.run(server.baseUri(), shortSecret, server.validTokens(), server.expiredTokens());
            assertFailures(report);
            assertEquals(Verdict.PASS, report.verdict(), SsoRuns.describe(report));
            String echo = report.checks().stream().filter(c -> c.id().equals("sso.errors.no-secret-echo")).findFirst()
                    .orElseThrow().outcome().message();
            org.junit.jupiter.api.Assertions.assertTrue(echo.contains("whole"), echo);
        }
    }

    @Test
    void aFrameworkPartnerAnswering400PagesForMalformedRequestsAndAMissingHeaderPassesEveryCheck() throws IOException {
        // Empty/missing token need 400/401 without user data only; a missing secret may get 400.
        Report report = runAgainst(Defect.FRAMEWORK_ERROR_PAGES);
        assertFailures(report);
        assertEquals(Verdict.PASS, report.verdict(), SsoRuns.describe(report));
    }

    @Test
    void rejectionsCarryingTheProfileFailEveryTokenRejectionCheck() throws IOException {
        assertFailures(runAgainst(Defect.PROFILE_IN_REJECTIONS),
                "sso.token.random", "sso.token.tampered", "sso.token.expired", "sso.token.injection",
                "sso.token.replay", "sso.body.unknown-fields");
    }

    @Test
    void a500OnBrokenJsonFailsOnlyTheMalformedBodyCheck() throws IOException {
        assertFailures(runAgainst(Defect.SERVER_ERROR_ON_BAD_JSON), "sso.body.malformed");
    }

    @Test
    void acceptingAnyTokenFailsEveryRejectionCheck() throws IOException {
        assertFailures(runAgainst(Defect.ACCEPTS_ANY_TOKEN),
                "sso.token.random", "sso.token.tampered", "sso.token.expired", "sso.token.injection",
                "sso.token.replay", "sso.body.unknown-fields", "sso.perf.concurrency");
    }

    @Test
    void echoingTheTokenInErrorsFailsTheEchoAndInjectionChecks() throws IOException {
        assertFailures(runAgainst(Defect.ECHOES_TOKEN), "sso.errors.no-secret-echo", "sso.token.injection");
    }

    @Test
    void aStackTraceInAnErrorFailsTheStackTraceCheck() throws IOException {
        assertFailures(runAgainst(Defect.STACK_TRACE_IN_ERRORS), "sso.errors.no-stack-trace");
    }

    @Test
    void ignoringTheSecretFailsEverySecretCheck() throws IOException {
        assertFailures(runAgainst(Defect.IGNORES_SECRET),
                "sso.secret.missing", "sso.secret.empty", "sso.secret.wrong", "sso.secret.variants",
                "sso.secret.before-token");
    }

    @Test
    void aTextPlainProfileFailsTheContentTypeCheck() throws IOException {
        assertFailures(runAgainst(Defect.WRONG_CONTENT_TYPE), "sso.valid.content-type");
    }

    @Test
    void textPlainErrorsFailTheRejectionBodyAndErrorsJsonChecks() throws IOException {
        // An empty or missing token is a malformed request; its body is judged by sso.errors.json only,
        // so sso.token.empty and sso.token.missing do not fail here.
        assertFailures(runAgainst(Defect.TEXT_PLAIN_ERRORS),
                "sso.token.random", "sso.token.tampered", "sso.token.expired",
                "sso.token.replay", "sso.body.unknown-fields", "sso.errors.json");
    }

    @Test
    void reusableTokensFailTheReplayCheckUnderSingleUse() throws IOException {
        assertFailures(runAgainst(Defect.NOT_SINGLE_USE), "sso.token.replay");
    }

    @Test
    void redeemingTheTokenBeforeCheckingTheSecretFailsTheBeforeTokenCheck() throws IOException {
        assertFailures(runAgainst(Defect.CONSUMES_TOKEN_BEFORE_SECRET), "sso.secret.before-token");
    }

    @Test
    void aMissingCacheControlFailsTheNoStoreCheck() throws IOException {
        assertFailures(runAgainst(Defect.NO_CACHE_CONTROL), "sso.valid.no-store");
    }

    @Test
    void aProfileWithoutNameAndPhoneFailsTheProfileCheck() throws IOException {
        assertFailures(runAgainst(Defect.NAME_AND_PHONE_MISSING), "sso.valid.profile");
    }

    @Test
    void aPhoneNumberSentAsAJsonNumberFailsTheSchemaCheck() throws IOException {
        assertFailures(runAgainst(Defect.PHONE_AS_NUMBER), "sso.valid.schema", "sso.valid.profile");
    }

    @Test
    void answeringGetWithATokenInTheQueryFailsTheMethodCheck() throws IOException {
        assertFailures(runAgainst(Defect.GET_RETURNS_USER), "sso.method.get");
    }

    @Test
    void noBodyLimitFailsTheOversizedBodyCheck() throws IOException {
        assertFailures(runAgainst(Defect.NO_BODY_LIMIT), "sso.body.oversized");
    }

    @Test
    void aPrefixComparisonOfTheSecretFailsTheVariantsCheck() throws IOException {
        assertFailures(runAgainst(Defect.SECRET_PREFIX_MATCH), "sso.secret.variants");
    }

    @Test
    void ignoringExpiryFailsTheExpiredTokenCheck() throws IOException {
        assertFailures(runAgainst(Defect.IGNORES_EXPIRY), "sso.token.expired");
    }

    @Test
    void trustingAUserIdInTheBodyFailsTheUnknownFieldsCheck() throws IOException {
        assertFailures(runAgainst(Defect.USER_ID_FROM_BODY), "sso.body.unknown-fields");
    }
}
