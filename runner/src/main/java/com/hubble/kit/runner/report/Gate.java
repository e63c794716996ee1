package com.hubble.kit.runner.report;

import java.util.List;

/**
 * The one place that turns results into a verdict (the CLI maps a verdict to an exit code). Gating checks are the MUST ones, plus
 * the SHOULD ones with --strict; INFO never gates. Never green for what was not judged.
 */
public final class Gate {
    private Gate() {
    }

    public static boolean gates(Severity severity, boolean strict) {
        return severity == Severity.MUST || (strict && severity == Severity.SHOULD);
    }

    public static Verdict verdict(List<CheckResult> results, boolean strict) {
        boolean failed = results.stream()
                .anyMatch(r -> gates(r.severity(), strict) && r.status() == Status.FAIL);
        if (failed) {
            return Verdict.FAIL;
        }
        boolean unjudged = results.stream().anyMatch(r -> gates(r.severity(), strict) && unjudged(r.outcome()));
        return unjudged ? Verdict.INCOMPLETE : Verdict.PASS;
    }


    /**
     * The verdict of a run the kit ended before the target did (client-check's --max-duration killed the client):
     * what it saw may fail, but a pass would be over part of the run, so it is never green.
     */
    public static Verdict cutShort(Verdict judged) {
        return judged == Verdict.FAIL ? Verdict.FAIL : Verdict.INCOMPLETE;
    }

    /** Whether {@code report}'s verdict is INCOMPLETE because its run was cut short, not for a check left unjudged. */
    public static boolean wasCutShort(Report report) {
        return report.verdict() == Verdict.INCOMPLETE && verdict(report.checks(), report.strict()) == Verdict.PASS;
    }

    private static boolean unjudged(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Skip skip -> skip.missingInput().isPresent();
            case Outcome.Error error -> true;
            default -> false;
        };
    }
}
