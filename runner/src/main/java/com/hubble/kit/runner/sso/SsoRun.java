package com.hubble.kit.runner.sso;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import com.hubble.kit.runner.config.UsageError;
import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.CheckRun;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.ProbeContext;
import com.hubble.kit.runner.sso.probe.Probed;
import com.hubble.kit.runner.sso.probe.Schedule;

/**
 * Runs checks in catalogue order: each check's probe records (equal probes once per run), the check judges.
 * Probes that may ({@link Schedule#ALONGSIDE}) run up to {@code --parallelism} at a time from the start of the run;
 * a probe judging what the others recorded waits for all of them, and a timing-sensitive one runs with nothing else in
 * flight. Results are judged and reported in catalogue order whatever finishes first, so the parallelism changes
 * how long a run takes, never what it finds.
 * A token source failing mid-run aborts the run (a configuration error); everything the partner does is an outcome.
 */
public final class SsoRun {
    private final ProbeContext context;
    private Consumer<SsoCheck<?>> starting = check -> { };

    /** A probe's result and how long it took. */
    private record Timed(Probed<?> probed, long millis) {
    }

    public SsoRun(ProbeContext context) {
        this.context = context;
    }

    /** Called before each check runs (the live progress line on a terminal). */
    public SsoRun onStart(Consumer<SsoCheck<?>> listener) {
        this.starting = listener;
        return this;
    }

    /**
     * @param skipped ids the user skipped with --skip: reported as SKIP, not run
     * @param progress called once per finished check (progress lines on stderr)
     */
    public Report run(String target, List<SsoCheck<?>> checks, Set<String> skipped, boolean strict,
                      List<String> notes, Consumer<CheckResult> progress) throws UsageError {
        Instant startedAt = Instant.now();
        // Each distinct probe once, numbered in catalogue order: that number orders what it records in the log.
        Map<Probe<?>, Integer> positions = new LinkedHashMap<>();
        for (SsoCheck<?> check : checks) {
            if (!skipped.contains(check.id())) {
                positions.putIfAbsent(check.probe(), positions.size() + 1);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, context.settings().parallelism()), runnable -> {
            Thread thread = new Thread(runnable, "hubble-kit-probe");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<Probe<?>, Future<Timed>> alongside = new HashMap<>();
            positions.forEach((probe, position) -> {
                if (probe.schedule() == Schedule.ALONGSIDE) {
                    alongside.put(probe, pool.submit(() -> timed(probe, position)));
                }
            });
            Map<Probe<?>, Timed> done = new HashMap<>();
            Set<Probe<?>> reported = new HashSet<>();
            return CheckRun.run("sso", target, startedAt, strict, notes, checks, skipped, starting, check -> {
                Probe<?> probe = check.probe();
                Timed timed = done.get(probe);
                if (timed == null) {
                    if (probe.schedule() == Schedule.ALONGSIDE) {
                        timed = await(alongside.get(probe));
                    } else {
                        for (Future<Timed> other : alongside.values()) {
                            await(other); // the others finish first: recorded for it, or quiet for it
                        }
                        timed = timed(probe, positions.get(probe));
                    }
                    done.put(probe, timed);
                }
                // The probe's time counts once, for the first check that judges it.
                return judge(check, timed, reported.add(probe) ? timed.millis() : 0);
            }, progress);
        } finally {
            pool.shutdownNow();
        }
    }

    private Timed timed(Probe<?> probe, int position) {
        long start = System.nanoTime();
        Probed<?> probed = probe.run(context.at(position));
        return new Timed(probed, Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    private static Timed await(Future<Timed> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a probe");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime; // a token source failing aborts the run, as it would have without parallelism
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @SuppressWarnings("unchecked")
    private <I> CheckResult judge(SsoCheck<I> check, Timed timed, long probeMillis) {
        long start = System.nanoTime();
        // Bound redactor: partner text a check quotes is redacted whole before the check shortens it.
        Outcome outcome = context.client().redactor().whileJudging(() -> switch ((Probed<I>) timed.probed()) {
            case Probed.Gathered<I> gathered -> CheckRun.judge(check, gathered.input()).outcome();
            case Probed.Lacking<I> lacking -> Outcome.missing(lacking.input());
            case Probed.NotApplicable<I> na -> Outcome.notApplicable(na.why());
        });
        return CheckResult.of(check, context.client().redactor().redact(outcome),
                probeMillis + Duration.ofNanos(System.nanoTime() - start).toMillis());
    }
}
