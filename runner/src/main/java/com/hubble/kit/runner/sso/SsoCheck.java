package com.hubble.kit.runner.sso;

import com.hubble.kit.runner.report.Check;
import com.hubble.kit.runner.sso.probe.Probe;

/**
 * A check of a partner's /sso: its catalogue entry (whose {@code sends} is its probe's description), the probe
 * that gathers its input, its pure judgement.
 */
public interface SsoCheck<I> extends Check<I> {

    /** The probe whose recording this check judges; the check itself does no I/O. */
    Probe<I> probe();
}
