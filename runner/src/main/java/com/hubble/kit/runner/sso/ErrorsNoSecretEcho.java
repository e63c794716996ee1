package com.hubble.kit.runner.sso;

import java.util.List;
import java.util.Optional;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.RecordedResponse;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Probe;

/**
 * Neither the secret (nor a near miss of it) nor a token comes back in any response, judged on the raw
 * responses against the run's secret values ({@link Redactor#echoIn}: a short value only as a whole value).
 */
public final class ErrorsNoSecretEcho implements SsoCheck<Observed> {
    private static final CheckInfo INFO = new CheckInfo("sso.errors.no-secret-echo",
            "Neither the secret nor a token is echoed in any response", Severity.MUST, Area.ERRORS,
            Source.SECRET + " A pre-shared secret and a user's token are credentials: echoing them puts them in "
                    + "Hubble's logs and any intermediary's (OWASP API8:2023, CWE-200).",
            RunWidePlans.ERRORS.describe(),
            "Never copy request headers or the token into a response, not even in error messages (\"invalid token: ...\").");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Probe<Observed> probe() {
        return RunWidePlans.ERRORS;
    }

    @Override
    public Outcome evaluate(Observed input) {
        List<Exchange> withResponse = input.exchanges().stream().filter(e -> e.response().isPresent()).toList();
        String shortNote = input.secrets().hasShortValues()
                ? " (values shorter than " + Redactor.SUBSTRING_MATCH_MIN + " characters compared as whole header values, "
                        + "JSON strings or bodies only: too short to search for inside ordinary data)"
                : "";
        return Expect.nothingToJudge(input, withResponse, "response").orElseGet(() ->
                Expect.all(withResponse, exchange -> echo(exchange, input.secrets()),
                        withResponse.size() + " responses, none echoing the secret or a token" + shortNote));
    }

    static Optional<String> echo(Exchange exchange, Redactor secrets) {
        RecordedResponse response = exchange.response().orElseThrow();
        return secrets.echoIn(response).map(where -> "the " + where + " (shown redacted; status " + response.status() + ")");
    }
}
