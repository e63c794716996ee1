package com.hubble.kit.runner.sso;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Payload;
import com.hubble.kit.runner.sso.probe.Plan;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.Step;

/** An empty token is rejected. */
public final class TokenEmpty implements SsoCheck<Observed> {
    private static final Plan PLAN = Plan.of(Step.post("empty token", new Payload.Raw("{\"token\":\"\"}", "{\"token\": \"\"}")));
    private static final CheckInfo INFO = new CheckInfo("sso.token.empty", "An empty token is rejected", Severity.MUST, Area.TOKEN,
            Source.INVALID + " token (string, required).",
            PLAN.describe(),
            "Treat an empty token as a malformed request: 400 (or 401) without user data; {\"userId\": null} is best (see sso.errors.json).");

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
        return Expect.all(input.exchanges(), e -> Expect.refused(e, Expect.REJECTION), "an empty token is refused with 400/401 and no user data");
    }
}
