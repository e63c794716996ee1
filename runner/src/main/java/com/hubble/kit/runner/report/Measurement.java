package com.hubble.kit.runner.report;

/** A named figure a check reports beside its verdict (latency percentiles, throughput, a t statistic). */
public record Measurement(String name, double value, String unit) {

    public static Measurement of(String name, double value, String unit) {
        return new Measurement(name, value, unit);
    }

    public String formatted() {
        String number = value == Math.rint(value) && Math.abs(value) < 1e12
                ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.2f", value);
        return name + "=" + number + (unit.isEmpty() ? "" : " " + unit);
    }
}
