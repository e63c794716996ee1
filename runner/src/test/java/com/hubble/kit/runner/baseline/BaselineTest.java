package com.hubble.kit.runner.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.report.Status;
import com.hubble.kit.runner.report.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.hubble.kit.runner.config.UsageError;

class BaselineTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @TempDir
    Path dir;

    private static CheckResult result(String id, Outcome outcome) {
        return new CheckResult(new CheckInfo(id, "title of " + id, Severity.MUST, "Area", "requirement", "sends", "fix"), outcome, 1);
    }

    private static Report report(CheckResult... checks) {
        return Report.of("check", "http://127.0.0.1:1", Instant.parse("2026-11-23T10:00:00Z"), 5, false,
                List.of(checks), List.of());
    }

    private static Baseline baseline(BaselineEntry... entries) {
        return new Baseline("baseline.yaml", List.of(entries));
    }

    private static final Report FAILING = report(
            result("sso.valid.no-store", Outcome.fail("no Cache-Control: no-store", List.of())),
            result("sso.valid.status", Outcome.pass("200", List.of())));

    @Test
    void aFailureWithAFutureExpiryWarnsAcceptedUntilTheDateAndDoesNotFailTheGate() {
        Report applied = baseline(new BaselineEntry("sso.valid.no-store", "CDN rewrites headers", "team-sso",
                LocalDate.of(2026, 12, 31))).apply(FAILING, TODAY);
        CheckResult accepted = applied.checks().getFirst();
        assertEquals(Status.WARN, accepted.status());
        assertTrue(accepted.outcome().message().startsWith("accepted until 2026-12-31 (CDN rewrites headers"),
                accepted.outcome().message());
        assertEquals(Verdict.PASS, applied.verdict());
        assertEquals(Verdict.FAIL, FAILING.verdict());
    }

    @Test
    void anEntryIsStillAcceptedOnItsExpiryDay() {
        Report applied = baseline(new BaselineEntry("sso.valid.no-store", "r", "o", TODAY)).apply(FAILING, TODAY);
        assertEquals(Status.WARN, applied.checks().getFirst().status());
    }

    @Test
    void anExpiredEntryFailsAsUsualAndSaysItExpired() {
        Report applied = baseline(new BaselineEntry("sso.valid.no-store", "CDN rewrites headers", "team-sso",
                TODAY.minusDays(1))).apply(FAILING, TODAY);
        CheckResult failed = applied.checks().getFirst();
        assertEquals(Status.FAIL, failed.status());
        assertTrue(failed.outcome().message().contains("expired on 2026-11-22"), failed.outcome().message());
        assertEquals(Verdict.FAIL, applied.verdict());
        assertTrue(applied.notes().stream().anyMatch(n -> n.contains("expired baseline entry: sso.valid.no-store")));
    }

    @Test
    void anEntryWhoseCheckNowPassesIsReportedAsStale() {
        Report applied = baseline(new BaselineEntry("sso.valid.status", "was 500 last week", "team-sso",
                LocalDate.of(2026, 12, 31))).apply(FAILING, TODAY);
        assertEquals(Status.PASS, applied.checks().get(1).status());
        assertTrue(applied.checks().get(1).outcome().message().contains("stale"));
        assertTrue(applied.notes().contains("stale baseline entry: sso.valid.status now passes; remove it from baseline.yaml"),
                applied.notes().toString());
    }

    @Test
    void anEntryMatchingNoCheckIsNotedAndChangesNothing() {
        Report applied = baseline(new BaselineEntry("sso.no.such", "r", "o", TODAY)).apply(FAILING, TODAY);
        assertEquals(FAILING.checks(), applied.checks());
        assertTrue(applied.notes().getFirst().contains("sso.no.such"));
    }

    @Test
    void aMissingInputIsNotAcceptedByABaseline() {
        Report incomplete = report(result("sso.token.expired", Outcome.missing("an expired-token source")));
        Report applied = baseline(new BaselineEntry("sso.token.expired", "r", "o", TODAY)).apply(incomplete, TODAY);
        assertEquals(Verdict.INCOMPLETE, applied.verdict());
    }

    @Test
    void readsAFileItDraftedItself() throws Exception {
        List<BaselineEntry> drafted = List.of(new BaselineEntry("sso.valid.no-store", "a \"quoted\" reason: with colon",
                "team-sso", LocalDate.of(2026, 12, 31)));
        Path file = Files.writeString(dir.resolve("b.yaml"), BaselineDraft.render(drafted));
        assertEquals(drafted, Baseline.read(file).entries());
    }

    @Test
    void readsUnquotedDates() throws Exception {
        Path file = Files.writeString(dir.resolve("b.yaml"),
                "- id: sso.valid.no-store\n  reason: CDN\n  owner: me\n  expires: 2026-12-31\n");
        assertEquals(LocalDate.of(2026, 12, 31), Baseline.read(file).entries().getFirst().expires());
    }

    @Test
    void aMalformedDateIsAnErrorNamingTheEntry() throws Exception {
        Path file = Files.writeString(dir.resolve("b.yaml"), "- id: a.ok\n  reason: r\n  owner: o\n  expires: 2026-12-31\n"
                + "- id: sso.valid.no-store\n  reason: r\n  owner: o\n  expires: 31/12/2026\n");
        UsageError error = assertThrows(UsageError.class, () -> Baseline.read(file));
        assertTrue(error.getMessage().contains("entry 2 (sso.valid.no-store)") && error.getMessage().contains("31/12/2026"),
                error.getMessage());
    }

    @Test
    void aMissingOwnerIsAnErrorNamingTheEntryAndTheKey() throws Exception {
        Path file = Files.writeString(dir.resolve("b.yaml"), "- id: x.y\n  reason: r\n  expires: 2026-12-31\n");
        UsageError error = assertThrows(UsageError.class, () -> Baseline.read(file));
        assertTrue(error.getMessage().contains("entry 1 (x.y)") && error.getMessage().contains("'owner'"), error.getMessage());
    }

    @Test
    void anUnknownKeyOrAMappingAtTheTopIsAnError() throws Exception {
        Path typo = Files.writeString(dir.resolve("t.yaml"), "- id: x\n  reason: r\n  owner: o\n  expiry: 2026-12-31\n");
        assertTrue(assertThrows(UsageError.class, () -> Baseline.read(typo)).getMessage().contains("'expiry'"));
        Path mapping = Files.writeString(dir.resolve("m.yaml"), "id: x\n");
        assertTrue(assertThrows(UsageError.class, () -> Baseline.read(mapping)).getMessage().contains("list"));
    }

    @Test
    void aDuplicateIdIsAnError() throws Exception {
        String entry = "- id: x\n  reason: r\n  owner: o\n  expires: 2026-12-31\n";
        Path file = Files.writeString(dir.resolve("d.yaml"), entry + entry);
        assertTrue(assertThrows(UsageError.class, () -> Baseline.read(file)).getMessage().contains("twice"));
    }

    @Test
    void aDraftListsEveryFailureAndNothingElse() throws Exception {
        String json = "{\"checks\":[{\"id\":\"a.fail\",\"status\":\"FAIL\",\"message\":\"boom\"},"
                + "{\"id\":\"b.pass\",\"status\":\"PASS\",\"message\":\"ok\"},{\"id\":\"c.skip\",\"status\":\"SKIP\",\"message\":\"\"}]}";
        List<BaselineEntry> entries = BaselineDraft.fromReport(json, "team-sso", null, 14, TODAY);
        assertEquals(List.of(new BaselineEntry("a.fail", "accepted at go-live: boom", "team-sso", TODAY.plusDays(14))),
                entries);
    }
}
