package com.hubble.kit.runner.sso;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Plan;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.Step;
import com.hubble.kit.runner.sso.probe.TokenRef;

/** A 64 KiB token is refused promptly with a 4xx. */
public final class TokenOversized implements SsoCheck<Observed> {
    static final int LENGTH = 64 * 1024;
    private static final Plan PLAN = Plan.of(Step.post("64 KiB token", new TokenRef.Random(LENGTH)));
    private static final CheckInfo INFO = new CheckInfo("sso.token.oversized",
            "A 64 KiB token gets a 4xx within the timeout", Severity.SHOULD, Area.TOKEN,
            "Robustness (OWASP API4:2023 unrestricted resource consumption): an absurdly long token is invalid and must be "
                    + "refused cheaply, not parsed, looked up or logged in full.",
            "Bound the token length (e.g. 4 KiB) and reject longer ones with 400 or 401 before any parsing or lookup.");

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
        return Expect.all(input.exchanges(), Expect::clientError, "a 64 KiB token gets a 4xx in time");
    }
}
