package com.hubble.kit.reference;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A server that could not start listening: on which address and port, and why, as a {@link Reason} a caller turns
 * into its own advice. The message is one line without a stack trace; the cause is kept for debugging only.
 */
public final class StartFailure extends RuntimeException {
    /** Why a listener could not start. */
    public enum Reason {
        /** Something else holds the port (EADDRINUSE). */
        IN_USE,
        /** The user may not bind the port: below 1024 it takes root or CAP_NET_BIND_SERVICE (EACCES). */
        NOT_PERMITTED,
        /** The address is not one of this machine's (EADDRNOTAVAIL). */
        ADDRESS_NOT_LOCAL,
        /** Anything else: {@link #detail()} says what. */
        OTHER
    }

    private final Reason reason;
    private final String host;
    private final int port;
    private final String detail;

    public StartFailure(Reason reason, String host, int port, String detail, Throwable cause) {
        super(describe(reason, host, port, detail), cause, false, false);
        this.reason = reason;
        this.host = host;
        this.port = port;
        this.detail = detail;
    }

    /** The failure of a listener that was to bind {@code address}, from what went wrong (null: nothing known). */
    static StartFailure of(SocketAddress address, Throwable cause) {
        String host = address.toString();
        int port = -1;
        if (address instanceof InetSocketAddress inet) {
            host = inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
            port = inet.getPort();
        }
        return new StartFailure(reasonOf(cause), host, port, detailOf(cause), cause);
    }

    /**
     * The JDK reports the operating system's reason for a failed bind as the text of a {@link BindException} only
     * (strerror: "Address already in use", "Permission denied", "Cannot assign requested address"); read here, once.
     */
    static Reason reasonOf(Throwable cause) {
        BindException bind = find(cause, BindException.class);
        if (bind == null || bind.getMessage() == null) {
            return Reason.OTHER;
        }
        String text = bind.getMessage();
        if (text.contains("already in use")) {
            return Reason.IN_USE;
        }
        if (text.contains("Permission denied") || text.contains("Access denied")) {
            return Reason.NOT_PERMITTED;
        }
        if (text.contains("assign requested address")) {
            return Reason.ADDRESS_NOT_LOCAL;
        }
        return Reason.OTHER;
    }

    /**
     * "Type: message" of the innermost cause, the message only when the JDK or the kit wrote it (a library's message
     * may quote a configured value, a key store password for one); "unknown" without a cause.
     */
    static String detailOf(Throwable cause) {
        if (cause == null) {
            return "unknown, see the log above";
        }
        Throwable root = cause;
        for (int depth = 0; depth < 32 && root.getCause() != null && root.getCause() != root; depth++) {
            root = root.getCause();
        }
        StackTraceElement[] trace = root.getStackTrace();
        String where = trace.length == 0 ? "" : trace[0].getClassName();
        boolean trusted = where.startsWith("java.") || where.startsWith("javax.") || where.startsWith("sun.")
                || where.startsWith("jdk.") || where.startsWith("com.hubble.kit.");
        String message = root.getMessage();
        return root.getClass().getSimpleName()
                + (trusted && message != null && !message.isBlank() ? ": " + message.strip().replaceAll("\\p{Cntrl}+", " ") : "");
    }

    private static <T extends Throwable> T find(Throwable cause, Class<T> type) {
        Throwable current = cause;
        for (int depth = 0; depth < 32 && current != null; depth++) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            current = current.getCause();
        }
        return null;
    }

    private static String describe(Reason reason, String host, int port, String detail) {
        return switch (reason) {
            case IN_USE -> "port " + port + " on " + host + " is already in use";
            case NOT_PERMITTED -> "port " + port + " on " + host + " may not be bound by this user";
            case ADDRESS_NOT_LOCAL -> host + " is not an address of this machine, so port " + port + " cannot be bound there";
            case OTHER -> "could not listen on port " + port + " on " + host + " (" + detail + ")";
        };
    }

    public Reason reason() {
        return reason;
    }

    /** The address the listener was to bind, as an IP address when it had one. */
    public String host() {
        return host;
    }

    /** The port it was to bind (-1: not an IP socket address). */
    public int port() {
        return port;
    }

    /** What went wrong, for {@link Reason#OTHER}: "Type: message" of the innermost cause. */
    public String detail() {
        return detail;
    }
}
