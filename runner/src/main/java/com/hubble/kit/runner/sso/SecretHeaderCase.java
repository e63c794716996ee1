package com.hubble.kit.runner.sso;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Plan;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.Step;
import com.hubble.kit.runner.sso.probe.TokenRef;

/** The secret header works whatever its case: HTTP header names are case-insensitive. */
public final class SecretHeaderCase implements SsoCheck<Observed> {
    private static final Plan PLAN = Plan.of(Step.post("lower-case header name", new TokenRef.Valid(0))
            .withSecretHeader("x-hubble-secret"));
    private static final CheckInfo INFO = new CheckInfo("sso.secret.header-case",
            "The secret header name is case-insensitive", Severity.MUST, Area.VALID,
            "RFC 9110 section 5.1: \"Field names are case-insensitive.\" Proxies and HTTP/2 lower-case them.",
            PLAN.describe(),
            "Read the header case-insensitively (most frameworks do; a raw map lookup of 'X-Hubble-Secret' does not).");

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
        return Expect.all(input.exchanges(), Expect::accepted, "a valid token with 'x-hubble-secret' is accepted");
    }
}
