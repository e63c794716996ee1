package com.hubble.kit.runner.sso;

import java.util.List;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.RecordedResponse;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Probe;

/** The valid-token answer is labelled application/json (parameters such as charset are fine). */
public final class ValidContentType implements SsoCheck<Observed> {
    private static final CheckInfo INFO = new CheckInfo("sso.valid.content-type",
            "The valid-token answer is application/json", Severity.MUST, Area.VALID,
            Source.VALID_200 + " The body is JSON, so its Content-Type is application/json (RFC 8259 section 11; "
                    + "parameters such as charset=utf-8 are allowed).",
            Plans.VALID.describe(),
            "Send 'Content-Type: application/json' on the 200 response.");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Probe<Observed> probe() {
        return Plans.VALID;
    }

    @Override
    public Outcome evaluate(Observed input) {
        Exchange call = input.get(0);
        if (Expect.ok(call).isEmpty()) {
            return Outcome.fail(Expect.notOk(call), List.of(call));
        }
        RecordedResponse response = call.response().get();
        String type = response.header("Content-Type").orElse("(none)");
        if (response.mediaType().filter("application/json"::equals).isPresent()) {
            return Outcome.pass("Content-Type " + type, List.of());
        }
        return Outcome.fail("expected Content-Type application/json, got " + type, List.of(call));
    }
}
