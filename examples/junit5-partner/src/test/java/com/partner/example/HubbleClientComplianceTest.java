package com.partner.example;

import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;

import com.hubble.kit.junit5.HubbleSandbox;
import com.hubble.kit.junit5.RunningSandbox;

/** Our Hubble API client against the kit's sandbox, which revokes its token on the 3rd call: one test per check. */
@HubbleSandbox(revokeTokenAtCall = 3, reportDir = "target/hubble-kit/client")
class HubbleClientComplianceTest {

    @TestFactory
    Stream<DynamicTest> hubbleClientCompliance(RunningSandbox sandbox, TestReporter reporter) throws Exception {
        boolean cacheToken = !"client-login-every-call".equals(System.getProperty("partner.defect"));
        HubbleApiClient client = new HubbleApiClient(sandbox.baseUri(), sandbox.clientId(), sandbox.clientSecret(),
                cacheToken, Clock.systemUTC());
        for (int page = 1; page <= 5; page++) {
            client.products(page, 2);
        }
        return sandbox.grade().dynamicTests(reporter);
    }
}
