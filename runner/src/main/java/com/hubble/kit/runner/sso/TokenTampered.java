package com.hubble.kit.runner.sso;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Plan;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.Step;
import com.hubble.kit.runner.sso.probe.TokenRef;

/** A tampered token is rejected. */
public final class TokenTampered implements SsoCheck<Observed> {
    private static final Plan PLAN = Plan.of(Step.post("tampered token", new TokenRef.Tampered(0)));
    private static final CheckInfo INFO = new CheckInfo("sso.token.tampered", "A tampered token is rejected", Severity.MUST, Area.TOKEN,
            Source.INVALID + " A valid token with one character changed is invalid.",
            PLAN.describe(),
            "Verify the token as a whole (e.g. the JWT signature over header and payload), not only a prefix or a decoded claim.");

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
        return Expect.all(input.exchanges(), Expect::rejected, "a valid token with one character changed is rejected");
    }
}
