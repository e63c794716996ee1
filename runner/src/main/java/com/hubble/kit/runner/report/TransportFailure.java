package com.hubble.kit.runner.report;

/** No usable response: the kind says why; the message is the kit's wording, never the partner's data. */
public record TransportFailure(Kind kind, String message) implements Reply {
    public enum Kind { TIMEOUT, CONNECT, TLS, IO }

    private static final String CLOSED_WHILE_SENDING =
            "the partner closed the connection while the kit was still sending the request body";

    /** EPIPE or a reset during the upload: the partner refused the body early (RFC 9112 section 9.5 allows that). */
    public static TransportFailure closedWhileSending(String detail) {
        return new TransportFailure(Kind.IO, CLOSED_WHILE_SENDING + " (" + detail + ")");
    }

    public boolean isClosedWhileSending() {
        return kind == Kind.IO && message.startsWith(CLOSED_WHILE_SENDING);
    }
}
