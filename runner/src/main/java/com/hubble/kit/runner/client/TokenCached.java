package com.hubble.kit.runner.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.hubble.kit.reference.sandbox.PresentedToken;
import com.hubble.kit.reference.sandbox.RecordedExchange;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Measurement;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;

/**
 * Logins are not repeated while the token is valid. Each login after the first must be explained: the client's
 * token had reached its refresh point, or was revoked by the injected 401. The refresh point is the earlier of 80% of
 * the token's lifetime (the source's recommendation) and 5 minutes before expiry (the source's own example code), less
 * a tenth of the lifetime as tolerance: a client that measures the lifetime from when it sent the login (as it should)
 * refreshes slightly earlier than the sandbox's clock suggests. A token shorter than that (about 333 s) has no such
 * point: a client following the source's example renews it before every call, so a re-login after it is explained,
 * and judges nothing. When every re-login came after such a token that carried at most one call, and no token carried
 * more than one, caching was not seen either way: the check says so (not run) instead of passing. A login before
 * the previous token carried any call, while that token was under 70% of its life, is never explained: no buffer
 * renews a token that was never used (two threads each logging in, at start or after the same 401).
 */
public final class TokenCached implements ClientCheck {
    static final double REFRESH_FRACTION = 0.8;
    static final double TOLERANCE_FRACTION = 0.1;
    static final Duration EXAMPLE_BUFFER = Duration.ofMinutes(5);
    private static final CheckInfo INFO = new CheckInfo("client.token.cached", "The token is cached: no login while the current token is valid",
            Severity.MUST, "Token",
            SOURCE + "\"Do not call Login before every request. Store the token and reuse it for all requests "
                    + "within the validity window.\" A login is explained when the current token reached 80% of "
                    + "expiresInSecs or 5 minutes before expiry (the source's example), less 10%, or was revoked.",
            SENDS,
            "Keep the token from the login in memory (one per process, shared by all threads) with its expiry; "
                    + "log in again only near expiry (80% of expiresInSecs) or after a 401. A client run as several "
                    + "processes logs in once per process: share the token or run one.");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    /** How old a token of this lifetime must be before a new login is a refresh rather than a missed cache. */
    static Duration refreshPoint(long lifetimeSecs) {
        Duration lifetime = Duration.ofSeconds(lifetimeSecs);
        Duration eighty = Duration.ofMillis(Math.round(lifetimeSecs * 1000 * REFRESH_FRACTION));
        Duration buffered = lifetime.minus(EXAMPLE_BUFFER);
        Duration earliest = eighty.compareTo(buffered) < 0 ? eighty : buffered;
        Duration point = earliest.minusMillis(Math.round(lifetimeSecs * 1000 * TOLERANCE_FRACTION));
        return point.isNegative() ? Duration.ZERO : point;
    }

    @Override
    public Outcome evaluate(ClientSession session) {
        List<RecordedExchange> logins = session.logins();
        if (logins.isEmpty()) {
            return Outcome.missing("a login by the client");
        }
        Set<String> revoked = session.injected401s().stream()
                .flatMap(e -> e.authorization().flatMap(PresentedToken::tokenId).stream())
                .collect(Collectors.toSet());
        List<RecordedExchange> unexplained = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        java.util.Map<String, Long> callsByToken = session.authenticatedCalls().stream()
                .flatMap(e -> e.authorization().flatMap(PresentedToken::tokenId).stream())
                .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        boolean reuseSeen = callsByToken.entrySet().stream().anyMatch(e -> e.getValue() > 1 && !revoked.contains(e.getKey()));
        List<RecordedExchange> unseen = new ArrayList<>();
        long shortest = Long.MAX_VALUE;
        RecordedExchange current = null;
        for (RecordedExchange login : logins) {
            if (current != null) {
                String tokenId = current.issuedTokenId().orElseThrow();
                long lifetime = session.lifetimeOf(tokenId);
                Duration age = Duration.between(current.receivedAt(), login.receivedAt());
                Duration point = refreshPoint(lifetime);
                long used = callsByToken.getOrDefault(tokenId, 0L);
                Duration unusedLimit = Duration.ofMillis(Math.round(lifetime * 1000 * (REFRESH_FRACTION - TOLERANCE_FRACTION)));
                if (!revoked.contains(tokenId) && age.compareTo(point) < 0) {
                    unexplained.add(login);
                    reasons.add("#" + login.sequence() + " when " + tokenId + " was " + seconds(age) + " old of "
                            + lifetime + " s (a refresh is explained from " + seconds(point) + ")");
                } else if (!revoked.contains(tokenId) && used == 0 && age.compareTo(unusedLimit) < 0) {
                    // No refresh buffer explains a login before the last token was used at all: two threads (or
                    // processes) each logging in, at start or after the same 401.
                    unexplained.add(login);
                    reasons.add("#" + login.sequence() + " when " + tokenId + " was " + seconds(age) + " old and not yet"
                            + " used by any call (one login per thread?)");
                } else if (!revoked.contains(tokenId) && point.isZero() && callsByToken.getOrDefault(tokenId, 0L) <= 1) {
                    unseen.add(login);
                    shortest = Math.min(shortest, lifetime);
                }
            }
            if (login.issuedTokenId().isPresent()) {
                current = login;
            }
        }
        List<Measurement> figures = List.of(Measurement.of("logins", logins.size(), ""),
                Measurement.of("unexplained", unexplained.size(), ""));
        if (!unexplained.isEmpty()) {
            return new Outcome.Fail(unexplained.size() + " of " + logins.size() + " logins came while the token was "
                    + "still valid and not near expiry: " + String.join("; ", reasons.stream().limit(5).toList())
                    + (reasons.size() > 5 ? "; and " + (reasons.size() - 5) + " more" : ""),
                    ClientEvidence.of(logins), figures);
        }
        if (!unseen.isEmpty() && !reuseSeen) {
            return Outcome.missing("tokens that live long enough to be reused: " + unseen.size() + " of " + logins.size()
                    + " logins came after a token of " + shortest + " s or less that carried at most one call, and no "
                    + "token carried more (a token under about 333 s is within the source's 5-minute refresh buffer, "
                    + "which renews it before every call); run with the sandbox's default lifetimes or --expires-in 600 "
                    + "or more");
        }
        return new Outcome.Pass(logins.size() + " login(s), each after the previous token reached its refresh point or "
                + "was revoked by the injected 401", ClientEvidence.of(logins), figures);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
