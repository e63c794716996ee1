package com.hubble.kit.runner.sso.probe;

import java.util.Optional;

/** What TLS handshakes with the target showed. */
public record TlsFacts(String host, Optional<String> negotiated, String negotiationFailure, Legacy tls10, Legacy tls11) {

    /** Outcome of offering only one legacy protocol version. */
    public enum Legacy {
        REFUSED, ACCEPTED, UNTESTABLE
    }
}
