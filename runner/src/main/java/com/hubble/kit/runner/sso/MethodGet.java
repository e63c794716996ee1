package com.hubble.kit.runner.sso;

import java.util.Optional;
import java.util.Set;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Payload;
import com.hubble.kit.runner.sso.probe.Plan;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.SecretForm;
import com.hubble.kit.runner.sso.probe.Step;
import com.hubble.kit.runner.sso.probe.TokenRef;

/** GET /sso is 405, also with a valid token in the query: tokens must not travel in URLs, which get logged. */
public final class MethodGet implements SsoCheck<Observed> {
    private static final Plan PLAN = Plan.of(
            new Step("GET", "GET", SecretForm.CORRECT, Step.SECRET_HEADER, new Payload.None(), Optional.empty()),
            new Step("GET with a valid token in the query", "GET", SecretForm.CORRECT, Step.SECRET_HEADER,
                    new Payload.None(), Optional.of(new TokenRef.Valid(0))));
    private static final CheckInfo INFO = new CheckInfo("sso.method.get",
            "GET /sso is refused with 405, never user data", Severity.SHOULD, Area.REQUEST,
            Source.SSO_DOC + "\"POST /sso\". RFC 9110 section 15.5.6: a method the resource does not support gets 405; "
                    + "a token in a query string ends up in access logs (RFC 6750 section 5.3).",
            PLAN.describe(),
            "Route only POST to /sso; let other methods get 405 Method Not Allowed (with an Allow: POST header).");

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
        return Expect.all(input.exchanges(), e -> {
            Optional<String> leak = e.response().flatMap(Expect::userData);
            return leak.isPresent() ? Optional.of("user data came back for a GET (" + leak.get() + ")")
                    : Expect.status(e, Set.of(405));
        }, "GET gets 405 without user data");
    }
}
