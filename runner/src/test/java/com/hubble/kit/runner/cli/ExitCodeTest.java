package com.hubble.kit.runner.cli;

import static com.hubble.kit.runner.report.ReportFixtures.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.ReportFixtures;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.report.Verdict;

/** A judging command's exit code is its report's verdict, mapped here and nowhere else. */
class ExitCodeTest {

    @Test
    void verdictsMapToTheirExitCodes() {
        Report failing = ReportFixtures.mixed();
        assertEquals(Verdict.FAIL, failing.verdict());
        assertEquals(ExitCode.NON_COMPLIANT, ExitCode.of(failing.verdict()));
        Report incomplete = Report.of("sso", "t", failing.startedAt(), 1, false,
                List.of(result("a.b", Severity.MUST, "A", Outcome.missing("x"))), List.of());
        assertEquals(ExitCode.INCOMPLETE, ExitCode.of(incomplete.verdict()));
        Report passing = Report.of("sso", "t", failing.startedAt(), 1, false,
                List.of(result("a.b", Severity.MUST, "A", Outcome.pass("ok", List.of()))), List.of());
        assertEquals(ExitCode.SUCCESS, ExitCode.of(passing.verdict()));
    }

    @Test
    void picocliReadsTheNumberOfTheReturnedValue() {
        for (ExitCode exit : ExitCode.values()) {
            assertEquals(exit.code(), exit.getExitCode());
        }
    }
}
