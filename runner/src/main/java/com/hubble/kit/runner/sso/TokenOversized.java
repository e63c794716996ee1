package com.hubble.kit.runner.sso;

import java.util.List;
import java.util.Optional;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.report.Status;
import com.hubble.kit.runner.report.TransportFailure;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Plan;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.Step;
import com.hubble.kit.runner.sso.probe.TokenRef;

/**
 * Tokens of 64 KiB, 256 KiB and 1 MiB are each refused promptly: a 4xx, or (for a body over the partner's limit) a
 * close while the kit is still sending, which RFC 9112 section 9.5 allows after a 413 the kit then cannot see (so the
 * message says so, as {@link BodyOversized}'s does). A 5xx, a timeout or a connection dropped
 * after the request was sent fails: partners that crash only on larger tokens are caught at the larger sizes.
 */
public final class TokenOversized implements SsoCheck<Observed> {
    static final List<Integer> LENGTHS = List.of(64 * 1024, 256 * 1024, 1024 * 1024);
    private static final Plan PLAN = Plan.of(LENGTHS.stream()
            .map(length -> Step.post(size(length) + " token", new TokenRef.Random(length))).toArray(Step[]::new));
    private static final CheckInfo INFO = new CheckInfo("sso.token.oversized",
            "Tokens of 64 KiB, 256 KiB and 1 MiB each get a 4xx within the timeout", Severity.SHOULD, Area.TOKEN,
            "Robustness (OWASP API4:2023 unrestricted resource consumption): an absurdly long token is invalid and must be "
                    + "refused cheaply, not parsed, looked up or logged in full.",
            PLAN.describe(),
            "Bound the token length (e.g. 4 KiB) and reject longer ones with 400 or 401 before any parsing or lookup.");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Probe<Observed> probe() {
        return PLAN;
    }

    @Override
    public Outcome evaluate(Observed input) {
        Outcome outcome = Expect.all(input.exchanges(), TokenOversized::refused,
                "tokens of 64 KiB, 256 KiB and 1 MiB were each refused in time");
        List<String> closed = input.exchanges().stream()
                .filter(e -> e.failure().filter(TransportFailure::isClosedWhileSending).isPresent())
                .map(Exchange::label).toList();
        if (outcome.status() != Status.PASS || closed.isEmpty()) {
            return outcome;
        }
        return Outcome.pass("tokens of 64 KiB, 256 KiB and 1 MiB were each refused in time: a 4xx, or for "
                + String.join(", ", closed) + " the partner closed the connection while the kit was still sending; "
                + TransportFailure.ANSWER_UNSEEN, List.of());
    }

    private static Optional<String> refused(Exchange exchange) {
        if (exchange.failure().filter(TransportFailure::isClosedWhileSending).isPresent()) {
            return Optional.empty();
        }
        return Expect.clientError(exchange);
    }

    private static String size(int length) {
        return length >= 1024 * 1024 ? length / (1024 * 1024) + " MiB" : length / 1024 + " KiB";
    }
}
