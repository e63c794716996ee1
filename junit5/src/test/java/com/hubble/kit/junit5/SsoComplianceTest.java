package com.hubble.kit.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

import com.hubble.kit.reference.Secret;
import com.hubble.kit.reference.sso.MintedToken;
import com.hubble.kit.reference.sso.ReferencePartner;
import com.hubble.kit.runner.report.Report;

/**
 * The dynamic tests against the reference /sso, run through the JUnit engine as a partner's build runs them: what
 * passes, fails, aborts and publishes, and what the failure messages carry.
 */
class SsoComplianceTest {
    private static final String SECRET = "junit5-shared-secret-0123456789";
    private static ReferencePartner partner;

    @TempDir
    static Path reports;

    /** The factory of the fixture class below reads its configuration from here. */
    static volatile Supplier<SsoCompliance> config;

    @BeforeAll
    static void startReference() {
        partner = ReferencePartner.startDemo(Secret.of(SECRET));
    }

    @AfterAll
    static void stopReference() {
        partner.close();
    }

    static SsoToken valid(String userId) {
        MintedToken token = partner.mint(partner.demoUserId());
        return SsoToken.of(token.token().reveal(), userId);
    }

    static String expired() {
        return partner.mintExpired(partner.demoUserId()).token().reveal();
    }

    static SsoCompliance reference() {
        return SsoCompliance.of(partner.baseUri().toString(), SECRET).load(2, Duration.ofMillis(300));
    }

    /** A partner's test class: one factory, nothing else. */
    static class PartnerSuite {
        @TestFactory
        Stream<DynamicTest> hubbleSso(TestReporter reporter) {
            return config.get().dynamicTests(reporter);
        }
    }

    static EngineExecutionResults run(Supplier<SsoCompliance> compliance) {
        config = compliance;
        return EngineTestKit.engine("junit-jupiter").selectors(
                org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(PartnerSuite.class)).execute();
    }

    static Set<String> ids(Stream<Event> events) {
        return events.map(e -> e.getTestDescriptor().getDisplayName().split(" ", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> failed(EngineExecutionResults results) {
        return ids(results.testEvents().failed().stream());
    }

    static Throwable failure(EngineExecutionResults results, String id) {
        return results.testEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(id + " "))
                .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .findFirst().orElseThrow(() -> new AssertionError(id + " did not fail"));
    }

    @Test
    void aLoadDurationGivenIsHeldInFullEvenWhenItEqualsTheDefault() {
        Report report = SsoCompliance.of(partner.baseUri().toString(), SECRET).load(2, Duration.ofSeconds(3))
                .skip("sso.perf.timing-leak").run();
        String message = KitCalls.find(report, "sso.perf.concurrency").outcome().message();
        assertFalse(message.contains("stopped early"), message);
        assertTrue(message.matches(".* calls in ([3-9]|[1-9][0-9])\\.[0-9] s .*"), message);
    }

    @Test
    void withoutALoadDurationTheLoadStopsOnceItsVerdictIsSettled() {
        Report report = SsoCompliance.of(partner.baseUri().toString(), SECRET).skip("sso.perf.timing-leak").run();
        String message = KitCalls.find(report, "sso.perf.concurrency").outcome().message();
        assertTrue(message.contains("stopped early"), message);
    }

    @Test
    void theReferencePassesWithOneTestPerCheckNamedIdSeverityTitle() {
        EngineExecutionResults results = run(() -> reference().singleUse(true)
                .validTokens(() -> valid(partner.demoUserId())).expiredTokens(SsoComplianceTest::expired));
        List<String> names = results.testEvents().started().stream()
                .map(e -> e.getTestDescriptor().getDisplayName()).toList();
        List<String> expected = reference().singleUse(true).catalogue().stream()
                .map(c -> c.id() + " [" + c.severity() + "] " + c.title()).toList();
        assertEquals(expected, names);
        assertEquals(35, names.size());
        assertTrue(names.contains("sso.token.replay [MUST] " + reference().singleUse(true).catalogue().stream()
                .filter(c -> c.id().equals("sso.token.replay")).findFirst().orElseThrow().title()), names.toString());
        assertEquals(Set.of(), failed(results), () -> results.testEvents().failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage())
                .collect(Collectors.joining("\n")));
        // Not-applicable checks on plain loopback http (https, TLS versions) are aborted, never passed.
        assertTrue(ids(results.testEvents().aborted().stream()).contains("sso.transport.https"),
                ids(results.testEvents().aborted().stream()).toString());
        assertEquals(35, results.testEvents().succeeded().count() + results.testEvents().aborted().count());
    }

    @Test
    void aMustFailureFailsItsTestWithTheKitsMessageRuleFixAndRedactedEvidence() {
        EngineExecutionResults results = run(() -> reference().skip("sso.perf.concurrency", "sso.perf.timing-leak")
                .validTokens(() -> valid("someone-else")).expiredTokens(SsoComplianceTest::expired));
        assertTrue(failed(results).contains("sso.valid.identity"), failed(results).toString());
        String message = failure(results, "sso.valid.identity").getMessage();
        assertTrue(message.startsWith("sso.valid.identity [MUST] FAIL: "), message);
        assertTrue(message.contains("someone-else"), message);
        assertTrue(message.contains("\nRequirement: "), message);
        assertTrue(message.contains("\nFix: "), message);
        assertTrue(message.contains("> X-Hubble-Secret: [REDACTED:secret]"), message);
        assertTrue(message.contains("[REDACTED:token]"), message);
        assertFalse(message.contains(SECRET), "the secret never reaches a test failure");
    }

    @Test
    void aShouldFailureOutsideStrictModePassesAndIsPublishedAsAReportEntry() {
        EngineExecutionResults results = run(() -> reference().latencyBudget(Duration.ofNanos(1))
                .validTokens(() -> valid(partner.demoUserId())).expiredTokens(SsoComplianceTest::expired));
        assertFalse(failed(results).contains("sso.perf.latency"), failed(results).toString());
        List<Map<String, String>> entries = results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs()).toList();
        assertTrue(entries.stream().anyMatch(e -> e.getOrDefault("sso.perf.latency", "")
                .startsWith("SHOULD failed (not gating without strict): ")), entries.toString());
    }

