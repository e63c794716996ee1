package com.hubble.kit.runner.report;

/** A check's metadata and its outcome, as reported. */
public record CheckResult(String id, String title, Severity severity, String area, String requirement,
                          String fix, Outcome outcome, long durationMs) {

    public static CheckResult of(Check<?> check, Outcome outcome, long durationMs) {
        return new CheckResult(check.id(), check.title(), check.severity(), check.area(), check.requirement(),
                check.fix(), outcome, durationMs);
    }

    public Status status() {
        return outcome.status();
    }
}
