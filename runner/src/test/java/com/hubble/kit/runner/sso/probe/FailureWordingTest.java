package com.hubble.kit.runner.sso.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;

import org.junit.jupiter.api.Test;

import com.hubble.kit.runner.report.Redactor;

/** A transport failure is worded from its exception type: never "cannot connect: null". */
class FailureWordingTest {
    private static final Redactor NONE = new Redactor();

    @Test
    void aConnectExceptionWithoutAUsefulMessageIsConnectionRefused() {
        ConnectException refused = new ConnectException("null");
        assertEquals("connection refused", SsoClient.describe(new IOException(refused), refused, NONE));
        ConnectException bare = new ConnectException();
        assertEquals("connection refused", SsoClient.describe(bare, bare, NONE));
    }

    @Test
    void anUnknownHostIsADnsLookupFailure() {
        UnknownHostException dns = new UnknownHostException();
        ConnectException wrapped = new ConnectException("null");
        wrapped.initCause(dns);
        assertEquals("DNS lookup failed", SsoClient.describe(wrapped, wrapped, NONE));
    }

    @Test
    void noRouteAndAClosedChannelAreNamed() {
        NoRouteToHostException route = new NoRouteToHostException();
        assertEquals("no route to host", SsoClient.describe(route, route, NONE));
        ClosedChannelException closed = new ClosedChannelException();
        assertEquals("the connection was closed", SsoClient.describe(new IOException(closed), closed, NONE));
    }
}
