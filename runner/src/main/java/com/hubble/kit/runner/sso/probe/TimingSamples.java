package com.hubble.kit.runner.sso.probe;

import java.util.List;

import com.hubble.kit.runner.report.Exchange;

/** Interleaved timings of calls with a wrong-first-byte secret and with a wrong-last-byte secret. */
public record TimingSamples(List<Double> wrongFirstMillis, List<Double> wrongLastMillis, long failures,
                            List<Exchange> notable) {
    public TimingSamples {
        wrongFirstMillis = List.copyOf(wrongFirstMillis);
        wrongLastMillis = List.copyOf(wrongLastMillis);
        notable = List.copyOf(notable);
    }
}
