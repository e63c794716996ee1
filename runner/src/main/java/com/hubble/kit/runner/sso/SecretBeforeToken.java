package com.hubble.kit.runner.sso;

import java.util.List;
import java.util.Optional;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Plan;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.SecretForm;
import com.hubble.kit.runner.sso.probe.Step;
import com.hubble.kit.runner.sso.probe.TokenRef;

/**
 * The secret is checked before the token: a fresh token sent without the secret is refused AND not consumed,
 * so it still works afterwards with the secret (an unauthenticated caller cannot burn users' tokens).
 */
public final class SecretBeforeToken implements SsoCheck<Observed> {
    private static final Plan PLAN = Plan.of(
            Step.post("fresh token without the secret", SecretForm.MISSING, new TokenRef.Valid(0)),
            Step.post("same token with the secret", new TokenRef.Valid(0)));
    private static final CheckInfo INFO = new CheckInfo("sso.secret.before-token",
            "The secret is checked before the token is used up", Severity.SHOULD, Area.SECRET,
            Source.SECRET + " A caller without the secret must not learn anything about a token nor consume it.",
            PLAN.describe(),
            "Authenticate the caller (X-Hubble-Secret) first; only then validate and redeem the token.");

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
        Exchange without = input.get(0);
        Exchange with = input.get(1);
        Optional<String> refused = Expect.denied(without);
        if (refused.isPresent()) {
            return Outcome.fail("without the secret: " + refused.get(), List.of(without));
        }
        Optional<String> works = Expect.accepted(with);
        if (works.isPresent()) {
            boolean refusedLater = with.response().filter(r -> Expect.REJECTION.contains(r.status())).isPresent();
            String why = refusedLater ? " (was it consumed before the secret was checked?)" : "";
            return Outcome.fail("the token was refused without the secret but then did not work with it" + why + ": "
                    + works.get(), List.of(without, with));
        }
        return Outcome.pass("refused without the secret, and still valid afterwards", List.of());
    }
}
