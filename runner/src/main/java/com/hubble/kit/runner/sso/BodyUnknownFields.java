package com.hubble.kit.runner.sso;

import java.util.List;
import java.util.Optional;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Payload;
import com.hubble.kit.runner.sso.probe.Plan;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.Step;
import com.hubble.kit.runner.sso.probe.TokenRef;

/** Unknown body fields are ignored: they neither break a valid call nor let a caller choose the user. */
public final class BodyUnknownFields implements SsoCheck<Observed> {
    private static final Plan PLAN = Plan.of(
            Step.post("valid token plus unknown fields", new Payload.TokenField(new TokenRef.Valid(0),
                    "\"sdkVersion\":\"9.9.9\",\"extra\":{\"nested\":[1,2,3]}")),
            Step.post("random token plus userId admin", new Payload.TokenField(Plans.random(),
                    "\"userId\":\"admin\",\"isAdmin\":true")));
    private static final CheckInfo INFO = new CheckInfo("sso.body.unknown-fields",
            "Unknown body fields are ignored, and cannot pick the user", Severity.MUST, Area.REQUEST,
            Source.SSO_DOC + "\"Body: token (string, required)\" is the whole input; Hubble may add fields (tolerant "
                    + "reader), and a userId in the request must never be trusted (OWASP API3:2023 mass assignment).",
            PLAN.describe(),
            "Read only 'token' from the body (no strict unknown-field failure, no binding of other fields); derive "
                    + "the user from the token alone.");

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
        Exchange extra = input.get(0);
        Exchange admin = input.get(1);
        Optional<String> extraProblem = Expect.accepted(extra);
        if (extraProblem.isPresent()) {
            return Outcome.fail("a valid token with extra fields was not accepted: " + extraProblem.get(), List.of(extra));
        }
        Optional<String> adminProblem = Expect.rejected(admin);
        if (adminProblem.isPresent()) {
            String what = Expect.refused(admin, Expect.REJECTION).isEmpty()
                    ? "was refused, but not as the spec says: " : "was not rejected: ";
            return Outcome.fail("a random token with \"userId\":\"admin\" " + what + adminProblem.get(),
                    List.of(admin));
        }
        return Outcome.pass("extra fields ignored; a userId in the body does not authenticate", List.of());
    }
}
