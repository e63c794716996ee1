package com.hubble.kit.runner.sso.probe;

import java.time.Duration;
import java.util.List;

/**
 * Supplied by the check that judges a load: which answers count against the target (the probe keeps the first of
 * them as evidence) and when the verdict is settled, so the load may stop before its planned duration.
 */
public interface LoadRule {
    /** The status {@link #error} is asked about for a call that got no HTTP response (refused, reset, timed out). */
    int NO_RESPONSE = Sample.NO_RESPONSE;

    boolean error(int status);

    /** Whether the load may stop now. */
    boolean settled(Progress progress);

    /**
     * Where a load stands: {@code elapsed} into {@code planned} (a duration the user chose, or the default, a
     * ceiling), {@code errors} of {@code calls} so far, and the calls completed in each of the last complete windows
     * of {@code window} (oldest first; fewer at the start).
     */
    record Progress(Duration elapsed, Duration planned, boolean plannedChosen, long calls, long errors, Duration window,
                    List<Long> recentWindows) {
        public Progress {
            recentWindows = List.copyOf(recentWindows);
        }
    }
}
