package com.hubble.kit.runner.sso;

import java.util.List;

/** Percentiles and Welch's t, for the performance checks. */
final class Stats {
    private Stats() {
    }

    /** Nearest-rank percentile (p in 0..100) of the values; 0 for none. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    static double variance(List<Double> values) {
        if (values.size() < 2) {
            return 0;
        }
        double mean = mean(values);
        return values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1);
    }

    /** Welch's t statistic of two independent samples (0 when undefined). */
    static double welchT(List<Double> a, List<Double> b) {
        if (a.size() < 2 || b.size() < 2) {
            return 0;
        }
        double se = Math.sqrt(variance(a) / a.size() + variance(b) / b.size());
        return se == 0 ? 0 : (mean(a) - mean(b)) / se;
    }

    /** The values at or below the p-th percentile of the pooled samples (network outliers cropped). */
    static List<Double> cropAbove(List<Double> values, double threshold) {
        return values.stream().filter(v -> v <= threshold).toList();
    }
}
