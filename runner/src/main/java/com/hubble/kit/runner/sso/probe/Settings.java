package com.hubble.kit.runner.sso.probe;

import java.time.Duration;

import com.hubble.kit.runner.config.Durations;

/**
 * The run's knobs, as given on the command line. The defaults live here once, as the text an option's
 * {@code defaultValue} takes, so --help, the options and {@link #defaults()} cannot disagree.
 *
 * @param parallelism how many probes may run at once (check --parallelism); 1 runs them one after another
 * @param maxRate the most calls per second sso.perf.concurrency sends in all (check --max-rate); 0 is no cap
 * @param loadDurationChosen whether loadDuration was chosen (a flag, the config, an API call): the load then runs
 *        that long; otherwise it is the default, a ceiling the load may stop before once its verdict is settled
 */
public record Settings(Duration timeout, Duration latencyBudget, int concurrency, Duration loadDuration,
                       boolean singleUse, boolean insecure, int parallelism, int maxRate, boolean loadDurationChosen) {
    public static final String TIMEOUT = "5s";
    public static final String LATENCY_BUDGET = "1s";
    public static final String CONCURRENCY = "16";
    public static final String LOAD_DURATION = "3s";
    public static final String PARALLELISM = "8";
    public static final String MAX_RATE = "0";
    public static final int DEFAULT_PARALLELISM = Integer.parseInt(PARALLELISM);
    public static final int NO_RATE_CAP = 0;

    /** With a load duration the caller chose. */
    public Settings(Duration timeout, Duration latencyBudget, int concurrency, Duration loadDuration,
                    boolean singleUse, boolean insecure, int parallelism, int maxRate) {
        this(timeout, latencyBudget, concurrency, loadDuration, singleUse, insecure, parallelism, maxRate, true);
    }

    /** At the default parallelism, uncapped, with a load duration the caller chose. */
    public Settings(Duration timeout, Duration latencyBudget, int concurrency, Duration loadDuration,
                    boolean singleUse, boolean insecure) {
        this(timeout, latencyBudget, concurrency, loadDuration, singleUse, insecure, DEFAULT_PARALLELISM, NO_RATE_CAP);
    }

    public static Settings defaults() {
        return new Settings(Durations.parse(TIMEOUT), Durations.parse(LATENCY_BUDGET), Integer.parseInt(CONCURRENCY),
                Durations.parse(LOAD_DURATION), false, false, DEFAULT_PARALLELISM, NO_RATE_CAP, false);
    }

    public Settings withParallelism(int parallelism) {
        return new Settings(timeout, latencyBudget, concurrency, loadDuration, singleUse, insecure, parallelism, maxRate,
                loadDurationChosen);
    }
}
