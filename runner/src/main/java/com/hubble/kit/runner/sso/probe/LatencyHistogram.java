package com.hubble.kit.runner.sso.probe;

import java.util.Arrays;

/**
 * Latencies as counts in fixed buckets: 1 µs wide up to 1 ms, then 1% wide up to an hour. Its size does not grow
 * with the number of calls, so a long load keeps the memory of a short one; percentiles are within 1%.
 */
public final class LatencyHistogram {
    private static final int LINEAR = 1000; // microseconds
    private static final double STEP = Math.log(1.01);
    private static final int BUCKETS = LINEAR + (int) Math.ceil(Math.log(3_600_000_000.0 / LINEAR) / STEP) + 1;

    private final long[] counts = new long[BUCKETS];
    private long total;

    public static LatencyHistogram of(Iterable<Double> millis) {
        LatencyHistogram histogram = new LatencyHistogram();
        millis.forEach(histogram::recordMillis);
        return histogram;
    }

    public void recordNanos(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        int index = micros < LINEAR ? (int) micros
                : Math.min(BUCKETS - 1, LINEAR + (int) (Math.log((double) micros / LINEAR) / STEP));
        counts[index]++;
        total++;
    }

    public void recordMillis(double millis) {
        recordNanos((long) (millis * 1e6));
    }

    /** Adds another histogram's counts (each caller keeps its own; they merge at the end). */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    public long count() {
        return total;
    }

    /** Nearest-rank percentile (p in 0..100) in milliseconds, at its bucket's lower bound; 0 for none. */
    public double percentileMillis(double p) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return upperMillis(i);
            }
        }
        return upperMillis(BUCKETS - 1);
    }

    private static double upperMillis(int index) {
        if (index < LINEAR) {
            return index / 1000.0;
        }
        return LINEAR * Math.exp((index - LINEAR) * STEP) / 1000.0;
    }

    @Override
    public String toString() {
        return "LatencyHistogram[" + total + " calls, p95 " + percentileMillis(95) + " ms, " + Arrays.stream(counts)
                .filter(c -> c > 0).count() + " buckets used]";
    }
}
