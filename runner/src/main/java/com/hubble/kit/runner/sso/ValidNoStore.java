package com.hubble.kit.runner.sso;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Exchange;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Observed;
import com.hubble.kit.runner.sso.probe.Probe;

/** The profile response is marked Cache-Control: no-store. */
public final class ValidNoStore implements SsoCheck<Observed> {
    private static final CheckInfo INFO = new CheckInfo("sso.valid.no-store",
            "The profile response says Cache-Control: no-store", Severity.SHOULD, Area.VALID,
            "RFC 9111 section 5.2.2.5: no-store keeps personal data out of caches; OAuth 2.0 (RFC 6749 section 5.1) "
                    + "requires it on responses carrying credentials, and this one carries a user's identity.",
            Plans.VALID.describe(),
            "Add 'Cache-Control: no-store' to /sso responses.");

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
        if (Expect.ok(call).isEmpty()) {
            return Outcome.fail(Expect.notOk(call), List.of(call));
        }
        String value = call.response().get().headers().stream()
                .filter(h -> h.name().equalsIgnoreCase("Cache-Control")).map(h -> h.value())
                .reduce((a, b) -> a + ", " + b).orElse("");
        boolean noStore = Arrays.stream(value.split(","))
                .map(d -> d.trim().toLowerCase(Locale.ROOT)).anyMatch("no-store"::equals);
        if (noStore) {
            return Outcome.pass("Cache-Control: " + value, List.of());
        }
        return Outcome.fail(value.isEmpty() ? "no Cache-Control header" : "Cache-Control: " + value + " (no no-store)",
                List.of(call));
    }
}
