package com.hubble.kit.runner.sso;

import java.util.List;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Probe;

/** The valid-token body matches the sso-response schema. */
public final class ValidSchema implements SsoCheck<Observed> {
    private static final CheckInfo INFO = new CheckInfo("sso.valid.schema",
            "The valid-token body matches the sso-response schema", Severity.MUST, Area.VALID,
            Source.VALID_200 + " \"userId (string, nullable) - Must be present for a valid token\"; email, firstName, "
                    + "lastName, phoneNumber strings; cohorts an array of strings (schemas/sso-response.schema.json).",
            Plans.VALID.describe(),
            "Return a JSON object with a non-empty string userId; optional fields as strings (phoneNumber too, "
                    + "not a number) and cohorts as an array of strings.");

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
        Exchange call = input.get(0);
        if (Expect.okBody(call).isEmpty()) {
            return Outcome.fail(Expect.notOk(call), List.of(call));
        }
        List<String> problems = SsoSchemas.violations("sso-response", call.response().get().body());
        if (problems.isEmpty()) {
            return Outcome.pass("the body matches sso-response", List.of());
        }
        return Outcome.fail("the body does not match sso-response: " + String.join("; ", problems), List.of(call));
    }
}
