package com.hubble.kit.runner.sso.probe;

import java.util.List;

import com.hubble.kit.runner.report.Exchange;

/**
 * Interleaved timings of calls with a wrong-first-byte secret and with a wrong-last-byte secret, and, when the first
 * series looked like a leak, the timings of a second, independent series taken to confirm it ({@code confirmation}:
 * null when none was taken).
 */
public record TimingSamples(List<Double> wrongFirstMillis, List<Double> wrongLastMillis, long failures,
                            List<Exchange> notable, TimingSamples confirmation) {
    public TimingSamples {
        wrongFirstMillis = List.copyOf(wrongFirstMillis);
        wrongLastMillis = List.copyOf(wrongLastMillis);
        notable = List.copyOf(notable);
    }

    /** One series, not confirmed. */
    public TimingSamples(List<Double> wrongFirstMillis, List<Double> wrongLastMillis, long failures,
                         List<Exchange> notable) {
        this(wrongFirstMillis, wrongLastMillis, failures, notable, null);
    }

    /** The same series with {@code second} as its confirmation. */
    public TimingSamples confirmedBy(TimingSamples second) {
        return new TimingSamples(wrongFirstMillis, wrongLastMillis, failures + second.failures(), notable, second);
    }
}
