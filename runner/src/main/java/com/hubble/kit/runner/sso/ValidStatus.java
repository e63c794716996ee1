package com.hubble.kit.runner.sso;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Probe;

/** A valid token is answered with 200. */
public final class ValidStatus implements SsoCheck<Observed> {
    private static final CheckInfo INFO = new CheckInfo("sso.valid.status", "A valid token is answered with 200",
            Severity.MUST, Area.VALID, Source.VALID_200,
            Plans.VALID.describe(),
            "Return HTTP 200 with the user's profile when the token is valid and the X-Hubble-Secret matches.");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Probe<Observed> probe() {
        return Plans.VALID;
    }

    @Override
    public Outcome evaluate(Observed input) {
        return Expect.all(input.exchanges(), e -> Expect.status(e, java.util.Set.of(200)), "200 for a valid token");
    }
}
