package com.hubble.kit.runner.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.ReportFixtures;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.report.Status;

/** report.md: verdict, a table per area, each finding with rule, fix and evidence; escaped; capped in size. */
class MarkdownReportTest {

    @Test
    void startsWithTheVerdictAndHasATablePerArea() {
        String md = MarkdownReport.render(ReportFixtures.mixed());
        assertTrue(md.startsWith("## hubble-kit sso: ❌ **FAIL**"), md);
        for (String area : List.of("Valid token", "Token rejection", "Transport", "Performance")) {
            assertTrue(md.contains("### " + area + "\n\n| Status | Level | Check | Result |\n|---|---|---|---|\n"), area);
        }
        assertTrue(md.contains("| ✅ PASS | SHOULD | `sso.valid.profile` Title of sso\\.valid\\.profile | present |"), md);
    }

    @Test
    void eachFailureCarriesItsRequirementFixAndAnEvidenceExcerpt() {
        String md = MarkdownReport.render(ReportFixtures.mixed());
        int at = md.indexOf("#### ❌ FAIL `sso.token.random`");
        assertTrue(at > 0, md);
        String block = md.substring(at, md.indexOf("####", at + 4));
        assertTrue(block.contains("- **Requirement:** The rule sso\\.token\\.random enforces\\."), block);
        assertTrue(block.contains("- **Fix:** How to fix sso\\.token\\.random\\."), block);
        assertTrue(block.contains("```text\n> POST http://127.0.0.1:8080/sso\n> X-Hubble-Secret: [REDACTED:secret]"), block);
        assertTrue(block.contains("< 200"), block);
    }

    @Test
    void gatingFailuresComeBeforeWarningsAndUnjudgedChecks() {
        String md = MarkdownReport.render(ReportFixtures.mixed());
        int mustFail = md.indexOf("#### ❌ FAIL `sso.valid.status`");
        int error = md.indexOf("#### 💥 ERROR `sso.perf.timing-leak`");
        int missing = md.indexOf("#### ⏭️ SKIP `sso.token.expired`");
        int warn = md.indexOf("#### ⚠️ WARN `sso.token.replay`");
        assertTrue(mustFail > 0 && mustFail < error && error < missing && missing < warn, md);
        assertFalse(md.contains("#### ⏭️ SKIP `sso.transport.https`"), "a not-applicable skip is no finding");
    }

    @Test
    void partnerTextCannotOpenTagsLinksMentionsOrTableCells() {
        String hostile = "<img src=x onerror=alert(1)> [click](https://evil.example) @octocat | **bold** `x`\n# heading";
        Report report = one(Outcome.fail(hostile, List.of(ReportFixtures.exchange(500, "```\n<script>x</script>\n````"))));
        String md = MarkdownReport.render(report);
        assertFalse(md.contains("<img"), md);
        assertFalse(md.contains("[click]("), md);
        assertFalse(md.contains("@octocat"), md);
        assertFalse(md.contains("**bold**"), md);
        assertTrue(md.contains("&lt;img src=x onerror=alert\\(1\\)&gt; \\[click\\]\\(https://evil\\.example\\) &#64;octocat "
                + "&#124; \\*\\*bold\\*\\* \\`x\\` \\# heading"), md);
        // The evidence's own fences are shorter than the block's, so the block cannot be closed from inside.
        assertTrue(md.contains("`````text\n> POST"), md);
        String row = md.lines().filter(l -> l.startsWith("| ❌ FAIL")).findFirst().orElseThrow();
        assertEquals(5, row.chars().filter(c -> c == '|').count(), row);
    }

    @Test
    void controlCharactersFromAPartnerAreShownAsEscapes() {
        String md = MarkdownReport.render(ReportFixtures.mixed());
        assertFalse(md.contains("\u0000"));
        assertTrue(md.contains("nul\\u0000here"), md);
    }

    @Test
    void staysUnderTheCapAndNamesTheFindingsItLeftOutPointingToTheHtmlReport() {
        List<CheckResult> results = new ArrayList<>();
        String body = "x".repeat(5_000);
        for (int i = 0; i < 40; i++) {
            results.add(ReportFixtures.result("sso.check.n" + i, Severity.MUST, "Area " + (i % 4),
                    Outcome.fail("failure number " + i + " " + "y".repeat(2_000), List.of(ReportFixtures.exchange(500, body)))));
        }
        Report report = Report.of("sso", "http://t", Instant.EPOCH, 1, false, results, List.of());
        String md = MarkdownReport.render(report, 20_000);
        assertTrue(md.length() <= 20_000, "length " + md.length());
        assertTrue(md.matches("(?s).*_\\d+ findings were left out to keep this under 20,000 characters: `sso\\.check\\.n\\d+`.*"), md);
        assertTrue(md.contains("See report.html for all of them."), md);
        assertTrue(md.contains("#### ❌ FAIL `sso.check.n0`"), "the first findings are shown");
        assertTrue(md.contains("more characters in report.html)"), "long evidence is cut");
        String full = MarkdownReport.render(report);
        assertTrue(full.length() <= MarkdownReport.DEFAULT_MAX_CHARS, "length " + full.length());
    }

    @Test
    void aPassingReportSaysThereAreNoFindings() {
        Report report = one(Outcome.pass("fine", List.of()));
        String md = MarkdownReport.render(report);
        assertTrue(md.startsWith("## hubble-kit sso: ✅ **PASS**"), md);
        assertTrue(md.contains("No failures, warnings or errors."), md);
        assertFalse(md.contains("### Findings"), md);
    }

    @Test
    void theReportWriterWritesReportMdBesideTheOthers(@TempDir Path dir) throws Exception {
        List<Path> written = ReportWriter.write(ReportFixtures.mixed(), dir);
        assertTrue(written.contains(dir.resolve("report.md")), written.toString());
        assertEquals(MarkdownReport.render(ReportFixtures.mixed()), Files.readString(dir.resolve("report.md")));
    }

    private static Report one(Outcome outcome) {
        return Report.of("sso", "http://127.0.0.1:1", Instant.EPOCH, 1, false,
                List.of(ReportFixtures.result("sso.valid.status", Severity.MUST, "Valid token", outcome)), List.of());
    }
}
