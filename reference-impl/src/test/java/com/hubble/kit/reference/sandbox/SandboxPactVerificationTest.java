package com.hubble.kit.reference.sandbox;

import java.util.Map;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/** The committed pact of partner-client against hubble-partner-api, replayed against the sandbox. */
@Provider("hubble-partner-api")
@PactFolder("../contracts")
class SandboxPactVerificationTest {
    private static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxSettings.defaults());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void pointAtTheSandbox(PactVerificationContext context) {
        context.setTarget(new HttpTestTarget("127.0.0.1", sandbox.port()));
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void theSandboxHonoursEveryInteraction(PactVerificationContext context) {
        context.verifyInteraction();
    }

    @State("a valid access token")
    Map<String, Object> aValidAccessToken() {
        return Map.of("accessToken", sandbox.state().mintToken().value().reveal());
    }

    @State("an expired access token")
    Map<String, Object> anExpiredAccessToken() {
        return Map.of("accessToken", sandbox.state().mintExpiredToken().value().reveal());
    }
}
