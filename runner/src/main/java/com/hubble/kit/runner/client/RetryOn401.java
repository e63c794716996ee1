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
    /**
     * Other calls this close to the 401 (with the revoked token) or to the re-login (with the new one) are taken as a
     * multi-threaded client's concurrent work; later ones show a client that ignored the 401 or moved on.
     */
    static final Duration CONCURRENT_WINDOW = Duration.ofSeconds(1);
    /**
     * How long a multi-threaded client's retry may follow its re-login while other threads carry on with the new
     * token: retry policies wait before repeating (Spring Retry's default back-off is 1 s; tenacity and Polly set-ups
     * of 1-2 s are common). Later, the repeat is taken for the same call sent again by a client that moved on.
     */
    static final Duration RETRY_WAIT = Duration.ofSeconds(5);

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
            Recovery recovery = Recovery.after(revoked, session.exchanges(), session.concurrent());
            evidence.add(revoked);
            evidence.addAll(recovery.logins());
            recovery.retry().ifPresent(evidence::add);
            recovery.problem().ifPresentOrElse(problems::add, () -> good.add(recovery.describe()));
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(String.join("; ", problems), ClientEvidence.of(evidence));
        }
        return Outcome.pass("re-authenticated once and repeated the failed request: "
                + String.join("; ", good), ClientEvidence.of(evidence));
    }

    /**
     * What the client did after one injected 401: {@code retry} is its first call repeating the failed request;
     * {@code between} are the authenticated calls before it. A sequential client sends nothing between: any call there
     * means it ignored the 401 or moved on. A client shows it runs calls at once when a request arrived before an
     * earlier one was answered, or when other calls with the revoked token got their own 401 and were repeated with a
     * new token (other threads handling theirs); then {@code window} is {@link #CONCURRENT_WINDOW}: such handled
     * calls, calls with the revoked token that close to the 401, and calls with the new token when the retry follows
     * the login that closely, are other threads' work.
     */
    private record Recovery(RecordedExchange revoked, List<RecordedExchange> logins, Optional<RecordedExchange> retry,
                            List<RecordedExchange> between, Duration window, List<RecordedExchange> later) {

        static Recovery after(RecordedExchange revoked, List<RecordedExchange> exchanges, boolean concurrent) {
            List<RecordedExchange> later = exchanges.stream().filter(e -> e.sequence() > revoked.sequence()).toList();
            java.util.Set<Integer> otherThreads = ParallelAttempts.after(revoked, exchanges, concurrent);
            Optional<RecordedExchange> retry = later.stream().filter(RecordedExchange::isAuthenticatedCall)
                    .filter(e -> sameRequest(e, revoked) && !otherThreads.contains(e.sequence())).findFirst();
            int until = retry.map(RecordedExchange::sequence).orElse(Integer.MAX_VALUE);
            List<RecordedExchange> before = later.stream().filter(e -> e.sequence() < until).toList();
            List<RecordedExchange> between = before.stream().filter(RecordedExchange::isAuthenticatedCall).toList();
            boolean othersHandled401s = between.stream().anyMatch(e -> handled(e, tokenId(revoked), later));
            return new Recovery(revoked, before.stream().filter(RecordedExchange::isLogin).toList(), retry, between,
                    concurrent || othersHandled401s ? CONCURRENT_WINDOW : Duration.ZERO, later);
        }

        /**
         * A call that carried the revoked token and was itself repeated with another token within
         * {@link #CONCURRENT_WINDOW}: a 401 handled by another thread, which a client ignoring 401s does not show (one
         * cycling through the same calls repeats them only a cycle later).
         */
        private static boolean handled(RecordedExchange call, Optional<String> revokedToken,
                                       List<RecordedExchange> later) {
            return tokenId(call).equals(revokedToken) && later.stream()
                    .anyMatch(e -> e.sequence() > call.sequence() && sameRequest(e, call)
                            && !tokenId(e).equals(revokedToken)
                            && after(call, e).compareTo(CONCURRENT_WINDOW) <= 0);
        }

        Optional<String> problem() {
            String call = ClientEvidence.describe(revoked);
            Optional<String> revokedToken = tokenId(revoked);
            Optional<RecordedExchange> ignored = between.stream()
                    .filter(e -> tokenId(e).equals(revokedToken) && after(revoked, e).compareTo(window) >= 0
                            && !(window.isPositive() && handled(e, revokedToken, later)))
                    .findFirst();
            if (ignored.isPresent()) {
                return Optional.of("kept calling with the revoked token after the injected 401 on " + call + " ("
                        + ClientEvidence.describe(ignored.get()) + ", " + millisAfter(ignored.get()) + " later)"
                        + (retry.isEmpty() ? " and never repeated the failed request" : " before repeating it"));
            }
            if (retry.isEmpty()) {
                List<RecordedExchange> moved = between.stream().filter(e -> !tokenId(e).equals(revokedToken)).toList();
                return Optional.of("never repeated " + revoked.target() + " after the injected 401 on " + call
                        + (logins.isEmpty() ? " (and never logged in again)"
                        : moved.isEmpty() ? "" : " (it logged in again " + millisAfter(logins.getFirst())
                        + " later and moved on to " + ClientEvidence.describe(moved.getFirst()) + ")"));
            }
            RecordedExchange repeat = retry.get();
            if (tokenId(repeat).equals(revokedToken) || logins.isEmpty()) {
                return Optional.of("repeated the failed request " + millisAfter(repeat) + " after the injected 401 on "
                        + call + " without logging in again (" + ClientEvidence.describe(repeat) + ")");
            }
            if (logins.size() > 1) {
                return Optional.of("logged in " + logins.size() + " times between the injected 401 on " + call
                        + " and the retry " + ClientEvidence.describe(repeat));
            }
            if (repeat.authorization().map(a -> a.status() != TokenStatus.LIVE).orElse(true)) {
                return Optional.of("the retry " + ClientEvidence.describe(repeat) + " did not carry the new token");
            }
            RecordedExchange login = logins.getFirst();
            List<RecordedExchange> movedOn = between.stream()
                    .filter(e -> !tokenId(e).equals(revokedToken) && e.sequence() > login.sequence()).toList();
            Duration wait = window.isPositive() ? RETRY_WAIT : Duration.ZERO;
            if (!movedOn.isEmpty() && Duration.between(login.receivedAt(), repeat.receivedAt()).compareTo(wait) >= 0) {
                return Optional.of("after the injected 401 on " + call + " and the login " + millisAfter(login)
                        + " later, the client sent " + movedOn.size() + " other call(s) (" + ClientEvidence.describe(
                        movedOn.getFirst()) + ") and repeated the failed request only " + millisAfter(repeat)
                        + " after the 401: not a retry of the failed request");
            }
            return Optional.empty();
        }

        String describe() {
            RecordedExchange retry = this.retry.orElseThrow();
            return "401 on #" + revoked.sequence() + ", login #" + logins.getFirst().sequence() + " "
                    + millisAfter(logins.getFirst()) + " later, retry #" + retry.sequence() + " " + millisAfter(retry)
                    + " after the 401 -> " + retry.status();
        }

        private String millisAfter(RecordedExchange e) {
            return after(revoked, e).toMillis() + " ms";
        }

        private static Duration after(RecordedExchange first, RecordedExchange then) {
            return Duration.between(first.receivedAt(), then.receivedAt());
        }

        private static Optional<String> tokenId(RecordedExchange e) {
            return ParallelAttempts.tokenId(e);
        }

        /** Method, path, query (token ids blanked) and body: the retry repeats the request that failed. */
        private static boolean sameRequest(RecordedExchange a, RecordedExchange b) {
            return ParallelAttempts.sameRequest(a, b);
        }
    }
}
