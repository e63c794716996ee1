package com.hubble.kit.runner.sso;

import java.util.List;
import java.util.Locale;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Measurement;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.LoadProbe;
import com.hubble.kit.runner.sso.probe.LoadResult;
import com.hubble.kit.runner.sso.probe.LoadRule;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.SeriesEnd;
import com.hubble.kit.runner.sso.probe.Settings;

/** N concurrent rejected calls for the load duration: under 1% errors or timeouts. */
public final class PerfConcurrency implements SsoCheck<LoadResult> {
    static final double MAX_ERROR_RATE = 0.01;
    /**
     * A rate is steady when each of this many consecutive windows (LoadRule.Progress#window, 0.1 s) completed calls and
     * the busiest held at most {@link #STEADY_SPREAD} times the calls of the quietest.
     */
    static final int STEADY_WINDOWS = 3;
    static final double STEADY_SPREAD = 1.25;
    private static final double Z = 1.96; // 95% two-sided
    /** What the load probe is told: what an error is, and when the 1% verdict cannot change any more. */
    static final LoadRule RULE = new LoadRule() {
        @Override
        public boolean error(int status) {
            return !rejection(status);
        }

        @Override
        public boolean settled(LoadRule.Progress progress) {
            // A duration the user chose is held, even one equal to the default; the default is a ceiling once more
            // calls could change neither the verdict (settled at 95%) nor the rate and latencies reported (steady:
            // warmed up, not still climbing; with a fixed number of callers a steady rate is a steady mean latency).
            return !progress.plannedChosen() && PerfConcurrency.settled(progress.calls(), progress.errors())
                    && steady(progress.recentWindows());
        }
    };
    private static final LoadProbe PROBE = new LoadProbe(RULE);
    private static final CheckInfo INFO = new CheckInfo("sso.perf.concurrency",
            "Under 1% errors with concurrent calls", Severity.SHOULD, Area.PERFORMANCE,
            Source.SSO_DOC + "every SDK start of every user calls /sso, so calls arrive concurrently. The kit sends "
                    + "--concurrency parallel callers for --load-duration (when none is given, it stops before the default "
                    + Settings.LOAD_DURATION + " once the 1% verdict is settled at 95% confidence and the call rate is "
                    + "steady: three 0.1 s windows within 25% of each other) and allows under 1% errors or timeouts "
                    + "(the kit's choice; the source gives none).",
            PROBE.describe(),
            "Size the connection pool and worker threads for concurrent calls; do not serialise on a lock or a single "
                    + "database connection; reject invalid tokens cheaply.");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Probe<LoadResult> probe() {
        return PROBE;
    }

    /** A random token must be rejected, with 400 or 401; anything else, or no answer, is an error. */
    static boolean rejection(int status) {
        return status == 400 || status == 401;
    }

    /**
     * Whether the error rate's 95% Wilson score interval lies wholly below or wholly above 1%: more calls would not
     * change the verdict (with no errors, after about 400 calls).
     */
    static boolean settled(long calls, long errors) {
        if (calls == 0) {
            return false;
        }
        double n = calls;
        double p = errors / n;
        double centre = p + Z * Z / (2 * n);
        double spread = Z * Math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n));
        double denominator = 1 + Z * Z / n;
        return (centre + spread) / denominator < MAX_ERROR_RATE || (centre - spread) / denominator > MAX_ERROR_RATE;
    }

    /** Whether the last {@link #STEADY_WINDOWS} windows each completed calls, within {@link #STEADY_SPREAD} of each other. */
    static boolean steady(List<Long> windows) {
        if (windows.size() < STEADY_WINDOWS) {
            return false;
        }
        List<Long> last = windows.subList(windows.size() - STEADY_WINDOWS, windows.size());
        long least = last.stream().mapToLong(Long::longValue).min().orElse(0);
        long most = last.stream().mapToLong(Long::longValue).max().orElse(0);
        return least > 0 && most <= least * STEADY_SPREAD;
    }

    /** The calls of a load that count against the target: answers other than a rejection, and calls with no answer. */
    static long errors(LoadResult load) {
        long wrong = load.answers().entrySet().stream().filter(e -> RULE.error(e.getKey()))
                .mapToLong(e -> e.getValue()).sum();
        return wrong + (RULE.error(LoadRule.NO_RESPONSE) ? load.unanswered() : 0);
    }

    @Override
    public Outcome evaluate(LoadResult load) {
        double seconds = Math.max(0.001, load.duration().toNanos() / 1e9);
        long errors = errors(load);
        double rate = load.requests() == 0 ? 1 : (double) errors / load.requests();
        List<Measurement> figures = List.of(
                Measurement.of("concurrency", load.concurrency(), "callers"),
                Measurement.of("requests", load.requests(), "calls"),
                Measurement.of("errors", errors, "calls"),
                Measurement.of("timeouts", load.timeouts(), "calls"),
                Measurement.of("errorRate", rate * 100, "%"),
                Measurement.of("throughput", load.requests() / seconds, "calls/s"),
                Measurement.of("p50", load.latencies().percentileMillis(50), "ms"),
                Measurement.of("p95", load.latencies().percentileMillis(95), "ms"),
                Measurement.of("p99", load.latencies().percentileMillis(99), "ms"));
        String summary = (load.requests() == 0
                ? String.format(Locale.ROOT, "%d callers, no call completed in %.1f s", load.concurrency(), seconds)
                : String.format(Locale.ROOT, "%d callers, %d calls in %.1f s (%.0f calls/s), %d errors (%.2f%%), "
                        + "%d timeouts, p95 %.1f ms", load.concurrency(), load.requests(), seconds, load.requests() / seconds,
                errors, rate * 100, load.timeouts(), load.latencies().percentileMillis(95)))
                + (load.maxRate() > 0 ? " (capped at " + load.maxRate() + " calls/s by --max-rate)" : "")
                + (load.end() == SeriesEnd.PLANNED ? "" : "; " + load.end().description());
        if (load.requests() > 0 && rate < MAX_ERROR_RATE) {
            return new Outcome.Pass(summary, List.of(), figures);
        }
        return new Outcome.Fail((load.requests() == 0 ? "" : "error rate over 1%: ") + summary,
                load.firstFailures(), figures);
    }
}
