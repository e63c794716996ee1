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

/** A request without the secret is refused. */
public final class SecretMissing implements SsoCheck<Observed> {
    private static final Plan PLAN = Plan.of(Step.post("valid token, no secret header", SecretForm.MISSING, new TokenRef.Valid(0)));
    private static final CheckInfo INFO = new CheckInfo("sso.secret.missing", "A request without the secret is refused", Severity.MUST, Area.SECRET,
            Source.SECRET,
            PLAN.describe(),
            "Require X-Hubble-Secret on every call and answer 401 (403, or a framework's 400) without user data when it is absent, even for a valid token.");

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
        return Expect.all(input.exchanges(), Expect::denied, "a valid token without the secret gets 400/401/403 and no user data");
    }
}
