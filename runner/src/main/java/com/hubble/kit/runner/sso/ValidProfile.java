package com.hubble.kit.runner.sso;

import java.util.List;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Probe;

/** Name and phone number are present: the prose calls them mandatory, the field list optional. */
public final class ValidProfile implements SsoCheck<Observed> {
    private static final List<String> FIELDS = List.of("firstName", "lastName", "phoneNumber");
    private static final CheckInfo INFO = new CheckInfo("sso.valid.profile",
            "The profile has first name, last name and phone number", Severity.SHOULD, Area.VALID,
            Source.SSO_DOC + "\"Some of the mandatory user fields we require are User's id, Name, Phone number. These are "
                    + "mandatory because we need to pass this to some of the services that power Hubble.\" (The field list "
                    + "marks them optional, hence SHOULD.)",
            Plans.VALID.describe(),
            "Return firstName, lastName and phoneNumber as non-empty strings for every user.");

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
            List<String> missing = FIELDS.stream()
                    .filter(f -> body.get(f) == null || !body.get(f).isTextual() || body.get(f).asText().isBlank())
                    .toList();
            if (missing.isEmpty()) {
                return Outcome.pass("firstName, lastName and phoneNumber present", List.of());
            }
            return Outcome.fail("missing or empty: " + String.join(", ", missing), List.of(call));
        });
    }
}
