package com.hubble.kit.runner.sso;

import com.hubble.kit.runner.sso.probe.Payload;
import com.hubble.kit.runner.sso.probe.Plan;
import com.hubble.kit.runner.sso.probe.RunWide;
import com.hubble.kit.runner.sso.probe.SecretForm;
import com.hubble.kit.runner.sso.probe.Step;

/** The error-provoking requests the run-wide checks add, so they judge something even when run alone. */
final class RunWidePlans {
    static final RunWide ERRORS = new RunWide(Plan.of(
            Step.post("random token (error sample)", Plans.random()),
            Step.post("random token without the secret (error sample)", SecretForm.MISSING, Plans.random()),
            Step.post("broken JSON (error sample)", new Payload.Raw("{\"token\":", "broken JSON"))));

    private RunWidePlans() {
    }
}
