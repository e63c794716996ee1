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
import com.hubble.kit.runner.sso.probe.Step;
import com.hubble.kit.runner.sso.probe.TokenRef;

/** A used token presented again is rejected: INFO by default, MUST when the partner declares --single-use. */
public final class TokenReplay implements SsoCheck<Observed> {
    private static final Plan PLAN = Plan.of(
            Step.post("first use", new TokenRef.Valid(0)),
            Step.post("second use of the same token", new TokenRef.Valid(0)));
    private static final CheckInfo INFO = new CheckInfo("sso.token.replay", "A used token presented again is rejected",
            Severity.INFO, Area.TOKEN,
            "Hubble partner docs (sdk/auth/sso): \"SSO tokens travel in a URL on the SDK side, so a partner should "
                    + "treat them as short-lived and single-use.\" MUST with --single-use (the partner declares its "
                    + "tokens single-use), INFO otherwise.",
            PLAN.describe(),
            "Record each token's id (e.g. the JWT jti) when it is redeemed and reject it afterwards, until it expires.")
            .escalatesTo(Severity.MUST, "--single-use");
    private final CheckInfo info;

    public TokenReplay(boolean singleUse) {
        this.info = singleUse ? INFO.escalated() : INFO;
    }

    @Override
    public CheckInfo info() {
        return info;
    }

    @Override
    public Probe<Observed> probe() {
        return PLAN;
    }

    @Override
    public Outcome evaluate(Observed input) {
        Exchange first = input.get(0);
        Exchange second = input.get(1);
        Optional<String> firstProblem = Expect.accepted(first);
        if (firstProblem.isPresent()) {
            return Outcome.fail("a fresh token must work once before replay can be judged: " + firstProblem.get(),
                    List.of(first));
        }
        Optional<String> replayProblem = Expect.rejected(second);
        if (replayProblem.isEmpty()) {
            return Outcome.pass("the second use of a token is rejected", List.of());
        }
        // Worded by cause: a refusal with the wrong body is not "accepted again".
        String message = Expect.refused(second, Expect.REJECTION).isEmpty()
                ? "the used token was refused, but not as the spec says: " + replayProblem.get()
                : "a used token was accepted again: " + replayProblem.get();
        return info.severity() == Severity.INFO ? Outcome.warn(message, List.of(first, second))
                : Outcome.fail(message, List.of(first, second));
    }
}
