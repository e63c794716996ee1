package com.hubble.kit.runner.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one "run the checks, build a report" loop of every suite ({@code check}, {@code client-check},
 * {@code verify-pact}, the JUnit 5 extension): checks in catalogue order, one the user skipped reported as SKIP
 * without running, each result handed to {@code progress} as it ends, verdict and summary derived by
 * {@link Report#of}. A suite says only how one check is judged.
 */
public final class CheckRun {
    private CheckRun() {
    }

    /** Judges every check not in {@code skipped}; {@code starting} hears of each check before it runs. */
    public static <C extends Check<?>> List<CheckResult> results(List<C> checks, Set<String> skipped,
                                                               Consumer<? super C> starting,
                                                               Function<? super C, CheckResult> judge,
                                                               Consumer<CheckResult> progress) {
        List<CheckResult> results = new ArrayList<>();
        for (C check : checks) {
            starting.accept(check);
            CheckResult result = skipped.contains(check.id())
                    ? CheckResult.of(check, Outcome.notApplicable("skipped with --skip"), 0)
                    : judge.apply(check);
            results.add(result);
            progress.accept(result);
        }
        return results;
    }

    /** {@link #results} as a report of {@code suite}, timed from {@code startedAt}. */
    public static <C extends Check<?>> Report run(String suite, String target, Instant startedAt, boolean strict,
                                                 List<String> notes, List<C> checks, Set<String> skipped,
                                                 Consumer<? super C> starting, Function<? super C, CheckResult> judge,
                                                 Consumer<CheckResult> progress) {
        List<CheckResult> results = results(checks, skipped, starting, judge, progress);
        long durationMs = Duration.between(startedAt, Instant.now()).toMillis();
        return Report.of(suite, target, startedAt, durationMs, strict, results, notes);
    }

    /**
     * A check's judgement of its input, timed. A check that throws is reported as ERROR (the kit could not judge):
     * a bug in a check must neither pass for a partner's failure nor crash the run.
     */
    public static <I> CheckResult judge(Check<I> check, I input) {
        long start = System.nanoTime();
        Outcome outcome;
        try {
            outcome = check.evaluate(input);
        } catch (RuntimeException e) {
            outcome = Outcome.error("the kit could not judge this check (" + e.getClass().getSimpleName() + ")");
        }
        return CheckResult.of(check, outcome, Duration.ofNanos(System.nanoTime() - start).toMillis());
    }
}
