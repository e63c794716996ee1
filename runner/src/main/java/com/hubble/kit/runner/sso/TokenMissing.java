package com.hubble.kit.runner.sso;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Payload;
import com.hubble.kit.runner.sso.probe.Plan;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.Step;

/** A request without a token is rejected. */
public final class TokenMissing implements SsoCheck<Observed> {
    private static final Plan PLAN = Plan.of(Step.post("no token field", new Payload.Raw("{}", "{}")));
    private static final CheckInfo INFO = new CheckInfo("sso.token.missing", "A request without a token is rejected", Severity.MUST, Area.TOKEN,
            Source.INVALID + " token (string, required).",
            PLAN.describe(),
            "Treat a missing token field as a malformed request: 400 (or 401) without user data, never a 500; {\"userId\": null} is best (see sso.errors.json).");

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
        return Expect.all(input.exchanges(), e -> Expect.refused(e, Expect.REJECTION), "a body without token is refused with 400/401 and no user data");
    }
}
