package com.hubble.kit.runner.sso;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Plan;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.SecretForm;
import com.hubble.kit.runner.sso.probe.Step;
import com.hubble.kit.runner.sso.probe.TokenRef;

/** A request with an empty secret is refused. */
public final class SecretEmpty implements SsoCheck<Observed> {
    private static final Plan PLAN = Plan.of(Step.post("valid token, empty secret", SecretForm.EMPTY, new TokenRef.Valid(0)));
    private static final CheckInfo INFO = new CheckInfo("sso.secret.empty", "A request with an empty secret is refused", Severity.MUST, Area.SECRET,
            Source.SECRET,
            PLAN.describe(),
            "Treat an empty X-Hubble-Secret as wrong (beware of comparing against an unset configuration value).");

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
        return Expect.all(input.exchanges(), Expect::denied, "a valid token with an empty secret gets 400/401/403 and no user data");
    }
}
