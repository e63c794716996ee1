package com.hubble.kit.runner.sso;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Probe;

/** The userId returned is the one the token source declared for that token. */
public final class ValidIdentity implements SsoCheck<Observed> {
    static final String MISSING = "a declared userId (--user-id ID for bare tokens, or a --token-command printing {\"token\": \"...\", \"userId\": \"...\"})";
    private static final CheckInfo INFO = new CheckInfo("sso.valid.identity",
            "The userId returned is the token's user", Severity.MUST, Area.VALID,
            Source.SSO_DOC + "\"userId - Partner's unique user identifier. Must be present for a valid token.\" "
                    + "The token identifies one user; Hubble creates its proxy user from this id.",
            Plans.VALID.describe(),
            "Return the id of the user the token was issued for (not a session id, not a fixed test user).");

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
        if (input.declaredUserId().isEmpty()) {
            return Outcome.missing(MISSING);
        }
        String expected = input.declaredUserId().get();
        Exchange call = input.get(0);
        JsonNode userId = call.response().flatMap(Expect::json).filter(JsonNode::isObject)
                .map(n -> n.get("userId")).orElse(null);
        if (userId != null && userId.isTextual() && userId.asText().equals(expected)) {
            return Outcome.pass("userId \"" + expected + "\" as declared", List.of());
        }
        return Outcome.fail("expected userId \"" + expected + "\" (declared by the token source), "
                + (userId == null ? Expect.got(call) : "got " + userId), List.of(call));
    }
}
