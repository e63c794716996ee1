package com.hubble.kit.reference.sso;

import static com.hubble.kit.reference.sso.SsoFixtures.CURRENT;
import static com.hubble.kit.reference.sso.SsoFixtures.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.schemas.Schemas;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

/** The reference server's bodies satisfy the kit's own schemas (the ones the runner judges partners with). */
@ServerTest
class SchemaConformanceTest {
    private static final SsoComponents COMPONENTS = SsoFixtures.components();
    private final Http1Client client;

    SchemaConformanceTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder builder) {
        Main.routing(builder, COMPONENTS);
    }

    @Test
    void aSuccessfulBodySatisfiesTheSsoResponseSchema() {
        for (String user : List.of(USER, "minimal-user")) {
            SsoFixtures.Reply reply = SsoFixtures.postToken(client, CURRENT, COMPONENTS.tokens().mint(user));

            assertEquals(200, reply.status());
            assertEquals(List.of(), Schemas.validate("sso-response", reply.body()), reply.body());
        }
    }

    @Test
    void everyRejectionBodySatisfiesTheSsoRejectionSchema() {
        List<SsoFixtures.Reply> rejections = List.of(
                SsoFixtures.postToken(client, Secret.of("wrong-secret-0000000000"), COMPONENTS.tokens().mint(USER)),
                SsoFixtures.postToken(client, CURRENT, COMPONENTS.tokens().mintExpired(USER)),
                SsoFixtures.postSso(client, CURRENT, "{\"token\":1}"),
                SsoFixtures.postSso(client, CURRENT, "{\"token\":\"" + "x".repeat(20_000) + "\"}"));
        for (SsoFixtures.Reply reply : rejections) {
            assertEquals(List.of(), Schemas.validate("sso-rejection", reply.body()), reply.status() + " " + reply.body());
        }
    }
}
