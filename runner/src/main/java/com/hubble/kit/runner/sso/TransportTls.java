package com.hubble.kit.runner.sso;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.TlsFacts;
import com.hubble.kit.runner.sso.probe.TlsProbe;

/** TLS 1.2 or newer is negotiated, and TLS 1.0 and 1.1 are refused. */
public final class TransportTls implements SsoCheck<TlsFacts> {
    private static final TlsProbe PROBE = new TlsProbe();
    private static final CheckInfo INFO = new CheckInfo("sso.transport.tls",
            "TLS 1.2+ negotiated; TLS 1.0 and 1.1 refused", Severity.MUST, Area.TRANSPORT,
            "RFC 8996: \"TLS 1.0 and TLS 1.1 MUST NOT be used\"; Hubble requires TLS 1.2+ on partner endpoints that "
                    + "receive the shared secret.",
            PROBE.describe(),
            "Disable TLSv1 and TLSv1.1 in the server or load balancer (e.g. nginx ssl_protocols TLSv1.2 TLSv1.3;).");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Probe<TlsFacts> probe() {
        return PROBE;
    }

    @Override
    public Outcome evaluate(TlsFacts tls) {
        List<String> problems = new ArrayList<>();
        if (tls.negotiated().isEmpty()) {
            problems.add("no TLS 1.2/1.3 handshake succeeded (" + tls.negotiationFailure() + ")");
        } else if (!Set.of("TLSv1.2", "TLSv1.3").contains(tls.negotiated().get())) {
            problems.add("negotiated " + tls.negotiated().get());
        }
        if (tls.tls10() == TlsFacts.Legacy.ACCEPTED) {
            problems.add("TLS 1.0 was accepted");
        }
        if (tls.tls11() == TlsFacts.Legacy.ACCEPTED) {
            problems.add("TLS 1.1 was accepted");
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(String.join("; ", problems), List.of());
        }
        if (tls.tls10() == TlsFacts.Legacy.UNTESTABLE || tls.tls11() == TlsFacts.Legacy.UNTESTABLE) {
            return new Outcome.Error("the TLS 1.0/1.1 hellos could not be sent, so their refusal was not tested", List.of());
        }
        return Outcome.pass("negotiated " + tls.negotiated().get() + "; TLS 1.0 and 1.1 refused", List.of());
    }
}
