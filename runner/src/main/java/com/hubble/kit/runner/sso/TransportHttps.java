package com.hubble.kit.runner.sso;

import java.util.List;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.TargetFacts;
import com.hubble.kit.runner.sso.probe.TargetProbe;

/** The partner's /sso is served over HTTPS (plain HTTP only for a local loopback test). */
public final class TransportHttps implements SsoCheck<TargetFacts> {
    private static final TargetProbe PROBE = new TargetProbe();
    private static final CheckInfo INFO = new CheckInfo("sso.transport.https", "/sso is served over HTTPS",
            Severity.MUST, Area.TRANSPORT,
            "The pre-shared X-Hubble-Secret and users' tokens cross the internet on every call; Hubble requires HTTPS "
                    + "with TLS 1.2+ for partner-hosted endpoints that receive the shared secret (partner docs, coins "
                    + "integration). RFC 9110 section 4.2.2.",
            PROBE.describe(),
            "Serve /sso over https:// with a certificate from a public CA, and register the https:// base URL.");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Probe<TargetFacts> probe() {
        return PROBE;
    }

    @Override
    public Outcome evaluate(TargetFacts target) {
        if (target.scheme().equals("https")) {
            return Outcome.pass("https", List.of());
        }
        if (target.loopback()) {
            return Outcome.notApplicable("loopback target (" + target.host() + "): plain HTTP is fine for a local test");
        }
        return Outcome.fail("the target " + target.host() + " is plain " + target.scheme()
                + ": the secret and tokens would cross the network unencrypted", List.of());
    }
}
