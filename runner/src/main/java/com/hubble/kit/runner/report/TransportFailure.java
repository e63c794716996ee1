package com.hubble.kit.runner.report;

/** No usable response: the kind says why; the message is the kit's wording, never the partner's data. */
public record TransportFailure(Kind kind, String message) implements Reply {

    /** Why no usable response came. */
    public enum Kind {
        TIMEOUT, CONNECT, TLS, IO,
        /** The kit did not send the request: the target had stopped answering (see SsoClient's silent target). */
        NOT_SENT,
        /**
         * EPIPE or a reset during the upload: the partner stopped reading the body and closed. A 413 sent first (RFC
         * 9112 section 9.5) and a close without any answer look the same from the kit.
         */
        CLOSED_WHILE_SENDING;

        /** The class report.json's {@code kind} has always carried: a request not sent counts as a timeout, a refused upload as IO. */
        public Kind reported() {
            return switch (this) {
                case NOT_SENT -> TIMEOUT;
                case CLOSED_WHILE_SENDING -> IO;
                default -> this;
            };
        }
    }

    private static final String CLOSED_WHILE_SENDING =
            "the partner closed the connection while the kit was still sending the request body";

    /** What the kit cannot see after such a close; every message that judges one says so in these words. */
    public static final String ANSWER_UNSEEN = "whether a 413 was sent first cannot be seen (RFC 9112 section 9.5 "
            + "allows a 413 followed by a close; a close without any answer looks the same to the kit)";

    public static TransportFailure closedWhileSending(String detail) {
        return new TransportFailure(Kind.CLOSED_WHILE_SENDING, CLOSED_WHILE_SENDING + " (" + detail + ")");
    }

    public boolean isClosedWhileSending() {
        return kind == Kind.CLOSED_WHILE_SENDING;
    }
}
