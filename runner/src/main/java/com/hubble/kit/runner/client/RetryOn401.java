package com.hubble.kit.runner.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.hubble.kit.reference.sandbox.RecordedExchange;
import com.hubble.kit.reference.sandbox.TokenStatus;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;

/**
 * After the sandbox revokes the token mid-session (the injected 401), the client logs in exactly once and retries the
 * same call (same method, path and query) once, with the new token.
 */
public final class RetryOn401 implements ClientCheck {
    @Override
    public String id() {
        return "client.retry.on-401";
    }

    @Override
    public String title() {
        return "After a 401 the client logs in again once and retries the call";
    }

    @Override
    public Severity severity() {
        return Severity.SHOULD;
    }

    @Override
    public String area() {
        return "Retry";
    }

    @Override
    public String requirement() {
        return SOURCE + "\"If you receive a 401 during a request, re-authenticate and retry the failed request "
                + "automatically.\"; \"Handle 401 responses by re-authenticating automatically\".";
    }

    @Override
    public String fix() {
        return "On a 401 from an authenticated call: drop the cached token, log in once (shared by all threads), "
                + "and send the same request once more with the new token and a new X-REQUEST-ID.";
    }

    @Override
    public Outcome evaluate(ClientSession session) {
        if (session.revokeTokenAtCall() == 0) {
            return Outcome.notApplicable("401 injection was off (--inject-401-at 0)");
        }
        List<RecordedExchange> injected = session.injected401s();
        if (injected.isEmpty()) {
            return Outcome.missing("at least " + session.revokeTokenAtCall() + " successful authenticated calls (the "
                    + "sandbox revokes the token on call " + session.revokeTokenAtCall() + ")");
        }
        List<String> problems = new ArrayList<>();
        List<RecordedExchange> evidence = new ArrayList<>();
        List<String> good = new ArrayList<>();
        for (RecordedExchange revoked : injected) {
            List<RecordedExchange> after = session.exchanges().stream()
                    .filter(e -> e.sequence() > revoked.sequence()).toList();
            Optional<RecordedExchange> retry = after.stream()
                    .filter(e -> e.isAuthenticatedCall() && ClientEvidence.callKey(e).equals(ClientEvidence.callKey(revoked))).findFirst();
            int retrySequence = retry.map(RecordedExchange::sequence).orElse(Integer.MAX_VALUE);
            List<RecordedExchange> logins = after.stream()
                    .filter(e -> e.isLogin() && e.sequence() < retrySequence).toList();
            evidence.add(revoked);
            evidence.addAll(logins);
            retry.ifPresent(evidence::add);
            String call = ClientEvidence.describe(revoked);
            if (retry.isEmpty()) {
                problems.add("never retried " + revoked.target() + " after the injected 401 on " + call
                        + (logins.isEmpty() ? " (and never logged in again)" : ""));
            } else if (logins.isEmpty()) {
                problems.add("retried " + ClientEvidence.describe(retry.get()) + " without logging in again after "
                        + call);
            } else if (logins.size() > 1) {
                problems.add("logged in " + logins.size() + " times between the injected 401 on " + call
                        + " and the retry " + ClientEvidence.describe(retry.get()));
            } else if (retry.get().authorization().map(a -> a.status() != TokenStatus.LIVE).orElse(true)) {
                problems.add("the retry " + ClientEvidence.describe(retry.get()) + " did not carry the new token");
            } else {
                good.add("401 on #" + revoked.sequence() + ", login #" + logins.getFirst().sequence() + ", retry #"
                        + retry.get().sequence() + " -> " + retry.get().status());
            }
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(String.join("; ", problems), ClientEvidence.of(evidence));
        }
        return Outcome.pass("re-authenticated once and retried once: " + String.join("; ", good),
                ClientEvidence.of(evidence));
    }
}
