package com.hubble.kit.runner.report;

/** A check's catalogue entry and its outcome, as reported. */
public record CheckResult(CheckInfo check, Outcome outcome, long durationMs) {

    public static CheckResult of(Check<?> check, Outcome outcome, long durationMs) {
        return new CheckResult(check.info(), outcome, durationMs);
    }

    /** The same check with another outcome (a baseline turning a FAIL into a WARN). */
    public CheckResult withOutcome(Outcome other) {
        return new CheckResult(check, other, durationMs);
    }

    public Status status() {
        return outcome.status();
    }

    public String id() {
        return check.id();
    }

    public String title() {
        return check.title();
    }

    public Severity severity() {
        return check.severity();
    }

    public String area() {
        return check.area();
    }

    public String requirement() {
        return check.requirement();
    }

    public String fix() {
        return check.fix();
    }
}
