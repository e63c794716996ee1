package com.hubble.kit.runner.sso.probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.hubble.kit.runner.report.Exchange;

/**
 * What N concurrent callers saw for the load duration: how many answers of each HTTP status, how many calls got no
 * answer (of them, how many timed out), latencies of the answered calls (a fixed-size histogram, whatever the
 * duration), the first calls the check's {@link LoadRule} counted as errors as evidence, the rate cap they kept to
 * (0: none) and why the load stopped.
 */
public record LoadResult(int concurrency, Duration duration, Map<Integer, Long> answers, long unanswered, long timeouts,
                         LatencyHistogram latencies, List<Exchange> firstFailures, int maxRate, SeriesEnd end) {
    public LoadResult {
        answers = Map.copyOf(answers);
        firstFailures = List.copyOf(firstFailures);
    }

    /** Uncapped and as planned, from a list of latencies (fixtures). */
    public LoadResult(int concurrency, Duration duration, Map<Integer, Long> answers, long unanswered, long timeouts,
                      List<Double> latenciesMillis) {
        this(concurrency, duration, answers, unanswered, timeouts, LatencyHistogram.of(latenciesMillis), List.of(),
                Settings.NO_RATE_CAP, SeriesEnd.PLANNED);
    }

    /** Every call made, answered or not. */
    public long requests() {
        return answers.values().stream().mapToLong(Long::longValue).sum() + unanswered;
    }
}
