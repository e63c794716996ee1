package com.hubble.kit.runner.sso.probe;

import java.time.Duration;
import java.util.List;

/**
 * Supplied by the check that judges a timed series: whether the samples taken so far already decide its verdict,
 * so the remaining planned calls need not be sent. The probe asks before each call and records why it stopped.
 */
@FunctionalInterface
public interface SeriesRule {
    /** Never decided early: every planned call is made. */
    SeriesRule NEVER = (taken, planned, budget) -> false;

    boolean decided(List<Sample> taken, int planned, Duration budget);
}
