package com.hubble.kit.runner.sso.probe;

import java.time.Duration;

/**
 * The run's knobs, as given on the command line (defaults from the issue).
 *
 * @param parallelism how many probes may run at once (check --parallelism); 1 runs them one after another
 * @param maxRate the most calls per second sso.perf.concurrency sends in all (check --max-rate); 0 is no cap
 */
public record Settings(Duration timeout, Duration latencyBudget, int concurrency, Duration loadDuration,
                       boolean singleUse, boolean insecure, int parallelism, int maxRate) {
    public static final int DEFAULT_PARALLELISM = 8;
    public static final int NO_RATE_CAP = 0;

    public Settings(Duration timeout, Duration latencyBudget, int concurrency, Duration loadDuration,
                    boolean singleUse, boolean insecure) {
        this(timeout, latencyBudget, concurrency, loadDuration, singleUse, insecure, DEFAULT_PARALLELISM, NO_RATE_CAP);
    }

    public static Settings defaults() {
        return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(1), 16, Duration.ofSeconds(3), false, false);
    }

    public Settings withParallelism(int parallelism) {
        return new Settings(timeout, latencyBudget, concurrency, loadDuration, singleUse, insecure, parallelism, maxRate);
    }
}
