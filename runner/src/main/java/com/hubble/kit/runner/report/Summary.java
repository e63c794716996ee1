package com.hubble.kit.runner.report;

import java.util.List;

/** Counts per status. */
public record Summary(int pass, int fail, int warn, int skip, int error) {

    public static Summary of(List<CheckResult> results) {
        int[] counts = new int[Status.values().length];
        results.forEach(r -> counts[r.status().ordinal()]++);
        return new Summary(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    public int total() {
        return pass + fail + warn + skip + error;
    }
}
