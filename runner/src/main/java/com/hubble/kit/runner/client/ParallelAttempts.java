package com.hubble.kit.runner.client;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.hubble.kit.reference.sandbox.PresentedToken;
import com.hubble.kit.reference.sandbox.RecordedExchange;

/**
 * Several threads of one client may send the same request (a partner backend serving many users fetches one listing)
 * and meet the same 401 together. Their calls are not repeats of each other. Without thread identities the kit takes
 * identical calls after a 401 as other threads' attempts only when all of this holds: the client had calls in flight
 * at once ({@link ClientSession#concurrent()}); they carried the same token, were answered 401, and arrived within
 * {@link RetryOn401#CONCURRENT_WINDOW} of the first and before any identical call with another token; and at least
 * one identical call with another token follows for each of them and for the first (every attempt retried once).
 * A client that repeats a call with the rejected token before it logs in again has fewer retries than attempts, so
 * its repeats stay repeats.
 */
final class ParallelAttempts {
    private ParallelAttempts() {
    }

    /** The sequence numbers of the calls after {@code first} that are other threads' attempts, or none. */
    static Set<Integer> after(RecordedExchange first, List<RecordedExchange> exchanges, boolean concurrent) {
        if (!concurrent || first.status() != 401) {
            return Set.of();
        }
        Optional<String> token = tokenId(first);
        List<RecordedExchange> identical = exchanges.stream()
                .filter(e -> e.sequence() > first.sequence() && e.isAuthenticatedCall() && sameRequest(e, first))
                .toList();
        int firstRetry = identical.stream().filter(e -> !tokenId(e).equals(token)).map(RecordedExchange::sequence)
                .findFirst().orElse(Integer.MAX_VALUE);
        List<RecordedExchange> attempts = identical.stream()
                .filter(e -> e.sequence() < firstRetry && tokenId(e).equals(token) && e.status() == 401
                        && Duration.between(first.receivedAt(), e.receivedAt()).compareTo(RetryOn401.CONCURRENT_WINDOW) <= 0)
                .toList();
        Duration reach = RetryOn401.CONCURRENT_WINDOW.plus(RetryOn401.RETRY_WAIT);
        long retries = identical.stream()
                .filter(e -> !tokenId(e).equals(token)
                        && Duration.between(first.receivedAt(), e.receivedAt()).compareTo(reach) <= 0)
                .count();
        if (attempts.isEmpty() || retries < attempts.size() + 1) {
            return Set.of();
        }
        return attempts.stream().map(RecordedExchange::sequence).collect(Collectors.toSet());
    }

    static Optional<String> tokenId(RecordedExchange e) {
        return e.authorization().flatMap(PresentedToken::tokenId);
    }

    /** Method, path, query (token ids blanked) and body. */
    static boolean sameRequest(RecordedExchange a, RecordedExchange b) {
        return ClientEvidence.callKey(a).equals(ClientEvidence.callKey(b)) && a.bodyDigest().equals(b.bodyDigest());
    }
}
