package com.hubble.kit.runner.sso;

import java.util.List;
import java.util.Optional;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.RecordedResponse;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Plan;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.Step;
import com.hubble.kit.runner.sso.probe.TokenRef;

/** Hostile tokens (NUL, CRLF, SQL, JNDI lookup) are rejected with a 4xx and never echoed back. */
public final class TokenInjection implements SsoCheck<Observed> {
    static final List<String> PAYLOADS = List.of(
            "hk-nul\u0000byte",
            "hk-crlf\r\nX-Injected: hubble-kit",
            "hk' OR '1'='1' --",
            "${jndi:ldap://127.0.0.1:1/hubble-kit}");
    private static final Plan PLAN = Plan.of(
            Step.post("NUL in token", new TokenRef.Literal(PAYLOADS.get(0), "a token with a NUL byte")),
            Step.post("CRLF in token", new TokenRef.Literal(PAYLOADS.get(1), "a token with CRLF and a header line")),
            Step.post("SQL in token", new TokenRef.Literal(PAYLOADS.get(2), "a token with SQL (' OR '1'='1' --)")),
            Step.post("JNDI lookup in token", new TokenRef.Literal(PAYLOADS.get(3), "a token with ${jndi:ldap://...}")));
    private static final CheckInfo INFO = new CheckInfo("sso.token.injection",
            "Hostile tokens get a 4xx and are not echoed", Severity.SHOULD, Area.TOKEN,
            "OWASP API8:2023 security misconfiguration / injection: \"Token validation logic is fully owned by the "
                    + "partner\"; a token is data, never part of a query, a log pattern or a response.",
            PLAN.describe(),
            "Treat the token as opaque data: parameterised queries, no string-built SQL, no message lookups in logs "
                    + "(Log4Shell), and never copy it into a response.");

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
        return Expect.all(input.exchanges(), Expect.both(Expect::noUserData, Expect::clientError, TokenInjection::notEchoed),
                "NUL, CRLF, SQL and JNDI tokens get a 4xx and are not echoed");
    }

    private static Optional<String> notEchoed(Exchange exchange) {
        RecordedResponse response = exchange.response().orElseThrow();
        String everything = response.body() + "\n" + response.headers();
        for (String payload : PAYLOADS) {
            String escaped = payload.replace("\u0000", "\\u0000").replace("\r", "\\r").replace("\n", "\\n");
            if (everything.contains(payload) || everything.contains(escaped) || response.header("X-Injected").isPresent()) {
                return Optional.of("the hostile token came back in the response (" + Expect.got(exchange) + ")");
            }
        }
        return Optional.empty();
    }
}
