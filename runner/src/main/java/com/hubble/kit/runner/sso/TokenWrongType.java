package com.hubble.kit.runner.sso;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Payload;
import com.hubble.kit.runner.sso.probe.Plan;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.Step;

/** A token of the wrong JSON type is a client error, never a crash. */
public final class TokenWrongType implements SsoCheck<Observed> {
    private static final Plan PLAN = Plan.of(
            Step.post("token is a number", new Payload.Raw("{\"token\":12345}", "{\"token\": 12345}")),
            Step.post("token is a boolean", new Payload.Raw("{\"token\":true}", "{\"token\": true}")),
            Step.post("token is an object", new Payload.Raw("{\"token\":{\"value\":\"x\"}}", "{\"token\": {...}}")),
            Step.post("token is an array", new Payload.Raw("{\"token\":[\"x\"]}", "{\"token\": [...]}")),
            Step.post("token is null", new Payload.Raw("{\"token\":null}", "{\"token\": null}")));
    private static final CheckInfo INFO = new CheckInfo("sso.token.wrong-type",
            "A token of the wrong JSON type gets a 4xx, never a 5xx", Severity.SHOULD, Area.TOKEN,
            Source.SSO_DOC + "\"token (string, required)\". RFC 9110 section 15.5: a malformed request is the "
                    + "client's error (4xx); a 5xx says the server failed.",
            PLAN.describe(),
            "Validate the body's types before using them; answer 400 with {\"userId\": null} instead of throwing.");

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
        return Expect.all(input.exchanges(), Expect.both(Expect::noUserData, Expect::clientError), "number, boolean, object, array and null tokens all get a 4xx");
    }
}
