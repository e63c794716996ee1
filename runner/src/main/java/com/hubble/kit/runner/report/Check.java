package com.hubble.kit.runner.report;

/**
 * One rule, one small final class: its catalogue entry ({@link CheckInfo}) and a pure {@code evaluate} that judges
 * recorded input (exchanges, samples) and does no I/O, so every check is unit-testable from fixtures.
 *
 * @param <I> what the check judges, as gathered by a probe
 */
public interface Check<I> {

    /** This check's catalogue entry: id, title, severity, area, requirement, what it sends, fix. */
    CheckInfo info();

    Outcome evaluate(I input);

    /** Stable id, e.g. {@code sso.token.expired}; ids are an interface: add, never rename. */
    default String id() {
        return info().id();
    }
}
