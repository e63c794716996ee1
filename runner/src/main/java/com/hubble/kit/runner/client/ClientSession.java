package com.hubble.kit.runner.client;

import java.time.Duration;
import java.util.List;

import com.hubble.kit.reference.sandbox.Fault;
import com.hubble.kit.reference.sandbox.RecordedExchange;

/**
 * What the client checks judge: every exchange the sandbox recorded while the partner's client ran, and the
 * sandbox settings that shape the rules (token lifetime, which authenticated call got the injected 401).
 *
 * @param revokeTokenAtCall the authenticated call that gets the injected 401; 0 when injection was off
 */
public record ClientSession(List<RecordedExchange> exchanges, long tokenLifetimeSecs, int revokeTokenAtCall) {
    public ClientSession {
        exchanges = List.copyOf(exchanges);
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
