package com.hubble.kit.runner.sso.probe;

import java.time.Duration;
import java.util.List;

import com.hubble.kit.runner.report.Exchange;

/**
 * Sequential timings of valid calls and of rejected (random-token) calls, with the slowest as evidence, and how
 * each series ended.
 */
public record LatencySamples(List<Sample> valid, List<Sample> rejected, Duration budget, int validWanted,
                             List<Exchange> notable, int rejectedWanted, SeriesEnd validEnd, SeriesEnd rejectedEnd) {
    public LatencySamples {
        valid = List.copyOf(valid);
        rejected = List.copyOf(rejected);
        notable = List.copyOf(notable);
    }

    /** Both series as planned (fixtures). */
    public LatencySamples(List<Sample> valid, List<Sample> rejected, Duration budget, int validWanted,
                          List<Exchange> notable) {
        this(valid, rejected, budget, validWanted, notable, rejected.size(), SeriesEnd.PLANNED, SeriesEnd.PLANNED);
    }
}
