package com.hubble.kit.runner.sso;

import com.hubble.kit.runner.sso.probe.Plan;
import com.hubble.kit.runner.sso.probe.Step;
import com.hubble.kit.runner.sso.probe.TokenRef;

/** Plans shared by several checks: equal plans run once per run and their recording is judged by each. */
final class Plans {
    static final int RANDOM_LENGTH = 43;

    /** One call with a fresh valid token and the correct secret; every sso.valid.* check judges it. */
    static final Plan VALID = Plan.of(Step.post("valid token", new TokenRef.Valid(0)));

    static TokenRef random() {
        return new TokenRef.Random(RANDOM_LENGTH);
    }

    private Plans() {
    }
}
