package com.hubble.kit.runner.sso.probe;

/**
 * Sends requests and records what came back; never judges. Probes are values (records), so checks that
 * declare an equal probe share one run of it (the valid-token checks judge one call).
 *
 * @param <I> what the probe gathers for its checks
 */
public interface Probe<I> {

    Probed<I> run(ProbeContext context);

    /** What this probe sends, for {@code explain} and the docs. */
    String describe();

    /** Whether it may run concurrently with other probes; most can. */
    default Schedule schedule() {
        return Schedule.ALONGSIDE;
    }
}
