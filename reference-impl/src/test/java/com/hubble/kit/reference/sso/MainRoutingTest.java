package com.hubble.kit.reference.sso;

import static com.hubble.kit.reference.sso.SsoFixtures.CURRENT;
import static com.hubble.kit.reference.sso.SsoFixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

/** The quickstart shape: the same static routing(builder, config) production uses, straight from config. */
@ServerTest
class MainRoutingTest {
    private final Http1Client client;

    MainRoutingTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder builder) {
        Main.routing(builder, SsoFixtures.testConfig());
    }

    @Test
    void routingBuiltFromConfigAcceptsATokenSignedWithTheConfiguredKeyOnce() {
        MintedToken token = SsoFixtures.components().tokens().mint(USER);

        assertEquals(200, SsoFixtures.postToken(client, CURRENT, token).status());
        assertEquals(401, SsoFixtures.postToken(client, CURRENT, token).status());
    }
}
