package com.hubble.kit.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubble.kit.reference.sso.HmacTokenVerifier;
import com.hubble.kit.reference.sso.SsoConfig;
import com.hubble.kit.reference.sso.SsoConfigLoader;
import com.hubble.kit.reference.sso.TokenVerifier.Verification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MintCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void noEnvironment() {
        MintCommand.environment = Map::of;
    }

    @AfterEach
    void realEnvironment() {
        MintCommand.environment = System::getenv;
    }

    private int run(String... args) {
        return HubbleKit.mainWithoutExit(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static HmacTokenVerifier demoTokens() {
        SsoConfig demo = SsoConfig.from(SsoConfigLoader.demo(Map.of(), false));
        return new HmacTokenVerifier(demo.signingKeyBytes(), demo.audience(), demo.tokenLifetime(), Clock.systemUTC());
    }

    @Test
    void printsOneLineOfJsonWithATokenTheDemoServerAccepts() throws Exception {
        assertEquals(0, run("mint"));

        String[] lines = out.toString().strip().split("\n");
        assertEquals(1, lines.length, out.toString());
        JsonNode printed = new ObjectMapper().readTree(lines[0]);
        assertEquals("test-user-123", printed.get("userId").asText());
        Verification verified = demoTokens().verify(printed.get("token").asText());
        assertEquals("test-user-123", assertInstanceOf(Verification.Valid.class, verified).userId());
    }

    @Test
    void mintsForTheRequestedUser() throws Exception {
        assertEquals(0, run("mint", "--user", "demo-user-minimal"));

        assertEquals("demo-user-minimal", new ObjectMapper().readTree(out.toString()).get("userId").asText());
    }

    @Test
    void mintsAnExpiredTokenOnRequest() throws Exception {
        assertEquals(0, run("mint", "--expired"));

        String token = new ObjectMapper().readTree(out.toString()).get("token").asText();
        assertEquals(new Verification.Invalid("expired"), demoTokens().verify(token));
    }

    @Test
    void warnsOnStderrWhenTheUserIsNotInTheDirectory() {
        assertEquals(0, run("mint", "--user", "stranger"));

        assertTrue(err.toString().contains("stranger"), err.toString());
    }

    @Test
    void aMissingConfigFileIsAUsageErrorWithoutAStackTrace() {
        assertEquals(2, run("mint", "--config", "/no/such/file.yaml"));

        assertTrue(err.toString().contains("/no/such/file.yaml"), err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void anUnknownFlagIsAUsageError() {
        assertEquals(2, run("mint", "--bogus"));
    }

    @Test
    void withCountPrintsThatManyDistinctTokensOneJsonObjectPerLineEachAcceptedByTheVerifier() throws Exception {
        assertEquals(0, run("mint", "--count", "500"));

        String[] lines = out.toString().split("\\R");
        assertEquals(500, lines.length);
        java.util.Set<String> tokens = new java.util.HashSet<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        HmacTokenVerifier verifier = demoTokens();
        for (String line : lines) {
            JsonNode printed = new ObjectMapper().readTree(line);
            tokens.add(printed.get("token").asText());
            Verification.Valid valid = assertInstanceOf(Verification.Valid.class, verifier.verify(printed.get("token").asText()));
            ids.add(valid.tokenId());
        }
        assertEquals(500, tokens.size(), "every token differs");
        assertEquals(500, ids.size(), "every token has its own single-use id");
    }

    @Test
    void aCountBelowOneOrNotANumberIsAUsageError() {
        assertEquals(2, run("mint", "--count", "0"));
        assertTrue(err.toString().contains("--count"), err.toString());
        assertEquals(2, run("mint", "--count", "many"));
        assertEquals("", out.toString());
    }
}
