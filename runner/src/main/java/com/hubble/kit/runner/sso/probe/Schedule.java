package com.hubble.kit.runner.sso.probe;

/** When a probe may run relative to the others of a run ({@code check --parallelism}). */
public enum Schedule {
    /** Self-contained requests with their own tokens: runs concurrently with other such probes. */
    ALONGSIDE,
    /** Judges what the other probes recorded: runs once every {@link #ALONGSIDE} probe has finished, one at a time. */
    AFTER_OTHERS,
    /** Timing-sensitive (latency, load, timing leak): runs by itself, with no other request of the kit in flight. */
    ALONE
}
