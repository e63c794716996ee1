package com.hubble.kit.runner.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.hubble.kit.reference.sandbox.LoginAttempt;
import com.hubble.kit.reference.sandbox.SecretPlace;
import com.hubble.kit.reference.sandbox.TokenStatus;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Status;

import org.junit.jupiter.api.Test;

/** Each client check judged from recorded fixtures, without a server. */
class ClientChecksTest {

    private static Outcome judge(ClientCheck check, ClientSession session) {
        return check.evaluate(session);
    }

    @Test
    void theCompliantSessionPassesEveryCheckButRefreshWhichWasNeverDue() {
        for (ClientCheck check : ClientCatalogue.checks()) {
            Outcome outcome = judge(check, Traffic.compliant().session());
            Status expected = check instanceof TokenRefresh ? Status.SKIP : Status.PASS;
            assertEquals(expected, outcome.status(), check.id() + ": " + outcome.message());
        }
    }

    @Test
    void theCompliantSessionWithAScheduledRefreshPassesEveryCheck() {
        for (ClientCheck check : ClientCatalogue.checks()) {
            Outcome outcome = judge(check, Traffic.compliantWithRefresh().session(10, 5));
            assertEquals(Status.PASS, outcome.status(), check.id() + ": " + outcome.message());
        }
    }

    @Test
    void refreshIsSkippedNamingTheInputWhenNoCallCameAfterTheRefreshPoint() {
        Outcome outcome = judge(new TokenRefresh(), new Traffic().login().call("a").after(Duration.ofSeconds(7))
                .call("b").session(10, 0));
        Outcome.Skip skip = assertInstanceOf(Outcome.Skip.class, outcome);
        assertTrue(skip.missingInput().orElseThrow().contains("--expires-in"), outcome.message());
    }

    @Test
    void refreshIsJudgedOnceACallCameAfterTheRefreshPointOfAKeptToken() {
        Outcome outcome = judge(new TokenRefresh(), new Traffic().login().call("a").after(Duration.ofSeconds(8))
                .login().call("b").session(10, 0));
        assertEquals(Status.PASS, outcome.status(), outcome.message());
    }

    @Test
    void aTokenRevokedByTheInjected401DoesNotMakeARefreshDue() {
        Outcome outcome = judge(new TokenRefresh(), new Traffic().login().call("a").revokedCall("b")
                .after(Duration.ofSeconds(1)).login().call("b").after(Duration.ofSeconds(7)).call("c")
                .session(10, 2));
        assertInstanceOf(Outcome.Skip.class, outcome, outcome.message());
    }

    @Test
    void theCatalogueHasElevenChecksWithStableUniqueIdsAndRequirements() {
        List<ClientCheck> checks = ClientCatalogue.checks();
        assertEquals(List.of("client.login.request", "client.path.plural", "client.token.cached",
                "client.token.refresh", "client.auth.bearer", "client.request-id.present", "client.request-id.uuid",
                "client.request-id.unique", "client.content-type.post", "client.retry.on-401",
                "client.retry.bounded"), checks.stream().map(ClientCheck::id).toList());
        Set<String> ids = new HashSet<>();
        checks.forEach(c -> {
            assertTrue(ids.add(c.id()));
            assertTrue(c.info().requirement().startsWith(ClientCheck.SOURCE), c.id());
            assertTrue(!c.info().fix().isBlank() && !c.info().title().isBlank(), c.id());
        });
    }

    @Test
    void aClientThatSentNothingFailsLoginAndEveryOtherCheckHasNothingToJudge() {
        ClientSession nothing = new Traffic().session();
        assertEquals(Status.FAIL, judge(new LoginRequest(), nothing).status());
        for (ClientCheck check : ClientCatalogue.checks().subList(1, 11)) {
            assertInstanceOf(Outcome.Skip.class, judge(check, nothing), check.id());
        }
    }

