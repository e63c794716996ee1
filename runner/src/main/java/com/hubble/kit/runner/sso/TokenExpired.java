package com.hubble.kit.runner.sso;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Plan;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.Step;
import com.hubble.kit.runner.sso.probe.TokenRef;

/** An expired token is rejected. */
public final class TokenExpired implements SsoCheck<Observed> {
    private static final Plan PLAN = Plan.of(Step.post("expired token", new TokenRef.Expired()));
    private static final CheckInfo INFO = new CheckInfo("sso.token.expired", "An expired token is rejected", Severity.MUST, Area.TOKEN,
            Source.INVALID,
            PLAN.describe(),
            "Check the expiry of the token (e.g. the JWT exp claim) and reject expired tokens with 401 and {\"userId\": null}.");

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
        return Expect.all(input.exchanges(), Expect::rejected, "an expired token is rejected");
    }
}
