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

/** A request with a wrong secret is refused. */
public final class SecretWrong implements SsoCheck<Observed> {
    private static final Plan PLAN = Plan.of(Step.post("valid token, secret with last character changed", SecretForm.WRONG_LAST, new TokenRef.Valid(0)));
    private static final CheckInfo INFO = new CheckInfo("sso.secret.wrong", "A request with a wrong secret is refused", Severity.MUST, Area.SECRET,
            Source.SECRET,
            PLAN.describe(),
            "Compare the whole secret, every character (with a constant-time comparison such as MessageDigest.isEqual).");

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
        return Expect.all(input.exchanges(), Expect::denied, "a valid token with a wrong secret (same length, last character changed) gets 400/401/403 and no user data");
    }
}
