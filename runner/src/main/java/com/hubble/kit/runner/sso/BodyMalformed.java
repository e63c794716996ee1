package com.hubble.kit.runner.sso;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Payload;
import com.hubble.kit.runner.sso.probe.Plan;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.Step;

/** Broken JSON is the client's error (4xx), never a crash (5xx). */
public final class BodyMalformed implements SsoCheck<Observed> {
    private static final Plan PLAN = Plan.of(
            Step.post("truncated JSON", new Payload.Raw("{\"token\": \"abc", "truncated JSON {\"token\": \"abc")),
            Step.post("not JSON", new Payload.Raw("token=abc", "token=abc (form-encoded, not JSON)")));
    private static final CheckInfo INFO = new CheckInfo("sso.body.malformed",
            "Malformed JSON gets a 4xx, never a 5xx", Severity.MUST, Area.REQUEST,
            "RFC 9110 section 15.5.1: 400 Bad Request when the server cannot process a malformed request; a 5xx means "
                    + "the server failed, and Hubble treats it as an outage.",
            PLAN.describe(),
            "Catch the JSON parse error and answer 400 with {\"userId\": null}.");

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
        return Expect.all(input.exchanges(), Expect::clientError, "broken JSON gets a 4xx");
    }
}
