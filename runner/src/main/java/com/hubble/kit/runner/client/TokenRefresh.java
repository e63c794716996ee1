package com.hubble.kit.runner.client;

import java.util.List;

import com.hubble.kit.reference.sandbox.RecordedExchange;
import com.hubble.kit.reference.sandbox.TokenStatus;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;

/** No request carries a token past its expiresInSecs: the client refreshes before expiry. */
public final class TokenRefresh implements ClientCheck {
    @Override
    public String id() {
        return "client.token.refresh";
    }

    @Override
    public String title() {
        return "The token is refreshed before it expires";
    }

    @Override
    public Severity severity() {
        return Severity.SHOULD;
    }

    @Override
    public String area() {
        return "Token";
    }

    @Override
    public String requirement() {
        return SOURCE + "\"Implement token refresh logic based on expiresInSecs\"; \"Recommended: refresh at 80% "
                + "of expiry time\".";
    }

    @Override
    public String fix() {
        return "Record when each token was obtained and log in again once 80% of expiresInSecs has passed, "
                + "before the next call (accept expiresInSecs as a number or a numeric string).";
    }

    @Override
    public Outcome evaluate(ClientSession session) {
        List<RecordedExchange> calls = session.authenticatedCalls();
        if (calls.isEmpty()) {
            return Outcome.missing("an authenticated call by the client");
        }
        List<RecordedExchange> expired = calls.stream()
                .filter(e -> e.authorization().map(a -> a.status() == TokenStatus.EXPIRED).orElse(false))
                .toList();
        if (!expired.isEmpty()) {
            return Outcome.fail(expired.size() + " call(s) carried an expired token (lifetime "
                    + session.tokenLifetimeSecs() + " s): " + ClientEvidence.list(expired),
                    ClientEvidence.of(expired));
        }
        String exercised = session.span().getSeconds() >= session.tokenLifetimeSecs() * TokenCached.REFRESH_FRACTION
                ? "" : " (the session was shorter than 80% of the " + session.tokenLifetimeSecs()
                + " s lifetime; run with --expires-in to exercise refresh)";
        return Outcome.pass("none of " + calls.size() + " authenticated calls carried an expired token" + exercised,
                List.of());
    }
}
