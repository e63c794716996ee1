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

/** Every error response of the run is JSON (labelled and parseable), so Hubble can read it. */
public final class ErrorsJson implements SsoCheck<Observed> {
    private static final CheckInfo INFO = new CheckInfo("sso.errors.json",
            "Every error response is JSON", Severity.SHOULD, Area.ERRORS,
            Source.INVALID + " Hubble parses every /sso answer as JSON; an HTML or text/plain error page (from a "
                    + "framework, a proxy or a WAF) is unreadable to it.",
            RunWidePlans.ERRORS.describe(),
            "Return application/json bodies for every 4xx/5xx (including 404, 405, 413 and framework defaults), "
                    + "e.g. {\"userId\": null, \"error\": \"...\"}.");

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
        List<Exchange> errors = input.exchanges().stream()
                .filter(e -> e.response().map(r -> r.status() >= 400).orElse(false)).toList();
        return Expect.nothingToJudge(input, errors, "error response (4xx/5xx)")
                .orElseGet(() -> Expect.all(errors, ErrorsJson::json, errors.size() + " error responses, all JSON"));
    }

    private static Optional<String> json(Exchange exchange) {
        RecordedResponse response = exchange.response().orElseThrow();
        boolean labelled = response.mediaType().filter(t -> t.equals("application/json") || t.endsWith("+json")).isPresent();
        if (!labelled) {
            return Optional.of("Content-Type is " + response.header("Content-Type").orElse("missing")
                    + ", not application/json: " + Expect.got(exchange));
        }
        if (Expect.json(response).isEmpty()) {
            return Optional.of("labelled JSON but the body does not parse: " + Expect.got(exchange));
        }
        return Optional.empty();
    }
}
