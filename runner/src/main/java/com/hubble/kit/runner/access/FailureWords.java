package com.hubble.kit.runner.access;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

import com.hubble.kit.runner.config.Durations;
import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.TransportFailure;

/**
 * The one place a {@link Throwable} from a call to the partner becomes plain words, for the kit's own HTTP client
 * (SsoClient, the load probe) and for Pact's: the kind of transport failure, from the exception types first (the
 * JDK often gives no message, or the text "null"), and the reason in a partner's words, never a Java class name
 * where the type says more. {@link #failure()} is the report's {@link TransportFailure}; the Pact verifier words its
 * own sentence around {@link #reason()}.
 *
 * @param kind    why no usable response came
 * @param heading what the reason is about ("cannot connect", "TLS failure", ...), empty when the reason says it all
 * @param reason  the detail in plain words, redacted
 */
public record FailureWords(TransportFailure.Kind kind, String heading, String reason) {
    /** "javax.net.ssl.SSLHandshakeException: " in a JDK message; bounded, so linear on any text. */
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("\\b[\\w.]{1,200}Exception: ");
    static final String REFUSED = "connection refused (is the partner listening on that host and port?)";

    /**
     * Classifies {@code cause}; {@code timeout} is the limit the call had, {@code sendsBody} whether a request body was
     * being uploaded (a reset then means the partner refused the body early).
     */
    public static FailureWords of(Throwable cause, Duration timeout, boolean sendsBody, Redactor redactor) {
        Throwable root = cause;
        while (root.getCause() != null && !(root instanceof SSLException)) {
            if (root instanceof HttpTimeoutException || root instanceof ConnectException) {
                break;
            }
            root = root.getCause();
        }
        String detail = describe(cause, root, redactor);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return new FailureWords(TransportFailure.Kind.CONNECT, "cannot connect", "the host name does not resolve");
            }
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new FailureWords(TransportFailure.Kind.TIMEOUT, "", "connect timed out after " + Durations.format(timeout));
        }
        if (cause instanceof HttpTimeoutException || root instanceof HttpTimeoutException
                || root instanceof SocketTimeoutException) {
            return new FailureWords(TransportFailure.Kind.TIMEOUT, "", "no response within " + Durations.format(timeout));
        }
        if (root instanceof SSLException || cause instanceof SSLException) {
            return new FailureWords(TransportFailure.Kind.TLS, "TLS failure", tlsReason(detail));
        }
        if (cause instanceof ConnectException || root instanceof ConnectException) {
            return new FailureWords(TransportFailure.Kind.CONNECT, "cannot connect", detail);
        }
        if (sendsBody && closedByPeer(cause)) {
            return new FailureWords(TransportFailure.Kind.CLOSED_WHILE_SENDING, "", detail);
        }
        if (cause instanceof IOException || root instanceof IOException) {
            return new FailureWords(TransportFailure.Kind.IO, "connection failed", plainWords(detail));
        }
        return new FailureWords(TransportFailure.Kind.IO, "request failed", root.getClass().getSimpleName());
    }

    /** The report's failure: "heading: reason". */
    public TransportFailure failure() {
        if (kind == TransportFailure.Kind.CLOSED_WHILE_SENDING) {
            return TransportFailure.closedWhileSending(reason);
        }
        return new TransportFailure(kind, heading.isEmpty() ? reason : heading + ": " + reason);
    }

    /** Whether the partner could not be reached at all (no connection, or no TLS session): the exit code 3 kinds. */
    public boolean unreachable() {
        return kind == TransportFailure.Kind.CONNECT || kind == TransportFailure.Kind.TLS;
    }

    /** Any failure (not only a call's) in plain words: its deepest cause's, redacted. */
    public static String describe(Throwable error, Redactor redactor) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return describe(error, root, redactor);
    }

    /** The failure in a partner's words, from the exception types first, then the message. */
    static String describe(Throwable cause, Throwable root, Redactor redactor) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException || t instanceof UnresolvedAddressException) {
                return "DNS lookup failed";
            }
            if (t instanceof java.net.NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof java.net.PortUnreachableException) {
                return "port unreachable";
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            // The JDK's "Connection refused", or Apache's "Connect to ... failed: Connection refused".
            if (t instanceof ConnectException && (blank(t.getMessage()) || t.getMessage().endsWith("Connection refused"))) {
                return REFUSED;
            }
        }
        String message = root.getMessage();
        if (!blank(message)) {
            return redactor.redact(message);
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.ClosedChannelException || t instanceof java.io.EOFException) {
                return "the connection was closed";
            }
        }
        return root.getClass().getSimpleName();
    }

    private static boolean blank(String message) {
        return message == null || message.isBlank() || message.equals("null");
    }

    /** The JDK client's wording for the two ways a non-HTTP or closing server fails, in a partner's words. */
    public static String plainWords(String detail) {
        if (detail.contains("EOF reached while reading") || detail.contains("connection closed locally")) {
            return "the server closed the connection without an HTTP response (" + detail + ")";
        }
        if (detail.startsWith("Invalid status line") || detail.contains("Invalid status line")) {
            return "the server did not answer with HTTP (" + detail + ")";
        }
        return detail;
    }

    /** EPIPE or a reset: the JDK reports them as IOExceptions with these (OS) messages only. */
    private static boolean closedByPeer(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof IOException && (message.contains("Broken pipe") || message.contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }

    /** The JDK's TLS messages in a partner's words. */
    public static String tlsReason(String detail) {
        if (detail.contains("PKIX path") || detail.contains("unable to find valid certification path")) {
            return "the server's certificate is not trusted (self-signed, or its issuer is not a public CA)";
        }
        if (detail.contains("No subject alternative") || detail.contains("doesn't match")) {
            return "the server's certificate does not name this host";
        }
        if (detail.contains("expired") || detail.contains("NotAfter")) {
            return "the server's certificate has expired";
        }
        if (detail.contains("protocol_version") || detail.contains("No appropriate protocol")) {
            return "no common TLS version (the kit offers TLS 1.2 and 1.3)";
        }
        return "the handshake failed (" + EXCEPTION_PREFIX.matcher(detail).replaceAll("") + ")";
    }
}
