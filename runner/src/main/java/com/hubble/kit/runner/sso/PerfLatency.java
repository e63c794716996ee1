package com.hubble.kit.runner.sso;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Measurement;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.LatencyProbe;
import com.hubble.kit.runner.sso.probe.LatencySamples;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.Sample;
import com.hubble.kit.runner.sso.probe.SeriesEnd;

/** p95 of valid calls and p95 of rejected calls are each within --latency-budget. */
public final class PerfLatency implements SsoCheck<LatencySamples> {
    static final int VALID_CALLS = 20;
    static final int REJECTED_CALLS = 20;
    private static final LatencyProbe PROBE = new LatencyProbe(VALID_CALLS, REJECTED_CALLS, PerfLatency::decided);
    private static final CheckInfo INFO = new CheckInfo("sso.perf.latency",
            "p95 latency of valid and rejected calls within the budget", Severity.SHOULD, Area.PERFORMANCE,
            Source.SSO_DOC + "\"When the SDK is initialised, our backend will get the token, make a call to the above "
                    + "requested API\": /sso is on the user's path to the voucher screen. Budget: --latency-budget "
                    + "(default 1s, the kit's choice; the source gives none).",
            PROBE.describe(),
            "Keep /sso to a token check and one user lookup: cache signing keys, index the user store, no remote "
                    + "calls in the path.");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Probe<LatencySamples> probe() {
        return PROBE;
    }

    @Override
    public Outcome evaluate(LatencySamples samples) {
        List<Measurement> figures = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        double budget = samples.budget().toMillis();
        if (samples.valid().isEmpty()) {
            return Outcome.missing("valid tokens for timed calls (--token or --token-command)");
        }
        series("valid", samples.valid(), PerfLatency::validAnswer, budget, figures, problems);
        series("rejected", samples.rejected(), PerfLatency::rejection, budget, figures, problems);
        figures.add(Measurement.of("budget", budget, "ms"));
        figures.add(Measurement.of("valid.planned", samples.validWanted(), "calls"));
        figures.add(Measurement.of("rejected.planned", samples.rejectedWanted(), "calls"));
        String summary = String.format(Locale.ROOT, "p95 valid %.1f ms, p95 rejected %.1f ms (budget %.0f ms; %d+%d calls)",
                Stats.percentile(millis(samples.valid()), 95), Stats.percentile(millis(samples.rejected()), 95),
                budget, millis(samples.valid()).size(), millis(samples.rejected()).size())
                + ended("valid", samples.valid().size(), samples.validWanted(), samples.validEnd())
                + ended("rejected", samples.rejected().size(), samples.rejectedWanted(), samples.rejectedEnd());
        if (problems.isEmpty()) {
            return new Outcome.Pass(summary, List.of(), figures);
        }
        return new Outcome.Fail(String.join("; ", problems) + " — " + summary, samples.notable(), figures);
    }

    /** A valid token is accepted with 200. */
    static boolean validAnswer(int status) {
        return status == 200;
    }

    /** A random token is rejected with 400 or 401. */
    static boolean rejection(int status) {
        return status == 400 || status == 401;
    }

    /**
     * The stopping rule the probe is given: whether the p95 (nearest rank) of the planned series is already over the
     * budget whatever the remaining calls take, i.e. once more than planned - ceil(0.95 planned) answers were slower
     * than the budget. Up to 20 planned calls, the p95 of the calls taken is then over the budget too, so stopping
     * never changes the verdict.
     */
    static boolean decided(List<Sample> taken, int planned, Duration budget) {
        double budgetMillis = budget.toNanos() / 1e6;
        long over = taken.stream().filter(s -> s.responded() && s.millis() > budgetMillis).count();
        return over >= planned - (int) Math.ceil(0.95 * planned) + 1;
    }

    private static void series(String name, List<Sample> samples, IntPredicate expected, double budget,
                               List<Measurement> figures, List<String> problems) {
        // Only completed HTTP responses are timings; a refused or timed-out call is no fast call.
        List<Double> values = millis(samples);
        long silent = samples.stream().filter(s -> !s.responded()).count();
        figures.add(Measurement.of(name + ".noResponse", silent, "calls"));
        if (silent > 0) {
            problems.add(silent + " of " + samples.size() + " timed " + name + " calls got no HTTP response");
        }
        double p95 = Stats.percentile(values, 95);
        figures.add(Measurement.of(name + ".p50", Stats.percentile(values, 50), "ms"));
        figures.add(Measurement.of(name + ".p95", p95, "ms"));
        figures.add(Measurement.of(name + ".p99", Stats.percentile(values, 99), "ms"));
        figures.add(Measurement.of(name + ".samples", samples.size(), "calls"));
        long wrong = samples.stream().filter(s -> !expected.test(s.status())).count();
        figures.add(Measurement.of(name + ".unexpected", wrong, "calls"));
        if (p95 > budget) {
            problems.add(String.format(Locale.ROOT, "p95 of %s calls %.1f ms is over the %.0f ms budget", name, p95, budget));
        }
    }

    /** "; valid calls: 2 of 20, stopped early: ..." for a series that did not make every planned call. */
    private static String ended(String name, int taken, int planned, SeriesEnd end) {
        return end == SeriesEnd.PLANNED ? ""
                : String.format(Locale.ROOT, "; %s calls: %d of %d, %s", name, taken, planned, end.description());
    }

    private static List<Double> millis(List<Sample> samples) {
        return samples.stream().filter(Sample::responded).map(Sample::millis).toList();
    }
}
