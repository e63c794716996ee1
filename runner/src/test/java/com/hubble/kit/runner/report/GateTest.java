package com.hubble.kit.runner.report;

import static com.hubble.kit.runner.report.ReportFixtures.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The one verdict function: MUST gates, SHOULD gates with --strict, INFO never; never green for what was not judged. */
class GateTest {
    private static final Outcome PASS = Outcome.pass("ok", List.of());
    private static final Outcome FAIL = Outcome.fail("no", List.of());

    private static Verdict verdict(boolean strict, CheckResult... results) {
        return Gate.verdict(List.of(results), strict);
    }

    @Test
    void allPassingIsPass() {
        assertEquals(Verdict.PASS, verdict(false, result("a.b", Severity.MUST, "A", PASS)));
    }

    @Test
    void aFailedMustIsFail() {
        assertEquals(Verdict.FAIL, verdict(false, result("a.b", Severity.MUST, "A", FAIL), result("a.c", Severity.MUST, "A", PASS)));
    }

    @Test
    void aFailedShouldGatesOnlyWhenStrict() {
        assertEquals(Verdict.PASS, verdict(false, result("a.b", Severity.SHOULD, "A", FAIL)));
        assertEquals(Verdict.FAIL, verdict(true, result("a.b", Severity.SHOULD, "A", FAIL)));
    }

    @Test
    void infoNeverGatesEvenStrict() {
        assertEquals(Verdict.PASS, verdict(true, result("a.b", Severity.INFO, "A", Outcome.warn("w", List.of())),
                result("a.c", Severity.INFO, "A", FAIL)));
    }

    @Test
    void aMustLackingInputIsIncompleteButANotApplicableSkipIsNot() {
        assertEquals(Verdict.INCOMPLETE, verdict(false, result("a.b", Severity.MUST, "A", Outcome.missing("a token"))));
        assertEquals(Verdict.PASS, verdict(false, result("a.b", Severity.MUST, "A", Outcome.notApplicable("loopback"))));
    }

    @Test
    void aMustTheKitCouldNotJudgeIsIncomplete() {
        assertEquals(Verdict.INCOMPLETE, verdict(false, result("a.b", Severity.MUST, "A", Outcome.error("kit bug"))));
    }

    @Test
    void aFailureOutranksMissingInput() {
        assertEquals(Verdict.FAIL, verdict(false, result("a.b", Severity.MUST, "A", Outcome.missing("x")),
                result("a.c", Severity.MUST, "A", FAIL)));
    }
}
