package com.hubble.kit.runner.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.hubble.kit.reference.sandbox.PresentedToken;
import com.hubble.kit.reference.sandbox.RecordedExchange;
import com.hubble.kit.reference.sandbox.TokenStatus;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;

/**
 * After the sandbox revokes a young token mid-session (the injected 401), the client logs in exactly once and repeats
 * the failed request (method, path, query and body) with the new token before any other call. The token being young
 * is what makes this evidence: no refresh schedule explains a login there, and only a retry repeats the request next.
 */
public final class RetryOn401 implements ClientCheck {
    private static final CheckInfo INFO = new CheckInfo("client.retry.on-401", "After a 401 the client logs in again once and retries the call",
            Severity.SHOULD, "Retry",
            SOURCE + "\"If you receive a 401 during a request, re-authenticate and retry the failed request "
                    + "automatically.\"; \"Handle 401 responses by re-authenticating automatically\".",
            SENDS,
            "On a 401 from an authenticated call: drop the cached token, log in once (shared by all threads), "
                    + "and send the same request once more with the new token and a new X-REQUEST-ID.");

    @Override
    public CheckInfo info() {
        return INFO;
    }
    /** Calls with the revoked token this long after the 401 are no longer in flight: the client ignored the 401. */
    static final Duration STALE_CALLS_WINDOW = Duration.ofSeconds(2);

    @Override
    public Outcome evaluate(ClientSession session) {
        if (session.revokeTokenAtCall() == 0) {
            return Outcome.notApplicable("401 injection was off (--inject-401-at 0)");
        }
        List<RecordedExchange> injected = session.injected401s();
        if (injected.isEmpty()) {
            return Outcome.missing("an authenticated call, from call " + session.revokeTokenAtCall() + " on, that "
                    + "carries a token used before and younger than half its lifetime (the sandbox injects its 401 "
                    + "only there, so no scheduled refresh can pass for a retry): make more calls, or lower "
                    + "--inject-401-at, or raise --expires-in");
        }
        List<String> problems = new ArrayList<>();
        List<RecordedExchange> evidence = new ArrayList<>();
        List<String> good = new ArrayList<>();
        for (RecordedExchange revoked : injected) {
            Recovery recovery = Recovery.after(revoked, session.exchanges());
            evidence.add(revoked);
            evidence.addAll(recovery.logins());
            recovery.next().ifPresent(evidence::add);
            recovery.problem().ifPresentOrElse(problems::add, () -> good.add(recovery.describe()));
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(String.join("; ", problems), ClientEvidence.of(evidence));
        }
        return Outcome.pass("re-authenticated once and repeated the failed request before any other call: "
                + String.join("; ", good), ClientEvidence.of(evidence));
    }

    /**
     * What the client did after one injected 401: {@code next} is its first authenticated call that repeats the
     * failed request or carries another token (calls still carrying the revoked token for other requests were in
     * flight or sent by a client plodding on; they are judged by {@link #STALE_CALLS_WINDOW}).
     */
    private record Recovery(RecordedExchange revoked, List<RecordedExchange> logins, Optional<RecordedExchange> next,
                            List<RecordedExchange> staleCalls) {

        static Recovery after(RecordedExchange revoked, List<RecordedExchange> exchanges) {
            Optional<String> revokedToken = tokenId(revoked);
            List<RecordedExchange> later = exchanges.stream().filter(e -> e.sequence() > revoked.sequence()).toList();
            Optional<RecordedExchange> next = later.stream().filter(RecordedExchange::isAuthenticatedCall)
                    .filter(e -> sameRequest(e, revoked) || !tokenId(e).equals(revokedToken)).findFirst();
            int until = next.map(RecordedExchange::sequence).orElse(Integer.MAX_VALUE);
            List<RecordedExchange> before = later.stream().filter(e -> e.sequence() < until).toList();
            return new Recovery(revoked, before.stream().filter(RecordedExchange::isLogin).toList(), next,
                    before.stream().filter(RecordedExchange::isAuthenticatedCall).toList());
        }

        Optional<String> problem() {
            String call = ClientEvidence.describe(revoked);
            if (next.isEmpty()) {
                return Optional.of("never repeated " + revoked.target() + " after the injected 401 on " + call
                        + (logins.isEmpty() ? " (and never logged in again)" : ""));
            }
            RecordedExchange retry = next.get();
            if (!sameRequest(retry, revoked)) {
                return Optional.of("after the injected 401 on " + call + (logins.isEmpty() ? "" : " and a login "
                        + millisAfter(logins.getFirst()) + " later") + ", the next call was "
                        + ClientEvidence.describe(retry) + " (" + millisAfter(retry) + " after the 401), not a repeat "
                        + "of the failed request: it was never retried");
            }
            Optional<RecordedExchange> lateStale = staleCalls.stream()
                    .filter(e -> Duration.between(revoked.receivedAt(), e.receivedAt()).compareTo(STALE_CALLS_WINDOW) > 0)
                    .findFirst();
            if (lateStale.isPresent()) {
                return Optional.of("kept calling with the revoked token (" + ClientEvidence.describe(lateStale.get())
                        + ", " + millisAfter(lateStale.get()) + " after the injected 401 on " + call
                        + ") before retrying the failed request");
            }
            if (logins.isEmpty()) {
                return Optional.of("retried " + ClientEvidence.describe(retry) + " " + millisAfter(retry)
                        + " after the injected 401 on " + call + " without logging in again");
            }
            if (logins.size() > 1) {
                return Optional.of("logged in " + logins.size() + " times between the injected 401 on " + call
                        + " and the retry " + ClientEvidence.describe(retry));
            }
            if (retry.authorization().map(a -> a.status() != TokenStatus.LIVE).orElse(true)) {
                return Optional.of("the retry " + ClientEvidence.describe(retry) + " did not carry the new token");
            }
            return Optional.empty();
        }

        String describe() {
            RecordedExchange retry = next.orElseThrow();
            return "401 on #" + revoked.sequence() + ", login #" + logins.getFirst().sequence() + " "
                    + millisAfter(logins.getFirst()) + " later, retry #" + retry.sequence() + " " + millisAfter(retry)
                    + " after the 401 -> " + retry.status();
        }

        private String millisAfter(RecordedExchange e) {
            return Duration.between(revoked.receivedAt(), e.receivedAt()).toMillis() + " ms";
        }

        private static Optional<String> tokenId(RecordedExchange e) {
            return e.authorization().flatMap(PresentedToken::tokenId);
        }

        /** Method, path, query (token ids blanked) and body: the retry repeats the request that failed. */
        private static boolean sameRequest(RecordedExchange a, RecordedExchange b) {
            return ClientEvidence.callKey(a).equals(ClientEvidence.callKey(b)) && a.bodyDigest().equals(b.bodyDigest());
        }
    }
}
