package com.partner.example;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;

import com.hubble.kit.junit5.SsoCompliance;
import com.hubble.kit.junit5.SsoToken;

/** Our /sso against Hubble's compliance catalogue: one test per check, named after it. */
class SsoComplianceTest {
    private static final String SECRET = "example-shared-secret-from-hubble";
    private static Tokens tokens;
    private static SsoServer server;

    @BeforeAll
    static void startOurSso() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        tokens = new Tokens(key, Clock.systemUTC());
        boolean defect = "sso-secret-missing".equals(System.getProperty("partner.defect"));
        server = new SsoServer(SECRET, tokens, SsoServer.demoUsers(), defect).start(0);
    }

    @AfterAll
    static void stopOurSso() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> hubbleSsoCompliance(TestReporter reporter) {
        return SsoCompliance.of(server.baseUrl(), SECRET)
                .validTokens(() -> SsoToken.of(tokens.mint("partner-user-42"), "partner-user-42"))
                .expiredTokens(() -> tokens.mintExpired("partner-user-42"))
                .singleUse(true)
                .load(4, Duration.ofMillis(500))
                .reportDir(Path.of("target/hubble-kit/sso"))
                .dynamicTests(reporter);
    }
}
