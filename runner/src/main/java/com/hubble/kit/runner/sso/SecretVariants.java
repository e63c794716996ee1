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

/** Near-miss secrets are refused. */
public final class SecretVariants implements SsoCheck<Observed> {
    private static final Plan PLAN = Plan.of(Step.post("valid token, truncated secret", SecretForm.TRUNCATED, new TokenRef.Valid(0)),
            Step.post("valid token, upper-cased secret", SecretForm.UPPER_CASED, new TokenRef.Valid(1)),
            Step.post("valid token, padded secret", SecretForm.PADDED, new TokenRef.Valid(2)));
    private static final CheckInfo INFO = new CheckInfo("sso.secret.variants", "Near-miss secrets are refused", Severity.SHOULD, Area.SECRET,
            Source.SECRET + " The secret is compared exactly: not as a prefix, not case-insensitively, not trimmed of padding. (Leading and trailing whitespace is not part of a header value, RFC 9110 section 5.5, so the kit pads with spaces and characters after the secret.)",
            PLAN.describe(),
            "Compare the exact bytes: no startsWith/contains, no equalsIgnoreCase, no normalisation.");

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
        return Expect.all(input.exchanges(), Expect::denied, "truncated, upper-cased and padded secrets get 400/401/403 and no user data");
    }
}
