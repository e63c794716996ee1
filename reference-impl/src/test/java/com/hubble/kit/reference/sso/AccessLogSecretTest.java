package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

/**
 * A caller cannot get the shared secret written into the access log (or echoed) through what the log records of a
 * request: its X-REQUEST-ID and its path, with the secret plain, in hex or in base64 inside a longer text.
 */
@ServerTest
class AccessLogSecretTest {
    /** The first secret of sso-test.yaml. */
    private static final String SECRET = "current-secret-0123456789";
    private static final byte[] BYTES = SECRET.getBytes(StandardCharsets.UTF_8);
    private final URI uri;

    AccessLogSecretTest(URI uri) {
        this.uri = uri;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder builder) {
        Main.routing(builder, SsoFixtures.components());
    }

    @Test
    void aRequestIdOrPathHoldingTheSecretInAnyFormIsNeitherLoggedNorEchoed() throws Exception {
        String hex = HexFormat.of().formatHex(BYTES);
        List<String> ids = List.of(
                "id-" + hex,
                "id-" + hex.toUpperCase(Locale.ROOT),
                "a" + SECRET);
        List<String> paths = new ArrayList<>();
        for (String prefix : List.of("", "x", "xy")) {
            // base64url of the secret inside a longer value, at each of the three byte offsets
            paths.add("/sso/" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((prefix + SECRET + "tail").getBytes(StandardCharsets.UTF_8)));
        }
        paths.add("/sso/" + SECRET);
        try (SsoFixtures.LogCapture log = new SsoFixtures.LogCapture(AccessLog.LOGGER_NAME)) {
            for (String id : ids) {
                String echoed = rawGet("/sso", id);
                assertNotEquals(id, echoed, "an id holding the secret must not be echoed");
            }
            for (String path : paths) {
                rawGet(path, "plain-id-" + path.length());
            }
            assertEquals("plain-ok-42", rawGet("/sso", "plain-ok-42"), "an ordinary id is still echoed");
            log.awaitLineContaining("requestId=plain-ok-42");
            String all = String.join("\n", log.lines());
            for (String path : paths) {
                log.awaitLineContaining("requestId=plain-id-" + path.length());
            }
            assertTrue(all.contains("path=/sso"), all);
            for (String line : log.lines()) {
                assertFalse(line.contains(SECRET), line);
                assertFalse(line.toLowerCase(Locale.ROOT).contains(hex.substring(2, 40)), line);
                for (String prefix : List.of("", "x", "xy")) {
                    String encoded = Base64.getUrlEncoder().withoutPadding()
                            .encodeToString((prefix + SECRET).getBytes(StandardCharsets.UTF_8));
                    // the characters that hold only the secret's bits, whatever came before it
                    String core = encoded.substring(prefix.length() * 2, encoded.length() - 2);
                    assertFalse(line.contains(core), line);
                }
            }
        }
    }

    /** The X-REQUEST-ID the server answered a raw GET with. */
    private String rawGet(String path, String requestId) throws Exception {
        String head = SsoFixtures.rawGet(uri, path, requestId);
        assertTrue(head.startsWith("HTTP/1.1 "), head);
        return head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith("x-request-id:"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse(null);
    }
}
