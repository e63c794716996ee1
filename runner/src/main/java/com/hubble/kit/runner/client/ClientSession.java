package com.hubble.kit.runner.client;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.hubble.kit.reference.sandbox.Fault;
import com.hubble.kit.reference.sandbox.RecordedExchange;
import com.hubble.kit.reference.sandbox.Sandbox;

/**
 * What the client checks judge: every exchange the sandbox recorded while the partner's client ran, and the
 * sandbox settings that shape the rules (token lifetime, which authenticated call got the injected 401).
 *
 * @param revokeTokenAtCall the authenticated call that gets the injected 401; 0 when injection was off
 * @param tokenLifetimes    lifetime in seconds of each issued token, by token id, where it differs from
 *                          {@code tokenLifetimeSecs} (the sandbox may issue a short-lived first token)
 */
public record ClientSession(List<RecordedExchange> exchanges, long tokenLifetimeSecs, int revokeTokenAtCall,
                            Map<String, Long> tokenLifetimes) {
    public ClientSession {
        exchanges = List.copyOf(exchanges);
        tokenLifetimes = Map.copyOf(tokenLifetimes);
    }

    /** Every token lives {@code tokenLifetimeSecs}. */
    public ClientSession(List<RecordedExchange> exchanges, long tokenLifetimeSecs, int revokeTokenAtCall) {
        this(exchanges, tokenLifetimeSecs, revokeTokenAtCall, Map.of());
    }

    /** The session a sandbox recorded, with the lifetime of every token it issued. */
    public static ClientSession of(Sandbox sandbox) {
        Map<String, Long> lifetimes = new HashMap<>();
        sandbox.state().tokens().issued().forEach(t -> lifetimes.put(t.tokenId(),
                Duration.between(t.issuedAt(), t.expiresAt()).toSeconds()));
        return new ClientSession(sandbox.exchanges(), sandbox.settings().tokenLifetimeSecs(),
                sandbox.settings().faults().revokeTokenAtCall(), lifetimes);
    }

    /**
     * Whether the client had calls in flight at once: a request arrived before an earlier one was answered. Only then
     * can other calls between a failed request and its retry be another thread's work.
     */
    public boolean concurrent() {
        Instant answered = Instant.MIN;
        for (RecordedExchange e : exchanges) {
            if (e.receivedAt().isBefore(answered)) {
                return true;
            }
            answered = e.answeredAt().isAfter(answered) ? e.answeredAt() : answered;
        }
        return false;
    }

    /** How long the token with this id lived, in seconds. */
    public long lifetimeOf(String tokenId) {
        return tokenLifetimes.getOrDefault(tokenId, tokenLifetimeSecs);
    }

    public List<RecordedExchange> logins() {
        return exchanges.stream().filter(RecordedExchange::isLogin).toList();
    }

    public List<RecordedExchange> authenticatedCalls() {
        return exchanges.stream().filter(RecordedExchange::isAuthenticatedCall).toList();
    }

    public List<RecordedExchange> injected401s() {
        return exchanges.stream().filter(e -> e.fault() == Fault.REVOKED_TOKEN).toList();
    }

    /** From the first request to the last. */
    public Duration span() {
        if (exchanges.isEmpty()) {
            return Duration.ZERO;
        }
        return Duration.between(exchanges.getFirst().receivedAt(), exchanges.getLast().receivedAt());
    }
}
