package com.hubble.kit.runner.sso.probe;

import java.time.Duration;

/** The run's knobs, as given on the command line (defaults from the issue). */
public record Settings(Duration timeout, Duration latencyBudget, int concurrency, Duration loadDuration,
                       boolean singleUse, boolean insecure) {

    public static Settings defaults() {
        return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(1), 16, Duration.ofSeconds(3), false, false);
    }
}
