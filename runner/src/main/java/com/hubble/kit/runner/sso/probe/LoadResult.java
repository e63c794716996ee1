package com.hubble.kit.runner.sso.probe;

import java.time.Duration;
import java.util.List;

import com.hubble.kit.runner.report.Exchange;

/**
 * What N concurrent callers saw for the load duration: counts, latencies (a fixed-size histogram, whatever the
 * duration), the first failures as evidence, the rate cap they kept to (0: none) and why the load stopped.
 */
public record LoadResult(int concurrency, Duration duration, long requests, long errors, long timeouts,
                         LatencyHistogram latencies, List<Exchange> firstFailures, int maxRate, SeriesEnd end) {
    public LoadResult {
        firstFailures = List.copyOf(firstFailures);
    }

    /** Uncapped, from a list of latencies (fixtures). */
    public LoadResult(int concurrency, Duration duration, long requests, long errors, long timeouts,
                      List<Double> latenciesMillis, List<Exchange> firstFailures) {
        this(concurrency, duration, requests, errors, timeouts, LatencyHistogram.of(latenciesMillis), firstFailures,
                Settings.NO_RATE_CAP, SeriesEnd.PLANNED);
    }
}
