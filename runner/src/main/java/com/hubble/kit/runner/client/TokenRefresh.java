package com.hubble.kit.runner.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.hubble.kit.reference.sandbox.PresentedToken;
import com.hubble.kit.reference.sandbox.RecordedExchange;
import com.hubble.kit.reference.sandbox.TokenStatus;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;

/**
 * No request carries a token past its expiresInSecs: the client refreshes before expiry. Judged only when a refresh
 * was due during the run (a call came after 80% of a kept token's lifetime); otherwise nothing was exercised: SKIP.
 */
public final class TokenRefresh implements ClientCheck {
    private static final CheckInfo INFO = new CheckInfo("client.token.refresh", "The token is refreshed before it expires",
            Severity.SHOULD, "Token",
            SOURCE + "\"Implement token refresh logic based on expiresInSecs\"; \"Recommended: refresh at 80% "
                    + "of expiry time\".",
            SENDS,
            "Record when each token was obtained and log in again once 80% of expiresInSecs has passed, "
                    + "before the next call (accept expiresInSecs as a number or a numeric string).");

    @Override
    public CheckInfo info() {
        return INFO;
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
            String lifetimes = expired.stream()
                    .flatMap(e -> e.authorization().flatMap(com.hubble.kit.reference.sandbox.PresentedToken::tokenId).stream())
                    .distinct().limit(3).map(id -> id + " lived " + session.lifetimeOf(id) + " s")
                    .collect(java.util.stream.Collectors.joining(", "));
            return Outcome.fail(expired.size() + " call(s) carried an expired token (" + lifetimes + "): "
                    + ClientEvidence.list(expired),
                    ClientEvidence.of(expired));
        }
        Optional<Instant> firstDue = firstRefreshDue(session);
        Instant lastCall = calls.getLast().receivedAt();
        if (firstDue.isEmpty() || lastCall.isBefore(firstDue.get())) {
            return Outcome.missing("a call after 80% of a token's life (--first-expires-in, --expires-in or a longer "
                    + "run; " + describeLifetimes(session) + "): no refresh was ever due, so none was exercised");
        }
        return Outcome.pass("a refresh came due " + Duration.between(firstDue.get(), lastCall).toMillis()
                + " ms before the client's last call, and none of its " + calls.size()
                + " authenticated calls carried an expired token", List.of());
    }

    private static String describeLifetimes(ClientSession session) {
        return session.logins().stream().flatMap(l -> l.issuedTokenId().stream())
                .map(id -> session.lifetimeOf(id) + " s").distinct().limit(3)
                .collect(Collectors.joining(", ", "tokens of ", ""));
    }

    /**
     * When the earliest token the client kept (one not revoked by the injected 401) reached its refresh point: from
     * then on a compliant client must have logged in again before calling.
     */
    private static Optional<Instant> firstRefreshDue(ClientSession session) {
        Set<String> revoked = session.injected401s().stream()
                .flatMap(e -> e.authorization().flatMap(PresentedToken::tokenId).stream())
                .collect(Collectors.toSet());
        return session.logins().stream()
                .filter(login -> login.issuedTokenId().filter(id -> !revoked.contains(id)).isPresent())
                .map(login -> login.receivedAt().plus(Duration.ofMillis(Math.round(
                        session.lifetimeOf(login.issuedTokenId().orElseThrow()) * 1000 * TokenCached.REFRESH_FRACTION))))
                .min(Instant::compareTo);
    }
}