    @Test
    void underStrictASingleShouldFailureFailsItsTest() {
        EngineExecutionResults results = run(() -> reference().strict(true).latencyBudget(Duration.ofNanos(1))
                .validTokens(() -> valid(partner.demoUserId())).expiredTokens(SsoComplianceTest::expired));
        assertTrue(failed(results).contains("sso.perf.latency"), failed(results).toString());
        assertTrue(failure(results, "sso.perf.latency").getMessage().startsWith("sso.perf.latency [SHOULD] FAIL: "));
    }

    @Test
    void aCheckLackingItsInputIsAbortedNamingTheInputNeverPassed() {
        EngineExecutionResults results = run(() -> reference().skip("sso.perf.concurrency", "sso.perf.timing-leak")
                .validTokens(() -> valid(partner.demoUserId())));
        Event expired = results.testEvents().aborted().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith("sso.token.expired "))
                .findFirst().orElseThrow(() -> new AssertionError("sso.token.expired was not aborted"));
        String why = expired.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage();
        assertEquals("sso.token.expired not run: not run: needs an expired token (SsoCompliance.expiredTokens)", why);
        assertTrue(ids(results.testEvents().aborted().stream()).contains("sso.perf.concurrency"), "--skip aborts too");
    }

    @Test
    void writesTheSameFourReportFilesAsTheCli() throws Exception {
        Path dir = reports.resolve("run");
        run(() -> reference().skip("sso.perf.concurrency", "sso.perf.timing-leak").reportDir(dir)
                .validTokens(() -> valid(partner.demoUserId())).expiredTokens(SsoComplianceTest::expired));
        for (String name : List.of("report.json", "junit.xml", "report.html", "report.md")) {
            assertTrue(Files.isRegularFile(dir.resolve(name)), name);
        }
        String json = Files.readString(dir.resolve("report.json"));
        assertEquals(List.of(), com.hubble.kit.schemas.Schemas.validate("report", json));
        assertTrue(json.contains("\"verdict\" : \"PASS\""), json);
        assertFalse(json.contains(SECRET));
    }

    @Test
    void aBaselinedFailurePassesAsAnAcceptedWarning() throws Exception {
        Path baseline = reports.resolve("baseline.yaml");
        Files.writeString(baseline, """
                - id: "sso.valid.identity"
                  reason: "user mapping fix in release 2"
                  owner: "team-sso"
                  expires: "%s"
                """.formatted(java.time.LocalDate.now().plusDays(7)));
        EngineExecutionResults results = run(() -> reference().skip("sso.perf.concurrency", "sso.perf.timing-leak")
                .baseline(baseline).validTokens(() -> valid("someone-else")).expiredTokens(SsoComplianceTest::expired));
        assertFalse(failed(results).contains("sso.valid.identity"), failed(results).toString());
        assertTrue(results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().getOrDefault("sso.valid.identity", ""))
                .anyMatch(v -> v.startsWith("WARN: accepted until")));
    }

    @Test
    void aThrowingTokenSupplierFailsTheRunNamingTheSupplierButNotItsMessage() {
        EngineExecutionResults results = run(() -> reference()
                .validTokens(() -> {
                    throw new IllegalStateException("token tok-123-secret could not be minted");
                }).expiredTokens(SsoComplianceTest::expired));
        assertEquals(35, results.testEvents().failed().count());
        String message = failure(results, "sso.valid.status").getMessage();
        assertEquals("hubble-kit could not run the catalogue: the validTokens supplier threw "
                + "java.lang.IllegalStateException", message);
    }

    @Test
    void badSettingsAreRefusedWithTheProblemAndTheFix() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SsoCompliance.of("localhost:8080", SECRET))
                .getMessage().contains("must be an absolute http(s) URL"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> reference().skip("sso.nope"))
                .getMessage().startsWith("unknown check id 'sso.nope'; the ids are sso.valid.status"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SsoCompliance.of("http://127.0.0.1:1", ""))
                .getMessage().contains("is HUBBLE_SECRET set?"));
    }

    @Test
    void aMissingOrBlankSecretNamesTheUsualCauseNotANullPointer() {
        for (String secret : new String[]{null, "", "  \t"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SsoCompliance.of("http://127.0.0.1:1", secret));
            assertTrue(e.getMessage().startsWith("no secret") && e.getMessage().contains("is HUBBLE_SECRET set?"),
                    e.getMessage());
        }
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class, () -> SsoCompliance.of(null, SECRET));
        assertTrue(url.getMessage().startsWith("no base URL"), url.getMessage());
    }

    @Test
    void aBaseUrlEndingInSsoIsRefusedAsOnTheCommandLine() {
        for (String url : new String[]{"http://127.0.0.1:8080/sso", "https://partner.example.com/api/sso/"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SsoCompliance.of(url, SECRET));
            assertTrue(e.getMessage().contains("drop the trailing /sso"), e.getMessage());
        }
        // a base URL whose last segment merely ends in "sso" is a base URL
        SsoCompliance.of("http://127.0.0.1:8080/partner-sso-api", SECRET);
    }

    @Test
    void aTokensStringFormNeverShowsTheToken() {
        assertEquals("SsoToken[token=[REDACTED], userId=u-1]", SsoToken.of("abc.def", "u-1").toString());
    }
}
