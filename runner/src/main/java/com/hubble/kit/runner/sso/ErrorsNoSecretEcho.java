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
 * Neither the secret (nor a near miss of it) nor a token comes back in any response. The probe redacted
 * every such value as it recorded, so an echo shows up here as a redaction marker.
 */
public final class ErrorsNoSecretEcho implements SsoCheck<Observed> {
    private static final CheckInfo INFO = new CheckInfo("sso.errors.no-secret-echo",
            "Neither the secret nor a token is echoed in any response", Severity.MUST, Area.ERRORS,
            Source.SECRET + " A pre-shared secret and a user's token are credentials: echoing them puts them in "
                    + "Hubble's logs and any intermediary's (OWASP API8:2023, CWE-200).",
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
        return Expect.all(withResponse, ErrorsNoSecretEcho::echo,
                withResponse.size() + " responses, none echoing the secret or a token");
    }

    static Optional<String> echo(Exchange exchange) {
        RecordedResponse response = exchange.response().orElseThrow();
        boolean inBody = response.body().contains(Redactor.PREFIX);
        boolean inHeader = response.headers().stream().anyMatch(h -> h.value().contains(Redactor.PREFIX));
        if (!inBody && !inHeader) {
            return Optional.empty();
        }
        String what = response.body().contains(Redactor.marker("secret"))
                || response.headers().stream().anyMatch(h -> h.value().contains(Redactor.marker("secret")))
                ? "the secret" : "a token";
        return Optional.of(what + " came back in the response " + (inBody ? "body" : "headers")
                + " (shown redacted; status " + response.status() + ")");
    }
}
