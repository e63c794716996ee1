package com.hubble.kit.runner.sso.probe;

import java.time.Duration;
import java.util.List;

import com.hubble.kit.runner.report.Exchange;

/** What N concurrent callers saw for the load duration: counts, latencies, the first failures as evidence. */
public record LoadResult(int concurrency, Duration duration, long requests, long errors, long timeouts,
                         List<Double> latenciesMillis, List<Exchange> firstFailures) {
    public LoadResult {
        latenciesMillis = List.copyOf(latenciesMillis);
        firstFailures = List.copyOf(firstFailures);
    }
}
