package com.hubble.kit.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.reference.client.ClientSettings;
import com.hubble.kit.reference.client.HubbleClient;
import com.hubble.kit.reference.client.ProductQuery;
import com.hubble.kit.runner.report.Status;
import com.hubble.kit.runner.report.Verdict;

/** The sandbox extension as a partner's test class uses it, run through the JUnit engine. */
class HubbleSandboxExtensionTest {

    /** The reference client: logs in once, caches its token, recovers from the revoked token on call 3. */
    @HubbleSandbox(revokeTokenAtCall = 3)
    static class GoodClientSuite {
        static URI seenInBeforeAll;

        @BeforeAll
        static void sandboxIsUpBeforeTheClassesOwnSetUp(RunningSandbox sandbox) {
            seenInBeforeAll = sandbox.baseUri();
        }

        @Test
        void theReferenceClientIsCompliant(RunningSandbox sandbox) {
            assertEquals(seenInBeforeAll, sandbox.baseUri());
            assertEquals(3, sandbox.faults().revokeTokenAtCall());
            try (HubbleClient client = HubbleClient.create(ClientSettings.of(sandbox.baseUri(), sandbox.clientId(),
                    Secret.of(sandbox.clientSecret())))) {
                for (int i = 1; i <= 5; i++) {
                    client.listProducts(ProductQuery.page(i, 2));
                }
            }
            ClientGrade grade = sandbox.grade();
            assertEquals(11, grade.results().size());
            assertTrue(grade.results().stream().allMatch(r -> r.id().startsWith("client.")));
            grade.assertCompliant();
        }
    }

    /** A naive client: logs in before every call and sends no X-REQUEST-ID. */
    @HubbleSandbox(revokeTokenAtCall = 0)
    static class NaiveClientSuite {
        static volatile ClientGrade grade;

        @Test
        void theNaiveClientIsGraded(RunningSandbox sandbox) throws Exception {
            theNaiveClientIsGraded(sandbox, true);
        }

        void theNaiveClientIsGraded(RunningSandbox sandbox, boolean grade) throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                                + "/v1/partners/auth/login")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"" + sandbox.clientId()
                                + "\",\"clientSecret\":\"" + sandbox.clientSecret() + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(login.body());
                assertTrue(token.find(), login.body());
                http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/v1/partners/products"))
                        .header("Authorization", "Bearer " + token.group(1)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            if (grade) {
                NaiveClientSuite.grade = sandbox.grade();
                NaiveClientSuite.grade.assertCompliant();
            }
        }
    }

    /** The naive client again, its grade as one dynamic test per client check. */
    @HubbleSandbox(revokeTokenAtCall = 0)
    static class NaiveClientPerCheckSuite {
        @org.junit.jupiter.api.TestFactory
        java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> clientChecks(RunningSandbox sandbox,
                org.junit.jupiter.api.TestReporter reporter) throws Exception {
            new NaiveClientSuite().theNaiveClientIsGraded(sandbox, false);
            return sandbox.grade().dynamicTests(reporter);
        }
    }

    private static EngineExecutionResults run(Class<?> suite) {
        return EngineTestKit.engine("junit-jupiter").selectors(DiscoverySelectors.selectClass(suite)).execute();
    }

    @Test
    void aCompliantClientPassesTheGradeOfItsOwnSandbox() {
        EngineExecutionResults results = run(GoodClientSuite.class);
        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        assertTrue(GoodClientSuite.seenInBeforeAll.toString().startsWith("http://127.0.0.1:"));
    }

    @Test
    void theGradeAssertionFailsNamingExactlyTheFailedChecks() {
        EngineExecutionResults results = run(NaiveClientSuite.class);
        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        ClientGrade grade = NaiveClientSuite.grade;
        assertEquals(Verdict.FAIL, grade.verdict());
        Set<String> failed = new TreeSet<>(grade.failedChecks());
        assertTrue(failed.containsAll(List.of("client.token.cached", "client.request-id.present")), failed.toString());
        assertEquals(Status.PASS, grade.result("client.auth.bearer").status());
        String message = results.testEvents().failed().stream().findFirst().orElseThrow()
                .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage();
        String named = message.lines().findFirst().orElseThrow();
        for (String id : grade.failedChecks()) {
            if (grade.result(id).severity() == com.hubble.kit.runner.report.Severity.MUST) {
                assertTrue(named.contains(id), id + " not named in: " + named);
            }
        }
        assertTrue(message.contains("fix: "), message);
        assertTrue(!message.contains("test-client-secret"), "the client secret is never in a failure");
    }

    @Test
    void theGradeAsDynamicTestsFailsExactlyTheTestsNamedAfterTheFailedMustChecks() {
        EngineExecutionResults results = run(NaiveClientPerCheckSuite.class);
        List<String> names = results.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
        assertEquals(11, names.size(), names.toString());
        Set<String> failed = new TreeSet<>();
        results.testEvents().failed().stream().map(e -> e.getTestDescriptor().getDisplayName()).forEach(failed::add);
        assertTrue(failed.stream().anyMatch(n -> n.startsWith("client.token.cached [MUST] ")), failed.toString());
        assertTrue(failed.stream().anyMatch(n -> n.startsWith("client.request-id.present [MUST] ")), failed.toString());
        assertTrue(failed.stream().allMatch(n -> n.contains(" [MUST] ")), "only MUST checks fail without strict: " + failed);
        assertTrue(names.stream().anyMatch(n -> n.startsWith("client.auth.bearer [MUST] ")) && failed.stream()
                .noneMatch(n -> n.startsWith("client.auth.bearer ")), "a check the client meets passes");
    }

    @Test
    void theSandboxStopsWithItsTestClass() throws Exception {
        run(GoodClientSuite.class);
        URI base = GoodClientSuite.seenInBeforeAll;
        HttpClient http = HttpClient.newHttpClient();
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> http.send(HttpRequest.newBuilder(base.resolve("/v1/partners/products")).GET().build(),
                        HttpResponse.BodyHandlers.ofString())) instanceof java.net.ConnectException);
    }
}
