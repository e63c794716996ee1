package com.hubble.kit.runner.sso.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls a load completed in each of its last few windows of {@link #WINDOW}: enough to tell a rate that still
 * climbs (a target, or the kit, warming up) from a steady one, in fixed memory whatever the duration. Callers ask
 * before each call; the first to see a window end takes the boundary, so a gap in which no caller asked (every call
 * slower than a window) reads as empty windows, never as a steady rate.
 */
final class CallWindows {
    static final Duration WINDOW = Duration.ofMillis(100);
    /** How many complete windows are kept. */
    static final int KEPT = 3;

    private final long start;
    private final long windowNanos = WINDOW.toNanos();
    /** The call count at the start of window i, at i % (KEPT + 1). */
    private final long[] boundaries = new long[KEPT + 1];
    /** The window in progress; written under the lock. */
    private volatile long current;
    private volatile List<Long> recent = List.of();

    CallWindows(long startNanos) {
        this.start = startNanos;
    }

    /**
     * The calls of each complete window kept, oldest first; {@code calls} is the count so far, at {@code now}.
     * Cheap between boundaries (every caller asks before every call).
     */
    List<Long> recent(long nowNanos, long calls) {
        long index = (nowNanos - start) / windowNanos;
        if (index > current) {
            synchronized (this) {
                if (index > current) {
                    long window = current;
                    while (window < index) {
                        window++;
                        boundaries[(int) (window % boundaries.length)] = calls;
                    }
                    current = window;
                    List<Long> windows = new ArrayList<>(KEPT);
                    for (long w = Math.max(0, window - KEPT); w < window; w++) {
                        windows.add(boundaries[(int) ((w + 1) % boundaries.length)] - boundaries[(int) (w % boundaries.length)]);
                    }
                    recent = List.copyOf(windows);
                }
            }
        }
        return recent;
    }
}
