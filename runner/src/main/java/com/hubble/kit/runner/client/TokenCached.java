package com.hubble.kit.runner.client;

import java.util.List;

import com.hubble.kit.reference.sandbox.RecordedExchange;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Measurement;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;

/**
 * Logins are not repeated while the token is valid. Allowed: one login, one more per 80% of the token lifetime the
 * session lasted, one more per injected 401. Refreshing earlier than 80% is fine as long as the count stays within.
 * A tenth of the lifetime is added to the session as tolerance: a client that measures the lifetime from when it sent
 * the login (as it should) refreshes slightly earlier than the sandbox's clock suggests.
 */
public final class TokenCached implements ClientCheck {
    static final double REFRESH_FRACTION = 0.8;
    static final double TOLERANCE_FRACTION = 0.1;
    private static final CheckInfo INFO = new CheckInfo("client.token.cached", "The token is cached: no login while the current token is valid",
            Severity.MUST, "Token",
            SOURCE + "\"Do not call Login before every request. Store the token and reuse it for all requests "
                    + "within the validity window.\" Allowed: 1 login + 1 per 80% of expiresInSecs elapsed + 1 per "
                    + "injected 401.",
            SENDS,
            "Keep the token from the login in memory (one per process, shared by all threads) with its expiry; "
                    + "log in again only at ~80% of expiresInSecs or after a 401.");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(ClientSession session) {
        List<RecordedExchange> logins = session.logins();
        if (logins.isEmpty()) {
            return Outcome.missing("a login by the client");
        }
        double spanSecs = session.span().toMillis() / 1000.0;
        long lifetime = session.tokenLifetimeSecs();
        long periods = (long) Math.floor((spanSecs + TOLERANCE_FRACTION * lifetime) / (REFRESH_FRACTION * lifetime));
        int injected = session.injected401s().size();
        long allowed = 1 + periods + injected;
        List<Measurement> figures = List.of(Measurement.of("logins", logins.size(), ""),
                Measurement.of("allowed", allowed, ""), Measurement.of("session", spanSecs, "s"));
        String budget = "allowed " + allowed + " = 1 + " + periods + " for a " + String.format("%.1f", spanSecs)
                + " s session with " + session.tokenLifetimeSecs() + " s tokens + " + injected + " injected 401(s)";
        if (logins.size() > allowed) {
            return new Outcome.Fail(logins.size() + " logins, " + budget + ": the client logs in again while its "
                    + "token is still valid (" + ClientEvidence.list(logins) + ")", ClientEvidence.of(logins),
                    figures);
        }
        return new Outcome.Pass(logins.size() + " login(s), " + budget, ClientEvidence.of(logins), figures);
    }
}
