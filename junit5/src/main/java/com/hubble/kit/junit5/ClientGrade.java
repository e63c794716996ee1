package com.hubble.kit.junit5;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestReporter;

import org.opentest4j.AssertionFailedError;

import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.report.Status;
import com.hubble.kit.runner.report.Verdict;

/** The grade of a client's session with the sandbox: the 11 {@code client.*} results and the verdict. */
public final class ClientGrade {
    private final Report report;
    private final boolean strict;

    ClientGrade(Report report, boolean strict) {
        this.report = report;
        this.strict = strict;
    }

    /** The 11 results, in catalogue order. */
    public List<CheckResult> results() {
        return report.checks();
    }

    /** The result of one check, e.g. {@code client.token.cached}. */
    public CheckResult result(String id) {
        return KitCalls.find(report, id);
    }

    public Verdict verdict() {
        return report.verdict();
    }

    /** The ids of the checks that failed, gating or not. */
    public List<String> failedChecks() {
        return report.checks().stream().filter(r -> r.status() == Status.FAIL).map(CheckResult::id).toList();
    }

    /** The whole report, for your own assertions or renderers. */
    public Report report() {
        return report;
    }

    /**
     * Fails unless the verdict is PASS, naming each failed gating check with its message, and any gating check
     * that could not be judged.
     */
    public void assertCompliant() {
        if (report.verdict() == Verdict.PASS) {
            return;
        }
        List<CheckResult> gating = report.checks().stream()
                .filter(r -> KitCalls.gates(r.severity(), strict))
                .filter(r -> r.status() == Status.FAIL || r.status() == Status.ERROR
                        || r.status() == Status.SKIP)
                .filter(r -> r.status() != Status.SKIP || r.outcome() instanceof com.hubble.kit.runner.report.Outcome.Skip s
                        && s.missingInput().isPresent())
                .toList();
        String ids = gating.stream().map(CheckResult::id).collect(Collectors.joining(", "));
        StringBuilder message = new StringBuilder("the client is not compliant (" + report.verdict() + "): " + ids);
        for (CheckResult r : gating) {
            message.append("\n  ").append(r.status()).append(' ').append(r.severity()).append(' ').append(r.id())
                    .append(": ").append(r.outcome().message()).append("\n    fix: ").append(r.fix());
        }
        throw new AssertionFailedError(message.toString());
    }

    /**
     * One dynamic test per client check, named {@code <id> [MUST] <title>} and judged as {@link SsoCompliance}
     * judges the /sso checks: a gating failure fails, a SHOULD failure outside strict mode is a report entry, a check
     * that was not run aborts.
     */
    public Stream<DynamicTest> dynamicTests(TestReporter reporter) {
        return report.checks().stream().map(result -> DynamicTest.dynamicTest(
                result.id() + " [" + result.severity() + "] " + result.title(),
                () -> SsoCompliance.judge(result, strict, reporter)));
    }

    @Override
    public String toString() {
        return "ClientGrade[" + report.verdict() + ", failed " + failedChecks() + "]";
    }
}
