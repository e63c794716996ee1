package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A caller cannot write a line of its own into the access log through the (decoded) request path. */
@ServerTest
class AccessLogForgingTest {
    private static final String FORGED = "2026-11-29T12:00:00.000Z%20INFO%20com.hubble.kit.reference.sso.access:"
            + "%20requestId=forged%20method=POST%20path=/sso%20status=200%20outcome=accepted";
    private final URI uri;

    AccessLogForgingTest(URI uri) {
        this.uri = uri;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder builder) {
        Main.routing(builder, SsoFixtures.components());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "line feed, %0a, \\x0A",
            "carriage return, %0d, \\x0D",
            "CR LF, %0d%0a, \\x0D\\x0A",
            "terminal escape sequence, %1b%5b2K%1b%5b1G, \\x1B[2K\\x1B[1G",
            "unicode line separator, %e2%80%a8, \\x{2028}",
            "next line (C1 control), %c2%85, \\x85"})
    void aPathThatDecodesToALineBreakOrEscapeIsLoggedEscapedOnOneLine(String what, String encoded, String expected)
            throws Exception {
        String requestId = "forge-" + Integer.toHexString(what.hashCode());
        try (SsoFixtures.LogCapture log = new SsoFixtures.LogCapture(AccessLog.LOGGER_NAME)) {
            int status = rawGet("/x" + encoded + FORGED, requestId);

            assertEquals(404, status, "the server should have routed the path (else the test proves nothing)");
            String line = log.awaitLineContaining("requestId=" + requestId);
            assertTrue(line.contains("path=/x" + expected + "2026-11-29T12:00:00.000Z\\x20INFO"), line);
            for (String logged : log.lines()) {
                assertFalse(logged.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028),
                        "a logged message holds a control character: " + logged.replace("\u001b", "<ESC>"));
            }
        }
    }

    private int rawGet(String path, String requestId) throws Exception {
        String head = SsoFixtures.rawGet(uri, path, requestId);
        assertTrue(head.startsWith("HTTP/1.1 "), head);
        return Integer.parseInt(head.substring(9, 12));
    }
}
