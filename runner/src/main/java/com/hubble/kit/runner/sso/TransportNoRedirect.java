package com.hubble.kit.runner.sso;

import java.util.List;
import java.util.Optional;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.RecordedResponse;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Probe;

/** /sso answers directly: no response of the run is a redirect (the kit never follows one). */
public final class TransportNoRedirect implements SsoCheck<Observed> {
    private static final CheckInfo INFO = new CheckInfo("sso.transport.no-redirect",
            "/sso answers directly, never with a redirect", Severity.SHOULD, Area.TRANSPORT,
            Source.SSO_DOC + "\"Our system will invoke the /sso API endpoint using the provided base URL.\" Following a "
                    + "redirect would resend X-Hubble-Secret to wherever it points, so Hubble does not follow redirects.",
            RunWidePlans.ERRORS.describe(),
            "Register the exact base URL that serves /sso (scheme, host, path; no http->https or trailing-slash redirect).");

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
        return Expect.nothingToJudge(input, withResponse, "response").orElseGet(() ->
                Expect.all(withResponse, TransportNoRedirect::redirect, withResponse.size() + " responses, no redirect"));
    }

    private static Optional<String> redirect(Exchange exchange) {
        RecordedResponse response = exchange.response().orElseThrow();
        if (response.status() >= 300 && response.status() < 400) {
            return Optional.of("redirected with " + response.status() + " to "
                    + response.header("Location").orElse("(no Location)") + " (not followed)");
        }
        return Optional.empty();
    }
}
