package com.hubble.kit.runner.sso;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.hubble.kit.runner.access.TokenSourceFailure;
import com.hubble.kit.runner.report.CheckResult;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Report;
import com.hubble.kit.runner.sso.probe.Probe;
import com.hubble.kit.runner.sso.probe.ProbeContext;
import com.hubble.kit.runner.sso.probe.Probed;

/**
 * Runs checks in catalogue order: each check's probe records (equal probes once per run), the check judges.
 * A token source failing mid-run aborts the run (a configuration error); everything the partner does is an outcome.
 */
public final class SsoRun {
    private final ProbeContext context;
    private final Map<Probe<?>, Probed<?>> recorded = new HashMap<>();
    private Consumer<SsoCheck<?>> starting = check -> { };

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
                      List<String> notes, Consumer<CheckResult> progress) throws TokenSourceFailure {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        List<CheckResult> results = new ArrayList<>();
        for (SsoCheck<?> check : checks) {
            starting.accept(check);
            CheckResult result = skipped.contains(check.id())
                    ? CheckResult.of(check, Outcome.notApplicable("skipped with --skip"), 0)
                    : runOne(check);
            results.add(result);
            progress.accept(result);
        }
        long durationMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        return Report.of("sso", target, startedAt, durationMs, strict, results, notes);
    }

    @SuppressWarnings("unchecked")
    private <I> CheckResult runOne(SsoCheck<I> check) {
        long start = System.nanoTime();
        Probed<I> probed = (Probed<I>) recorded.computeIfAbsent(check.probe(), probe -> probe.run(context));
        Outcome outcome;
        try {
            // Bound redactor: partner text a check quotes is redacted whole before the check shortens it.
            outcome = context.client().redactor().whileJudging(() -> switch (probed) {
                case Probed.Gathered<I> gathered -> check.evaluate(gathered.input());
                case Probed.Lacking<I> lacking -> Outcome.missing(lacking.input());
                case Probed.NotApplicable<I> na -> Outcome.notApplicable(na.why());
            });
        } catch (RuntimeException e) {
            // A bug in a check must not pass for a partner's failure, nor crash the run.
            outcome = Outcome.error("the kit could not judge this check (" + e.getClass().getSimpleName() + ")");
        }
        return CheckResult.of(check, context.client().redactor().redact(outcome), Duration.ofNanos(System.nanoTime() - start).toMillis());
    }
}