    @Test
    void callsWithoutAnyLoginFailTheLoginCheck() {
        Outcome outcome = judge(new LoginRequest(), new Traffic().call("pageNo=1").session());
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("never logged in"), outcome.message());
    }

    @Test
    void aLoginWithGetOrWithoutTheSecretFailsTheLoginCheck() {
        Outcome get = judge(new LoginRequest(), new Traffic().loginWith(s -> {
            s.method = "GET";
            s.login = Optional.empty();
            return s.status(405);
        }).session());
        assertEquals(Status.FAIL, get.status());
        assertTrue(get.message().contains("method GET instead of POST"), get.message());
        Outcome noSecret = judge(new LoginRequest(), new Traffic().loginWith(s -> {
            s.login = Optional.of(new LoginAttempt(true, true, false, Optional.of("test-client-id")));
            return s.status(400);
        }).session());
        assertTrue(noSecret.message().contains("no clientSecret"), noSecret.message());
    }

    @Test
    void aLoginAsFormDataFailsBothLoginAndPostContentType() {
        ClientSession session = new Traffic().loginWith(s -> s.contentType("application/x-www-form-urlencoded"))
                .call("").session();
        assertEquals(Status.FAIL, judge(new LoginRequest(), session).status());
        assertEquals(Status.FAIL, judge(new ContentTypePost(), session).status());
    }

    @Test
    void jsonWithACharsetParameterIsJson() {
        ClientSession session = new Traffic().loginWith(s -> s.contentType("Application/JSON; charset=UTF-8"))
                .call("").session();
        assertEquals(Status.PASS, judge(new ContentTypePost(), session).status());
    }

    @Test
    void aSingularPathFailsPathPluralNamingThePath() {
        ClientSession session = new Traffic().login().callWith(s -> {
            s.path = "/v1/partner/products";
            return s.status(404);
        }).session();
        Outcome outcome = judge(new PathPlural(), session);
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("/v1/partner/products"), outcome.message());
    }

    @Test
    void loggingInBeforeEveryCallFailsTokenCaching() {
        Traffic traffic = new Traffic();
        for (int i = 0; i < 4; i++) {
            traffic.login().call("pageNo=" + i);
        }
        assertEquals(Status.FAIL, judge(new TokenCached(), traffic.session()).status());
    }

    @Test
    void aReloginIsExplainedFrom80PercentOrFiveMinutesBeforeExpiryLessTenPercentAndNotEarlier() {
        Traffic ontime = new Traffic().login().call("a").after(Duration.ofSeconds(2900)).login().call("b")
                .after(Duration.ofSeconds(2900)).login().call("c");
        assertEquals(Status.PASS, judge(new TokenCached(), ontime.session(3600, 0)).status());
        Traffic specExample = new Traffic().login().call("a").after(Duration.ofSeconds(3300)).login().call("b");
        assertEquals(Status.PASS, judge(new TokenCached(), specExample.session(3600, 0)).status());
        Traffic early = new Traffic().login().call("a").after(Duration.ofSeconds(1000)).login().call("b");
        Outcome outcome = judge(new TokenCached(), early.session(3600, 0));
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("token-1 was 1000.1 s old of 3600 s"), outcome.message());
    }

    @Test
    void withTokensShorterThanTheSourcesFiveMinuteBufferAnEarlyReloginIsWhatItsOwnExampleDoes() {
        Traffic reused = new Traffic().login().call("a").call("b").after(Duration.ofSeconds(1)).login().call("c").call("d");
        assertEquals(Status.PASS, judge(new TokenCached(), reused.session(10, 0)).status());
    }

    @Test
    void withOnlyShortTokensEachUsedOnceCachingIsNotJudgedRatherThanPassed() {
        // --expires-in 60: a client that logs in before every call and one following the source's 5-minute buffer look
        // the same; the check must not say the logins came "after the refresh point".
        Traffic everyCall = new Traffic();
        for (int i = 0; i < 6; i++) {
            everyCall.login().call("pageNo=" + i);
        }
        Outcome outcome = judge(new TokenCached(), everyCall.session(60, 0));
        assertEquals(Status.SKIP, outcome.status(), outcome.message());
        assertTrue(((Outcome.Skip) outcome).missingInput().isPresent());
        assertTrue(outcome.message().contains("5 of 6 logins") && outcome.message().contains("--expires-in 600"),
                outcome.message());
        assertEquals(Status.FAIL, judge(new TokenCached(), everyCall.session(3600, 0)).status(), "long tokens judge it");
    }

    @Test
    void aShortFirstTokenExplainsOneEarlyReloginAndTheLongerTokensAfterItJudgeCaching() {
        ClientSession session = new ClientSession(new Traffic().login().call("a").login().call("b").login().call("c")
                .session().exchanges(), 3600, 0, java.util.Map.of("token-1", 4L));
        Outcome outcome = judge(new TokenCached(), session);
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().startsWith("1 of 3 logins"), outcome.message());
        assertTrue(outcome.message().contains("#5 when token-2"), outcome.message());
    }

    @Test
    void aSecondLoginBeforeTheFirstTokenWasUsedIsAHerdEvenWithShortTokens() {
        // Two threads each log in at start (the first token is short: 4 s, as the sandbox's first is).
        ClientSession startUp = new ClientSession(new Traffic().login().login().call("a").call("b").session().exchanges(),
                3600, 0, java.util.Map.of("token-1", 4L));
        Outcome outcome = judge(new TokenCached(), startUp);
        assertEquals(Status.FAIL, outcome.status(), outcome.message());
        assertTrue(outcome.message().contains("not yet used by any call"), outcome.message());
        // After the same injected 401: the replacement is short too, and the second thread logs in again before any
        // call used it.
        ClientSession after401 = new ClientSession(new Traffic().login().call("a").revokedCall("b").login().login()
                .call("b").call("c").session().exchanges(), 3600, 0, java.util.Map.of("token-1", 4L, "token-2", 4L));
        assertEquals(Status.FAIL, judge(new TokenCached(), after401).status());
        // A client idle past most of a short token's life renews it before its first call: explained.
        ClientSession idle = new ClientSession(new Traffic().login().after(Duration.ofMillis(3500)).login().call("a")
                .call("b").session().exchanges(), 3600, 0, java.util.Map.of("token-1", 4L));
        Outcome renewed = judge(new TokenCached(), idle);
        assertEquals(Status.PASS, renewed.status(), renewed.message());
    }

    @Test
    void anInjected401AllowsOneMoreLogin() {
        Traffic traffic = new Traffic().login().call("a").revokedCall("b").login().call("b");
        assertEquals(Status.PASS, judge(new TokenCached(), traffic.session()).status());
        Traffic twice = new Traffic().login().call("a").revokedCall("b").login().login().call("b");
        assertEquals(Status.FAIL, judge(new TokenCached(), twice.session()).status());
    }

    @Test
    void aCallWithAnExpiredTokenFailsTokenRefresh() {
        ClientSession session = new Traffic().login().call("a")
                .callWith(s -> s.query("b").status(401).token("Bearer", "token-1", TokenStatus.EXPIRED))
                .login().call("b").session();
        Outcome outcome = judge(new TokenRefresh(), session);
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("expired"), outcome.message());
        // The lifetime named is the expired token's own (a short first token), not the sandbox's default.
        ClientSession shortFirst = new ClientSession(session.exchanges(), 3600, 0, java.util.Map.of("token-1", 4L));
        Outcome named = judge(new TokenRefresh(), shortFirst);
        assertTrue(named.message().contains("token-1 lived 4 s") && !named.message().contains("3600"), named.message());
    }

    @Test
    void aCallWithoutAuthorizationOrWithAnotherSchemeOrAnUnknownTokenFailsBearer() {
        assertEquals(Status.FAIL, judge(new AuthBearer(),
                new Traffic().login().callWith(Traffic.Spec::noAuthorization).session()).status());
        assertEquals(Status.FAIL, judge(new AuthBearer(),
                new Traffic().login().callWith(s -> s.token("Token", "token-1", TokenStatus.LIVE)).session())
                .status());
        assertEquals(Status.FAIL, judge(new AuthBearer(),
                new Traffic().login().callWith(s -> s.token("Bearer", null, TokenStatus.UNKNOWN)).session())
                .status());
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        assertEquals(Status.PASS, judge(new AuthBearer(),
                new Traffic().login().callWith(s -> s.token("bearer", "token-1", TokenStatus.LIVE)).session())
                .status());
    }

    @Test
    void aTokenInTheUrlFailsBearerEvenWithTheHeaderPresent() {
        ClientSession session = new Traffic().login().callWith(s -> {
            s.query("access_token=[token-1]").tokenInUrl = Optional.of("token-1");
            return s;
        }).session();
        Outcome outcome = judge(new AuthBearer(), session);
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("token in the URL"), outcome.message());
    }

    @Test
    void aLoginThatAlsoSendsTheSecretInItsUrlQueryFailsTheLoginCheckNamingThePlace() {
        ClientSession session = Traffic.compliant().loginWith(s -> s.query("clientSecret=[REDACTED]")
                .secretAt(SecretPlace.QUERY)).call("pageNo=9").session();
        Outcome outcome = judge(new LoginRequest(), session);
        assertEquals(Status.FAIL, outcome.status(), outcome.message());
        assertTrue(outcome.message().contains("1 of 3 logins"), outcome.message());
        assertTrue(outcome.message().contains("the clientSecret sent in the URL query of the login"), outcome.message());
    }

    @Test
    void aLoginThatAlsoSendsTheSecretInAHeaderFailsTheLoginCheckNamingTheHeader() {
        ClientSession session = new Traffic().loginWith(s -> s.header("X-Client-Secret", "[REDACTED]")
                .secretAt(SecretPlace.header("X-Client-Secret"))).call("pageNo=1").session();
        Outcome outcome = judge(new LoginRequest(), session);
        assertEquals(Status.FAIL, outcome.status(), outcome.message());
        assertTrue(outcome.message().contains("#1 POST /v1/partners/auth/login: the clientSecret sent in header "
                + "X-Client-Secret of the login"), outcome.message());
        assertEquals(Status.PASS, judge(new AuthBearer(), session).status(), "the calls themselves are clean");
    }

    @Test
    void aCallCarryingTheSecretInAHeaderFailsBearerNamingTheHeaderAndTheCall() {
        ClientSession session = new Traffic().login().call("pageNo=1").callWith(s -> s.query("pageNo=2")
                .header("X-Client-Id", "test-client-id").header("X-Client-Secret", "[REDACTED]")
                .secretAt(SecretPlace.header("X-Client-Secret"))).session();
        Outcome outcome = judge(new AuthBearer(), session);
        assertEquals(Status.FAIL, outcome.status(), outcome.message());
        assertTrue(outcome.message().contains("1 call(s) carried the clientSecret"), outcome.message());
        assertTrue(outcome.message().contains("header X-Client-Secret of #3 GET /v1/partners/products?pageNo=2"),
                outcome.message());
        assertEquals(Status.PASS, judge(new LoginRequest(), session).status(), "the login itself is clean");
    }

    @Test
    void aCallCarryingTheSecretInItsQueryFailsBearerNamingTheQuery() {
        Traffic traffic = new Traffic().login();
        for (int i = 1; i <= 7; i++) {
            traffic.callWith(s -> s.query("limit=1&clientSecret=[REDACTED]").secretAt(SecretPlace.QUERY));
        }
        Outcome outcome = judge(new AuthBearer(), traffic.session());
        assertEquals(Status.FAIL, outcome.status(), outcome.message());
        assertTrue(outcome.message().contains("7 call(s) carried the clientSecret"), outcome.message());
        assertTrue(outcome.message().contains("the URL query of #2 GET /v1/partners/products?limit=1&clientSecret="
                + "[REDACTED]"), outcome.message());
        assertTrue(outcome.message().contains("; and 2 more"), outcome.message());
    }

    @Test
    void aCallWithBasicCredentialsFailsBearerForTheSchemeAndForTheSecret() {
        ClientSession session = new Traffic().login().callWith(s -> s.token("Basic", null, TokenStatus.UNKNOWN)
                .secretAt(SecretPlace.header("Authorization"))).session();
        Outcome outcome = judge(new AuthBearer(), session);
        assertEquals(Status.FAIL, outcome.status(), outcome.message());
        assertTrue(outcome.message().contains("scheme 'Basic'"), outcome.message());
        assertTrue(outcome.message().contains("header Authorization of #2 GET /v1/partners/products"),
                outcome.message());
    }

    @Test
    void theClientIdInAHeaderAndQueryWithTheSecretOnlyInTheLoginBodyPassesBothChecks() {
        ClientSession session = new Traffic().loginWith(s -> s.header("X-Client-Id", "test-client-id"))
                .callWith(s -> s.query("clientId=test-client-id").header("X-Client-Id", "test-client-id"))
                .session();
        Outcome login = judge(new LoginRequest(), session);
        Outcome bearer = judge(new AuthBearer(), session);
        assertEquals(Status.PASS, login.status(), login.message());
        assertTrue(login.message().contains("the clientSecret in no URL or header"), login.message());
        assertEquals(Status.PASS, bearer.status(), bearer.message());
        assertTrue(bearer.message().contains("no call the clientSecret"), bearer.message());
    }

    @Test
    void aCallWithoutRequestIdFailsPresence() {
        ClientSession session = new Traffic().login().call("a").callWith(s -> s.query("b").requestId(null)).session();
        assertEquals(Status.FAIL, judge(new RequestIdPresent(), session).status());
        assertEquals(Status.PASS, judge(new RequestIdUnique(), session).status());
    }

    @Test
    void aRequestIdThatIsNotAUuidFailsOnlyTheUuidCheck() {
        ClientSession session = new Traffic().login().callWith(s -> s.requestId("req-1")).session();
        assertEquals(Status.FAIL, judge(new RequestIdUuid(), session).status());
        assertEquals(Status.PASS, judge(new RequestIdPresent(), session).status());
        assertEquals(Status.PASS, judge(new RequestIdUnique(), session).status());
    }

    @Test
    void aRepeatedRequestIdFailsUniquenessNamingTheId() {
        String id = "239774a8-f59c-496c-bb52-ceb683d60af3";
        ClientSession session = new Traffic().login().callWith(s -> s.requestId(id))
                .callWith(s -> s.query("x").requestId(id)).session();
        Outcome outcome = judge(new RequestIdUnique(), session);
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains(id), outcome.message());
    }

    @Test
    void notRetryingTheInjected401FailsRetryOn401() {
        ClientSession session = new Traffic().login().call("a").revokedCall("b").login().call("c").session();
        Outcome outcome = judge(new RetryOn401(), session);
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("never repeated"), outcome.message());
    }

    @Test
    void retryingWithoutANewLoginFailsRetryOn401() {
        ClientSession session = new Traffic().login().call("a").revokedCall("b").callWithRevokedToken("b").session();
        Outcome outcome = judge(new RetryOn401(), session);
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("without logging in again"), outcome.message());
    }

    @Test
    void aClientThatIgnoresThe401AndRepeatsTheSameCallWithTheRevokedTokenFailsThoughAScheduledLoginFollows() {
        ClientSession session = new Traffic().login().call("a").revokedCall("a").callWithRevokedToken("a")
                .after(Duration.ofSeconds(3)).login().call("a").session();
        Outcome outcome = judge(new RetryOn401(), session);
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("without logging in again"), outcome.message());
    }

    @Test
    void aScheduledLoginAfterThe401FollowedByTheNextCallIsNotARetry() {
        ClientSession session = new Traffic().login().call("a").revokedCall("b").after(Duration.ofMillis(400))
                .login().call("c").call("b").session();
        Outcome outcome = judge(new RetryOn401(), session);
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("not a retry of the failed request"), outcome.message());
    }

    @Test
    void aRetryAfterABackOffPassesAndTheMessageSaysHowLongAfterThe401ItCame() {
        ClientSession session = new Traffic().login().call("a").revokedCall("b").after(Duration.ofMillis(700))
                .login().call("b").call("c").session();
        Outcome outcome = judge(new RetryOn401(), session);
        assertEquals(Status.PASS, outcome.status(), outcome.message());
        assertTrue(outcome.message().contains("retry #5 800 ms after the 401"), outcome.message());
    }

    /** The injected 401 answered only after the next call arrived: the client has calls in flight at once. */
    private static Traffic slowRevokedCall(Traffic traffic, String query) {
        return traffic.callWith(s -> {
            s.query(query).status(401).fault = com.hubble.kit.reference.sandbox.Fault.REVOKED_TOKEN;
            s.answeredAfter = Duration.ofMillis(200);
            return s;
        });
    }

    @Test
    void aConcurrentClientsOtherCallsInFlightOrRacingTheRetryAreToleratedButCallsSecondsLaterAreNot() {
        ClientSession inFlight = slowRevokedCall(new Traffic().login().call("a"), "b").callWithRevokedToken("c")
                .login().call("d").call("b").session();
        assertTrue(inFlight.concurrent());
        Outcome tolerated = judge(new RetryOn401(), inFlight);
        assertEquals(Status.PASS, tolerated.status(), tolerated.message());
        ClientSession plodding = slowRevokedCall(new Traffic().login().call("a"), "b").after(Duration.ofSeconds(3))
                .callWithRevokedToken("c").login().call("b").session();
        Outcome outcome = judge(new RetryOn401(), plodding);
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("kept calling with the revoked token"), outcome.message());
    }

    @Test
    void otherCallsWithTheRevokedTokenThatWereThemselvesRetriedAreAnotherThreadsWorkEvenWithoutOverlap() {
        ClientSession session = new Traffic().login().call("a").revokedCall("b").callWithRevokedToken("c")
                .login().call("c").call("b").session();
        assertTrue(!session.concurrent(), "fast answers: no overlap seen");
        Outcome outcome = judge(new RetryOn401(), session);
        assertEquals(Status.PASS, outcome.status(), outcome.message());
    }

    @Test
    void aSequentialClientSendingAnyOtherCallBeforeTheRetryFails() {
        ClientSession withRevokedToken = new Traffic().login().call("a").revokedCall("b").callWithRevokedToken("c")
                .login().call("b").session();
        assertTrue(!withRevokedToken.concurrent());
        assertEquals(Status.FAIL, judge(new RetryOn401(), withRevokedToken).status());
        ClientSession withNewToken = new Traffic().login().call("a").revokedCall("b").login().call("c").call("b")
                .session();
        Outcome outcome = judge(new RetryOn401(), withNewToken);
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("1 other call(s)"), outcome.message());
    }

    @Test
    void aRetryWithADifferentBodyIsNotARepeatOfTheFailedRequest() {
        ClientSession session = new Traffic().login().call("a")
                .callWith(s -> {
                    s.query("b").status(401).fault = com.hubble.kit.reference.sandbox.Fault.REVOKED_TOKEN;
                    s.bodyDigest = "sha256:aaaa/2";
                    return s;
                })
                .login()
                .callWith(s -> {
                    s.query("b").bodyDigest = "sha256:bbbb/2";
                    return s;
                }).session();
        Outcome outcome = judge(new RetryOn401(), session);
        assertEquals(Status.FAIL, outcome.status(), outcome.message());
    }

    @Test
    void theRetryCheckNeedsTheInjectionToHaveHappened() {
        ClientSession tooFewCalls = new Traffic().login().call("a").session(3600, 5);
        Outcome outcome = judge(new RetryOn401(), tooFewCalls);
        assertInstanceOf(Outcome.Skip.class, outcome);
        assertTrue(((Outcome.Skip) outcome).missingInput().isPresent());
        Outcome off = judge(new RetryOn401(), new Traffic().login().call("a").session(3600, 0));
        assertEquals(Optional.empty(), ((Outcome.Skip) off).missingInput());
    }

    @Test
    void retryingA401MoreThanOnceFailsRetryBounded() {
        ClientSession session = new Traffic().login().call("a").revokedCall("b").callWithRevokedToken("b")
                .callWithRevokedToken("b").session();
        Outcome outcome = judge(new RetryBounded(), session);
        assertEquals(Status.FAIL, outcome.status());
        assertTrue(outcome.message().contains("3 times in a row"), outcome.message());
    }

    @Test
    void callingTheSameTargetAgainAfterASuccessfulRetryIsNotARetry() {
        ClientSession session = new Traffic().login().revokedCall("a").login().call("a").call("a").call("a")
                .session();
        assertEquals(Status.PASS, judge(new RetryBounded(), session).status());
    }

    /** Several threads fetch one URL and meet the injected 401 together; each is retried once after one login. */
    private static Traffic threadsOnOneUrl(int threads, int retried) {
        Traffic traffic = slowRevokedCall(new Traffic().login().call("a"), "list");
        for (int i = 1; i < threads; i++) {
            traffic.callWithRevokedToken("list");
        }
        traffic.login();
        for (int i = 0; i < retried; i++) {
            traffic.call("list");
        }
        return traffic.call("b");
    }

    @Test
    void threadsFetchingOneUrlThatMeetTheSame401AndAreEachRetriedOnceAreNotRepeatsOfEachOther() {
        ClientSession session = threadsOnOneUrl(4, 4).session();
        assertTrue(session.concurrent());
        Outcome onRetry = judge(new RetryOn401(), session);
        assertEquals(Status.PASS, onRetry.status(), onRetry.message());
        Outcome bounded = judge(new RetryBounded(), session);
        assertEquals(Status.PASS, bounded.status(), bounded.message());
    }

    @Test
    void aConcurrentClientRepeatingTheCallWithTheRejectedTokenBeforeItsLoginIsStillCaught() {
        // Three sends of one call with the revoked token and one retry after the login: fewer retries than
        // attempts, so the two repeats before the login are repeats, not other threads.
        ClientSession session = threadsOnOneUrl(3, 1).session();
        assertTrue(session.concurrent());
        Outcome onRetry = judge(new RetryOn401(), session);
        assertEquals(Status.FAIL, onRetry.status(), onRetry.message());
        assertTrue(onRetry.message().contains("without logging in again"), onRetry.message());
        Outcome bounded = judge(new RetryBounded(), session);
        assertEquals(Status.FAIL, bounded.status(), bounded.message());
        assertTrue(bounded.message().contains("4 times in a row"), bounded.message());
        ClientSession sequential = new Traffic().login().call("a").revokedCall("list").callWithRevokedToken("list")
                .callWithRevokedToken("list").login().call("list").call("list").call("list").session();
        assertFalse(sequential.concurrent());
        assertEquals(Status.FAIL, judge(new RetryBounded(), sequential).status(), "no threads without overlap");
    }

    @Test
    void aConcurrentClientsRetryMayWaitSecondsAfterTheLoginWhileOtherThreadsCarryOn() {
        // Spring Retry waits 1 s by default before repeating; other threads use the new token meanwhile.
        ClientSession backOff = slowRevokedCall(new Traffic().login().call("a"), "b").login().call("c")
                .after(Duration.ofMillis(1200)).call("d").call("b").session();
        assertTrue(backOff.concurrent());
        Outcome outcome = judge(new RetryOn401(), backOff);
        assertEquals(Status.PASS, outcome.status(), outcome.message());
        ClientSession movedOn = slowRevokedCall(new Traffic().login().call("a"), "b").login().call("c")
                .after(Duration.ofSeconds(6)).call("d").call("b").session();
        Outcome late = judge(new RetryOn401(), movedOn);
        assertEquals(Status.FAIL, late.status(), late.message());
        assertTrue(late.message().contains("not a retry of the failed request"), late.message());
    }
}
