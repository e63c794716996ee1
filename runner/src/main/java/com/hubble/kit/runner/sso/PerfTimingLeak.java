package com.hubble.kit.runner.sso;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Measurement;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.TimingProbe;
import com.hubble.kit.runner.sso.probe.TimingSamples;

/**
 * Welch's t over wrong-first-character vs wrong-last-character secrets. |t| above 4.5 (the dudect threshold)
 * is a WARN, if a second, independent series shows it again in the same direction: on a busy machine one series of a
 * constant-time partner once gave t = -5.2 (a false WARN), and a real leak shows every time. INFO only: network
 * noise hides a nanosecond leak, so a PASS does not prove constant time.
 */
public final class PerfTimingLeak implements SsoCheck<TimingSamples> {
    static final int PAIRS = 100;
    static final double THRESHOLD = 4.5;
    private static final TimingProbe PROBE = new TimingProbe(PAIRS, PerfTimingLeak::flagged);
    private static final CheckInfo INFO = new CheckInfo("sso.perf.timing-leak",
            "No measurable timing difference in the secret comparison", Severity.INFO, Area.PERFORMANCE,
            "CWE-208 observable timing discrepancy: a byte-by-byte comparison of X-Hubble-Secret answers a wrong first "
                    + "character sooner than a wrong last one, which lets an attacker guess the secret one character at a "
                    + "time. Welch's t test, |t| > 4.5 flagged (dudect, Reparaz et al. 2017).",
            PROBE.describe(),
            "Compare secrets in constant time: MessageDigest.isEqual (Java), hmac.compare_digest (Python), "
                    + "crypto.timingSafeEqual (Node), subtle.ConstantTimeCompare (Go).");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Probe<TimingSamples> probe() {
        return PROBE;
    }

    @Override
    public Outcome evaluate(TimingSamples samples) {
        Series series = Series.of(samples);
        String summary = series.summary();
        if (!series.judgeable()) {
            return new Outcome.Warn("too few timed calls to judge: " + summary, samples.notable(), series.figures(samples));
        }
        if (Math.abs(series.t()) <= THRESHOLD) {
            return new Outcome.Pass("no timing difference detected (|t| <= " + THRESHOLD + "; this does not prove "
                    + "constant time): " + summary, List.of(), series.figures(samples));
        }
        if (samples.confirmation() == null) {
            return new Outcome.Warn("the secret comparison may leak timing: |t| > " + THRESHOLD + "; " + summary,
                    List.of(), series.figures(samples));
        }
        Series again = Series.of(samples.confirmation());
        List<Measurement> figures = new ArrayList<>(series.figures(samples));
        figures.add(Measurement.of("t.confirmation", again.t(), ""));
        if (Math.abs(again.t()) > THRESHOLD && Math.signum(again.t()) == Math.signum(series.t())) {
            return new Outcome.Warn("the secret comparison may leak timing: |t| > " + THRESHOLD + " in two series; "
                    + summary + "; again " + again.summary(), List.of(), figures);
        }
        return new Outcome.Pass("no timing difference confirmed (|t| <= " + THRESHOLD + " in a second series, or the "
                + "other way round; this does not prove constant time): first " + summary + "; again "
                + again.summary(), List.of(), figures);
    }

    /** Whether one series looks like a leak, so the probe takes a second one to confirm it. */
    static boolean flagged(TimingSamples samples) {
        Series series = Series.of(samples);
        return series.judgeable() && Math.abs(series.t()) > THRESHOLD;
    }

    /** One series, its slowest 10% cropped (collector pauses, network hiccups), and Welch's t over it. */
    private record Series(List<Double> first, List<Double> last, double t) {
        static Series of(TimingSamples samples) {
            List<Double> pooled = new ArrayList<>(samples.wrongFirstMillis());
            pooled.addAll(samples.wrongLastMillis());
            double cut = Stats.percentile(pooled, 90);
            List<Double> first = Stats.cropAbove(samples.wrongFirstMillis(), cut);
            List<Double> last = Stats.cropAbove(samples.wrongLastMillis(), cut);
            return new Series(first, last, Stats.welchT(first, last));
        }

        /** Enough timed calls on each side (20) for t to mean anything. */
        boolean judgeable() {
            return first.size() >= 20 && last.size() >= 20;
        }

        String summary() {
            return String.format(Locale.ROOT, "Welch's t = %.2f over %d wrong-first and %d wrong-last calls "
                    + "(means %.3f ms vs %.3f ms)", t, first.size(), last.size(), Stats.mean(first), Stats.mean(last));
        }

        List<Measurement> figures(TimingSamples samples) {
            return List.of(
                    Measurement.of("t", t, ""),
                    Measurement.of("wrongFirst.samples", first.size(), "calls"),
                    Measurement.of("wrongLast.samples", last.size(), "calls"),
                    Measurement.of("wrongFirst.mean", Stats.mean(first), "ms"),
                    Measurement.of("wrongLast.mean", Stats.mean(last), "ms"),
                    Measurement.of("failures", samples.failures(), "calls"));
        }
    }
}
