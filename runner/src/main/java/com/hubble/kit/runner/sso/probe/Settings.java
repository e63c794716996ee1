package com.hubble.kit.runner.sso.probe;

import java.time.Duration;

import com.hubble.kit.runner.config.Durations;

/**
 * The run's knobs, as given on the command line. The defaults live here once, as the text an option's
 * {@code defaultValue} takes, so --help, the options and {@link #defaults()} cannot disagree.
 */
public record Settings(Duration timeout, Duration latencyBudget, int concurrency, Duration loadDuration,
                       boolean singleUse, boolean insecure) {
    public static final String TIMEOUT = "5s";
    public static final String LATENCY_BUDGET = "1s";
    public static final String CONCURRENCY = "16";
    public static final String LOAD_DURATION = "3s";

    public static Settings defaults() {
        return new Settings(Durations.parse(TIMEOUT), Durations.parse(LATENCY_BUDGET), Integer.parseInt(CONCURRENCY),
                Durations.parse(LOAD_DURATION), false, false);
    }
}
