package com.hubble.kit.runner.sso;

import java.util.List;
import java.util.Locale;

import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Measurement;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;
import com.hubble.kit.runner.sso.probe.LoadProbe;
import com.hubble.kit.runner.sso.probe.LoadResult;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.SeriesEnd;

/** N concurrent rejected calls for the load duration: under 1% errors or timeouts. */
public final class PerfConcurrency implements SsoCheck<LoadResult> {
    static final double MAX_ERROR_RATE = 0.01;
    private static final LoadProbe PROBE = new LoadProbe();
    private static final CheckInfo INFO = new CheckInfo("sso.perf.concurrency",
            "Under 1% errors with concurrent calls", Severity.SHOULD, Area.PERFORMANCE,
            Source.SSO_DOC + "every SDK start of every user calls /sso, so calls arrive concurrently. The kit sends "
                    + "--concurrency parallel callers for --load-duration (at the default, 3s, it stops after 1 s once the "
                    + "1% verdict is settled at 95% confidence) and allows under 1% errors or timeouts "
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

    @Override
    public Outcome evaluate(LoadResult load) {
        double seconds = Math.max(0.001, load.duration().toNanos() / 1e9);
        double rate = load.requests() == 0 ? 1 : (double) load.errors() / load.requests();
        List<Measurement> figures = List.of(
                Measurement.of("concurrency", load.concurrency(), "callers"),
                Measurement.of("requests", load.requests(), "calls"),
                Measurement.of("errors", load.errors(), "calls"),
                Measurement.of("timeouts", load.timeouts(), "calls"),
                Measurement.of("errorRate", rate * 100, "%"),
                Measurement.of("throughput", load.requests() / seconds, "calls/s"),
                Measurement.of("p50", load.latencies().percentileMillis(50), "ms"),
                Measurement.of("p95", load.latencies().percentileMillis(95), "ms"),
                Measurement.of("p99", load.latencies().percentileMillis(99), "ms"));
        String summary = String.format(Locale.ROOT, "%d callers, %d calls in %.1f s (%.0f calls/s), %d errors (%.2f%%), "
                        + "%d timeouts, p95 %.1f ms", load.concurrency(), load.requests(), seconds, load.requests() / seconds,
                load.errors(), rate * 100, load.timeouts(), load.latencies().percentileMillis(95))
                + (load.maxRate() > 0 ? " (capped at " + load.maxRate() + " calls/s by --max-rate)" : "")
                + (load.end() == SeriesEnd.PLANNED ? "" : "; " + load.end().description());
        if (load.requests() > 0 && rate < MAX_ERROR_RATE) {
            return new Outcome.Pass(summary, List.of(), figures);
        }
        return new Outcome.Fail((load.requests() == 0 ? "no call completed: " : "error rate over 1%: ") + summary,
                load.firstFailures(), figures);
    }
}
