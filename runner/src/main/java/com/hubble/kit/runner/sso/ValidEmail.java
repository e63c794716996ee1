package com.hubble.kit.runner.sso;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Probe;

/** When an e-mail is returned it is an address (local@domain.tld, no spaces). */
public final class ValidEmail implements SsoCheck<Observed> {
    // Deliberately simple: the shape every mailer accepts (RFC 5321 mailbox, dot-atom, one @, a dotted domain).
    private static final Pattern ADDRESS = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final CheckInfo INFO = new CheckInfo("sso.valid.email",
            "The e-mail, when present, is a valid address", Severity.SHOULD, Area.VALID,
            Source.SSO_DOC + "\"email (string, optional)\"; an address as in RFC 5322/5321 (local-part@domain).",
            Plans.VALID.describe(),
            "Return a real address (user@example.com) or leave email out (or null); never a placeholder.");

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
        return Expect.judgeProfile(call, body -> {
            JsonNode email = body.get("email");
            if (email == null || email.isNull()) {
                return Outcome.pass("no email returned (optional)", List.of());
            }
            if (email.isTextual() && ADDRESS.matcher(email.asText()).matches()) {
                return Outcome.pass("email is an address", List.of());
            }
            return Outcome.fail("email " + email + " is not an e-mail address", List.of(call));
        });
    }
}
