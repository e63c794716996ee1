package com.hubble.kit.reference.sso;

import java.time.Clock;
import java.util.Map;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies the reference server against Hubble's consumer contract {@code contracts/hubble-platform-partner-sso.json}.
 * The server runs with the pact's placeholder secret, so requests go out exactly as the pact wrote them.
 */
@Provider("partner-sso")
@PactFolder("../contracts")
class PartnerSsoPactTest {
    /** The X-Hubble-Secret value the pact's requests carry. */
    private static final String PACT_SECRET = "test-shared-secret";
    private static WebServer server;
    private static HmacTokenVerifier tokens;

    @BeforeAll
    static void start() {
        Config config = SsoFixtures.testConfig(Map.of("app.sso.secrets", PACT_SECRET));
        tokens = SsoComponents.create(SsoConfig.from(config), Clock.systemUTC()).tokens();
        server = Main.start(config);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void target(PactVerificationContext context) {
        context.setTarget(new HttpTestTarget("127.0.0.1", server.port()));
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void theReferenceServerHonoursEveryInteractionOfHubblesSsoContract(PactVerificationContext context) {
        context.verifyInteraction();
    }

    @State("a valid SSO token for user {userId}")
    Map<String, Object> aValidTokenFor(Map<String, Object> params) {
        MintedToken token = tokens.mint(String.valueOf(params.get("userId")));
        return Map.of("token", token.token().reveal(), "userId", token.userId());
    }

    @State("an expired SSO token for user {userId}")
    Map<String, Object> anExpiredTokenFor(Map<String, Object> params) {
        MintedToken token = tokens.mintExpired(String.valueOf(params.get("userId")));
        return Map.of("token", token.token().reveal(), "userId", token.userId());
    }
}
