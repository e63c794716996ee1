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

/** When an e-mail is returned it is an address (local@domain, with a dotted domain or an address literal; any script). */
public final class ValidEmail implements SsoCheck<Observed> {
    // An RFC 5321 mailbox: an atom local part (dots anywhere, as some mail providers hand out) or a quoted one, one @, a domain of two or more labels or an address
    // literal ([192.0.2.1], [IPv6:...]); letters and digits of any script (RFC 6531/6532, SMTPUTF8 addresses).
    // A single-label domain (x@localhost) is a placeholder, not a user's address.
    private static final String ATOM = "[\\p{L}\\p{N}\\p{M}.!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\p{M}-]{0,61}[\\p{L}\\p{N}\\p{M}])?";
    private static final Pattern ADDRESS = Pattern.compile("^(?:" + ATOM
            + "|\"(?:[^\"\\\\\\p{Cntrl}]|\\\\[^\\p{Cntrl}])+\")"
            + "@(?:" + LABEL + "(?:\\." + LABEL + ")+"
            + "|\\[(?:\\d{1,3}(?:\\.\\d{1,3}){3}|IPv6:[0-9A-Fa-f:.]+)\\])$");
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
