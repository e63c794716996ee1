package com.hubble.kit.reference.sso;

import static com.hubble.kit.reference.sso.SsoFixtures.CURRENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

@ServerTest
class ThrowingVerifierTest {
    private final Http1Client client;

    ThrowingVerifierTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder builder) {
        Main.routing(builder, SsoFixtures.components().withVerifier(token -> {
            throw new IllegalArgumentException("cannot parse " + token);
        }));
    }

    @Test
    void aPluggedInVerifierThatThrowsRejectsTheTokenWith401NotA500() {
        SsoFixtures.Reply reply = SsoFixtures.postSso(client, CURRENT, "{\"token\":\"whatever\"}");

        assertEquals(401, reply.status());
        assertEquals(SsoFixtures.REJECTION, reply.body());
    }
}
