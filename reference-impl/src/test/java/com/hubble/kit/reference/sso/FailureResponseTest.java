package com.hubble.kit.reference.sso;

import static com.hubble.kit.reference.sso.SsoFixtures.CURRENT;
import static com.hubble.kit.reference.sso.SsoFixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

/** What leaves the server when a plugged-in part fails, and a chunked body that outgrows the limit. */
@ServerTest
class FailureResponseTest {
    private static final SsoComponents BASE = SsoFixtures.components();
    private static final String LEAK = "jdbc-password-hunter2";
    private final Http1Client client;

    FailureResponseTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder builder) {
        Main.routing(builder, BASE.withUsers(userId -> {
            throw new IllegalStateException("database down, password " + LEAK);
        }));
    }

    @Test
    void aFailingUserDirectoryGivesA500JsonBodyWithoutExceptionNameOrDetails() {
        SsoFixtures.Reply reply = SsoFixtures.postToken(client, CURRENT, BASE.tokens().mint(USER));

        assertEquals(500, reply.status());
        assertTrue(SsoFixtures.isJson(reply), reply.toString());
        assertFalse(reply.body().contains("IllegalStateException"), reply.body());
        assertFalse(reply.body().contains(LEAK), reply.body());
        assertFalse(reply.body().contains("at com."), reply.body());
    }

    @Test
    void aChunkedBodyThatOutgrowsTheLimitGets413() {
        byte[] chunk = "x".repeat(4096).getBytes(StandardCharsets.US_ASCII);
        SsoFixtures.Reply reply = SsoFixtures.reply(client.post("/sso")
                .header(SsoService.SECRET_HEADER, CURRENT.reveal())
                .outputStream(out -> {
                    out.write("{\"token\":\"".getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < 8; i++) {
                        out.write(chunk);
                    }
                    out.write("\"}".getBytes(StandardCharsets.US_ASCII));
                    out.close();
                }));

        assertEquals(413, reply.status(), reply.toString());
        assertEquals(SsoFixtures.REJECTION, reply.body());
    }
}
