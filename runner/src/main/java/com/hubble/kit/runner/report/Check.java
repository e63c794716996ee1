package com.hubble.kit.runner.report;

/**
 * One rule, one small final class. {@code evaluate} is pure: it judges recorded input (exchanges, samples)
 * and does no I/O, so every check is unit-testable from fixtures.
 *
 * @param <I> what the check judges, as gathered by a probe
 */
public interface Check<I> {

    /** Stable id, e.g. {@code sso.token.expired}; ids are an interface: add, never rename. */
    String id();

    String title();

    Severity severity();

    /** The source sentence or RFC clause the check enforces. */
    String requirement();

    /** The group the check belongs to in reports (e.g. "Valid token", "Secret"). */
    String area();

    /** What the kit sends to judge this, in a partner's words. */
    String sends();

    /** How to fix a failure. */
    String fix();

    Outcome evaluate(I input);

    /** This check's catalogue entry. */
    default CheckInfo info() {
        return new CheckInfo(id(), title(), severity(), area(), requirement(), fix());
    }
}
