package com.hubble.kit.runner.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import com.hubble.kit.runner.report.Redactor;
import com.hubble.kit.runner.report.TransportFailure;

/** A transport failure is worded from its exception type: never "cannot connect: null". */
class FailureWordingTest {
    private static final Redactor NONE = new Redactor();

    @Test
    void aConnectExceptionWithoutAUsefulMessageIsConnectionRefused() {
        ConnectException refused = new ConnectException("null");
        assertEquals(FailureWords.REFUSED, FailureWords.describe(new IOException(refused), refused, NONE));
        ConnectException bare = new ConnectException();
        assertEquals(FailureWords.REFUSED, FailureWords.describe(bare, bare, NONE));
    }

    @Test
    void anUnknownHostIsADnsLookupFailure() {
        UnknownHostException dns = new UnknownHostException();
        ConnectException wrapped = new ConnectException("null");
        wrapped.initCause(dns);
        assertEquals("DNS lookup failed", FailureWords.describe(wrapped, wrapped, NONE));
    }

    @Test
    void noRouteAndAClosedChannelAreNamed() {
        NoRouteToHostException route = new NoRouteToHostException();
        assertEquals("no route to host", FailureWords.describe(route, route, NONE));
        ClosedChannelException closed = new ClosedChannelException();
        assertEquals("the connection was closed", FailureWords.describe(new IOException(closed), closed, NONE));
    }

    private static FailureWords words(Throwable cause, boolean sendsBody) {
        return FailureWords.of(cause, Duration.ofSeconds(2), sendsBody, NONE);
    }

    @Test
    void aRefusedConnectionReadsTheSameFromTheJdkClientAndFromPactsApacheClient() {
        ConnectException jdk = new ConnectException();
        ConnectException apache = new ConnectException("Connect to http://127.0.0.1:9 [/127.0.0.1] failed: Connection refused");
        apache.initCause(new ConnectException("Connection refused"));
        for (Throwable cause : List.of(new IOException(jdk), apache)) {
            FailureWords words = words(cause, false);
            assertEquals(TransportFailure.Kind.CONNECT, words.kind());
            assertTrue(words.unreachable());
            assertEquals("cannot connect: " + FailureWords.REFUSED, words.failure().message());
        }
    }

    @Test
    void aSocketTimeoutIsATimeoutNotAnIoFailure() {
        FailureWords words = words(new IOException(new SocketTimeoutException("Read timed out")), false);
        assertEquals(TransportFailure.Kind.TIMEOUT, words.kind());
        assertFalse(words.unreachable());
        assertEquals("no response within 2s", words.failure().message());
    }

    @Test
    void tlsAndDnsFailuresAreUnreachableInPlainWords() {
        FailureWords tls = words(new SSLHandshakeException("PKIX path building failed"), false);
        assertEquals(TransportFailure.Kind.TLS, tls.kind());
        assertTrue(tls.unreachable());
        assertTrue(tls.reason().startsWith("the server's certificate is not trusted"), tls.reason());
        FailureWords dns = words(new IOException(new UnknownHostException("nowhere.invalid")), false);
        assertEquals(new TransportFailure(TransportFailure.Kind.CONNECT, "cannot connect: the host name does not resolve"),
                dns.failure());
    }

    @Test
    void aResetWhileUploadingIsClosedWhileSendingAndOtherwiseAnIoFailure() {
        IOException reset = new IOException("Connection reset by peer");
        assertEquals(TransportFailure.Kind.CLOSED_WHILE_SENDING, words(reset, true).kind());
        assertEquals(new TransportFailure(TransportFailure.Kind.IO, "connection failed: Connection reset by peer"),
                words(reset, false).failure());
    }

    @Test
    void anyOtherFailureIsWordedByItsDeepestCauseRedacted() {
        Redactor redactor = new Redactor();
        redactor.add(com.hubble.kit.reference.Secret.of("s3cr3t-value-0123456789"), "secret");
        RuntimeException error = new RuntimeException("outer", new IllegalStateException("bad s3cr3t-value-0123456789 here"));
        String words = FailureWords.describe(error, redactor);
        assertTrue(words.startsWith("bad "), words);
        assertFalse(words.contains("s3cr3t-value-0123456789"), words);
        assertEquals("IllegalStateException", FailureWords.describe(new RuntimeException(new IllegalStateException()), NONE));
    }
}
