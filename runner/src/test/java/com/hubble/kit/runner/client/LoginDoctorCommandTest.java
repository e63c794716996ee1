package com.hubble.kit.runner.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.hubble.kit.reference.sandbox.FaultPlan;
import com.hubble.kit.reference.sandbox.Sandbox;
import com.hubble.kit.reference.sandbox.SandboxSettings;
import com.hubble.kit.runner.cli.HubbleKit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** login-doctor against the sandbox: success, and an explanation for each way a login or call fails. */
class LoginDoctorCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run doctor(String baseUrl, String clientId, String secret, String... extra) throws Exception {
        Path secretFile = dir.resolve("secret");
        Files.writeString(secretFile, secret + "\n");
        List<String> args = new ArrayList<>(List.of("login-doctor", "--base-url", baseUrl, "--client-id", clientId,
                "--secret-file", secretFile.toString()));
        args.addAll(Arrays.asList(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HubbleKit.mainWithoutExit(new PrintWriter(out, true), new PrintWriter(err, true),
                args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void confirmsAWorkingLoginAndAuthenticatedCall() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults())) {
            Run run = doctor(sandbox.baseUri().toString(), "test-client-id", "test-client-secret");
            assertEquals(0, run.exit(), run.out() + run.err());
            assertTrue(run.out().contains("OK    login: 200"), run.out());
            assertTrue(run.out().contains("OK    authenticated call"), run.out());
            assertFalse(run.out().contains("test-client-secret"));
        }
    }

    @Test
    void explainsWrongCredentialsWithTheWrongEnvironmentAndTheRequestId() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults())) {
            Run run = doctor(sandbox.baseUri().toString(), "test-client-id", "staging-secret-on-prod");
            assertEquals(1, run.exit());
            assertTrue(run.out().contains("FAIL  login (POST /v1/partners/auth/login): 401"), run.out());
            assertTrue(run.out().contains("wrong environment"), run.out());
            String requestId = sandbox.exchanges().getFirst().requestId().orElseThrow();
            assertTrue(run.out().contains(requestId), "the X-REQUEST-ID to give support");
            assertFalse(run.out().contains("staging-secret-on-prod"), "the secret is never printed");
        }
    }

    @Test
    void explainsA403AsTheIpAllowList() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults())) {
            Run run = doctor(sandbox.baseUri().toString(), SandboxSettings.BLOCKED_CLIENT_ID,
                    SandboxSettings.BLOCKED_CLIENT_SECRET);
            assertEquals(1, run.exit());
            assertTrue(run.out().contains("allow-list"), run.out());
        }
    }

    @Test
    void explainsA404AsTheWrongPathOrBaseUrl() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults())) {
            Run run = doctor(sandbox.baseUri() + "/api", "test-client-id", "test-client-secret");
            assertEquals(1, run.exit(), run.out());
            assertTrue(run.out().contains("plural partners"), run.out());
            assertEquals("/api/v1/partners/auth/login", sandbox.exchanges().getFirst().path());
        }
    }

    @Test
    void refusesABaseUrlThatAlreadyHoldsTheSingularApiPath() throws Exception {
        Run run = doctor("https://api.dev.myhubble.money/v1/partner", "test-client-id", "x");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("plural"), run.err());
    }

    @Test
    void explainsAFailingAuthenticatedCallAfterAGoodLogin() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.defaults()
                .withFaults(FaultPlan.NONE.withUnavailableAtCall(1)))) {
            Run run = doctor(sandbox.baseUri().toString(), "test-client-id", "test-client-secret");
            assertEquals(1, run.exit());
            assertTrue(run.out().contains("OK    login"), run.out());
            assertTrue(run.out().contains("FAIL  authenticated call (GET /v1/partners/products): 503"), run.out());
        }
    }

    @Test
    void saysWhenHubbleCannotBeReached() throws Exception {
        Run run = doctor("http://127.0.0.1:1", "test-client-id", "test-client-secret");
        assertEquals(3, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("no response"), run.out());
    }

    @Test
    void needsASecretAndSaysWhere() throws Exception {
        StringWriter err = new StringWriter();
        int exit = HubbleKit.mainWithoutExit(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                "login-doctor", "--base-url", "http://127.0.0.1:1", "--client-id", "x",
                "--secret-env", "HUBBLE_KIT_TEST_UNSET_VARIABLE");
        assertEquals(2, exit);
        assertTrue(err.toString().contains("HUBBLE_KIT_TEST_UNSET_VARIABLE"), err.toString());
    }
}
