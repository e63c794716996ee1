package com.hubble.kit.runner.report;

/** No usable response: the kind says why; the message is the kit's wording, never the partner's data. */
public record TransportFailure(Kind kind, String message) implements Reply {
    public enum Kind { TIMEOUT, CONNECT, TLS, IO }
}
