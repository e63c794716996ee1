package com.hubble.kit.runner.sso;

import java.util.List;
import java.util.Set;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.report.TransportFailure;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Payload;
import com.hubble.kit.runner.sso.probe.Plan;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.Step;

/** A 1 MiB body is refused with 413 (or 400) within the timeout. */
public final class BodyOversized implements SsoCheck<Observed> {
    static final int SIZE = 1024 * 1024;
    private static final Plan PLAN = Plan.of(Step.post("1 MiB body", new Payload.Raw(
            "{\"token\":\"hk-oversized\",\"padding\":\"" + "a".repeat(SIZE) + "\"}", "a 1 MiB JSON body")));
    private static final CheckInfo INFO = new CheckInfo("sso.body.oversized",
            "A 1 MiB body gets 413 or 400 in time", Severity.SHOULD, Area.REQUEST,
            "RFC 9110 section 15.5.14: 413 Content Too Large. A /sso body is a few hundred bytes; accepting megabytes "
                    + "invites memory exhaustion (OWASP API4:2023).",
            PLAN.describe(),
            "Cap the request body (e.g. 16 KiB) in the server or proxy and answer 413 Content Too Large.");

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
        List<Exchange> closedEarly = input.exchanges().stream()
                .filter(e -> e.failure().filter(TransportFailure::isClosedWhileSending).isPresent()).toList();
        if (!closedEarly.isEmpty() && closedEarly.size() == input.exchanges().size()) {
            return Outcome.pass("the partner closed the connection while the kit was still sending the 1 MiB body; "
                    + TransportFailure.ANSWER_UNSEEN, List.of());
        }
        return Expect.all(input.exchanges(), e -> Expect.status(e, Set.of(413, 400)), "a 1 MiB body is refused in time");
    }
}
