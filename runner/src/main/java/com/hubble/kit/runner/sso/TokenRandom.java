package com.hubble.kit.runner.sso;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Plan;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.Step;

/** A random token is rejected. */
public final class TokenRandom implements SsoCheck<Observed> {
    private static final Plan PLAN = Plan.of(Step.post("random token", Plans.random()));
    private static final CheckInfo INFO = new CheckInfo("sso.token.random", "A random token is rejected", Severity.MUST, Area.TOKEN,
            Source.INVALID,
            PLAN.describe(),
            "Validate the token (signature, issuer, expiry, or a lookup in your token store) before looking up any user; answer 401 with {\"userId\": null}.");

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
        return Expect.all(input.exchanges(), Expect::rejected, "rejected with {\"userId\": null}");
    }
}
